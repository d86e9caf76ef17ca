/**
 * tagwatch's own JSON Lines: one canonical post a line, for any source without a reader of its
 * own. Only `id`, `platform`, `account`, `createdAt` and `text` are required; hashtags and links
 * are extracted when absent.
 */
import { z } from 'zod';
import { makePost, PlatformSchema } from '../records/post.js';
import type { FormatReader } from './format-reader.js';
import { isObject } from './format-reader.js';
import { extractHashtags, extractUrls } from './hashtags.js';
import { describeSchemaError, normalizeLanguage, toIsoInstant } from './validation.js';

const CanonicalInputSchema = z.object({
  id: z.string().min(3),
  platform: PlatformSchema,
  account: z.string().min(3),
  accountCreatedAt: z.string().nullable().optional(),
  createdAt: z.string(),
  lang: z.string().nullable().optional(),
  text: z.string(),
  hashtags: z.array(z.string().min(1)).optional(),
  urls: z.array(z.string().min(1)).optional(),
  url: z.string().nullable().optional(),
});

function looksCanonical(value: unknown): boolean {
  return isObject(value) && typeof value.platform === 'string' && 'id' in value && 'text' in value;
}

export const tagwatchReader: FormatReader = {
  format: 'tagwatch',
  recognizesDocument: () => false,
  recognizesLine: looksCanonical,
  *read(value) {
    const parsed = CanonicalInputSchema.safeParse(value);
    if (!parsed.success) {
      yield { kind: 'invalid', message: describeSchemaError(parsed.error) };
      return;
    }
    const input = parsed.data;
    const createdAt = toIsoInstant(input.createdAt);
    if (!createdAt) {
      yield { kind: 'invalid', message: `createdAt: unreadable time "${input.createdAt}"` };
      return;
    }
    const accountCreatedAt = input.accountCreatedAt ? toIsoInstant(input.accountCreatedAt) : null;
    yield {
      kind: 'post',
      post: makePost({
        id: input.id,
        platform: input.platform,
        account: input.account.toLowerCase(),
        accountCreatedAt,
        createdAt,
        lang: normalizeLanguage(input.lang),
        text: input.text,
        hashtags: input.hashtags ?? extractHashtags(input.text),
        urls: input.urls ?? extractUrls(input.text),
        url: input.url ?? null,
      }),
    };
  },
};
