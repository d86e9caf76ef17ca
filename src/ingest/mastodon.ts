/**
 * Mastodon Status entities: a JSON array as `/api/v1/timelines/tag/:hashtag` and most other
 * timeline endpoints return it, or one status a line. `content` is HTML; `tags` are lowercased
 * by the server, so hashtags are taken from the content's anchors, where their case is kept.
 * Local accounts have a bare `acct`: the instance's domain is added from the account's URL.
 */
import { z } from 'zod';
import { makePost } from '../records/post.js';
import type { FormatReader, ReadOutcome } from './format-reader.js';
import { isObject } from './format-reader.js';
import { extractHashtags, unique } from './hashtags.js';
import { htmlToText } from './html-text.js';
import { describeSchemaError, normalizeLanguage, toIsoInstant } from './validation.js';

const AccountSchema = z.object({
  acct: z.string().min(1),
  url: z.string().optional(),
  created_at: z.string().nullable().optional(),
});

const StatusSchema = z.object({
  uri: z.string().min(1),
  url: z.string().nullable().optional(),
  created_at: z.string(),
  language: z.string().nullable().optional(),
  content: z.string(),
  spoiler_text: z.string().optional(),
  account: AccountSchema,
  card: z.object({ url: z.string().optional() }).nullable().optional(),
});

function looksLikeStatus(value: unknown): boolean {
  return isObject(value) && 'content' in value && 'account' in value && 'uri' in value;
}

function domainOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

function accountId(account: z.infer<typeof AccountSchema>, statusUri: string): string {
  const acct = account.acct.replace(/^@/, '').toLowerCase();
  if (acct.includes('@')) return `mastodon:${acct}`;
  const domain = domainOf(account.url) ?? domainOf(statusUri);
  return domain ? `mastodon:${acct}@${domain}` : `mastodon:${acct}`;
}

export function readStatus(value: unknown, record: number | undefined): ReadOutcome {
  const candidate = isObject(value) && isObject(value.reblog) ? value.reblog : value; // a boost carries the post inside
  const parsed = StatusSchema.safeParse(candidate);
  if (!parsed.success) {
    return { kind: 'invalid', record, message: `status ${describeSchemaError(parsed.error)}` };
  }
  const status = parsed.data;
  const createdAt = toIsoInstant(status.created_at);
  if (!createdAt) return { kind: 'invalid', record, message: 'status: unreadable created_at' };
  const body = htmlToText(status.content);
  const text = status.spoiler_text ? `${status.spoiler_text}\n\n${body.text}` : body.text;
  const accountCreatedAt = status.account.created_at
    ? toIsoInstant(status.account.created_at)
    : null;
  const post = makePost({
    id: `mastodon:${status.uri}`,
    platform: 'mastodon',
    account: accountId(status.account, status.uri),
    accountCreatedAt,
    createdAt,
    lang: normalizeLanguage(status.language),
    text,
    hashtags: body.hashtags.length > 0 ? body.hashtags : extractHashtags(text),
    urls: unique(status.card?.url ? [...body.links, status.card.url] : body.links),
    url: status.url ?? status.uri,
  });
  return { kind: 'post', post, record, raw: value };
}

export const mastodonReader: FormatReader = {
  format: 'mastodon',
  recognizesDocument: (value) =>
    Array.isArray(value) && (value.length === 0 || looksLikeStatus(value[0])),
  recognizesLine: looksLikeStatus,
  *read(value) {
    if (!Array.isArray(value)) {
      yield readStatus(value, undefined);
      return;
    }
    for (let index = 0; index < value.length; index++) yield readStatus(value[index], index);
  },
};
