/**
 * Bluesky Jetstream events (JSON Lines): `commit` events of `app.bsky.feed.post` are posts;
 * `identity` events say which handle a DID goes by; `account` events, deletes and other
 * collections carry no post.
 *
 * Facets locate hashtags and links by UTF-8 *byte* offsets into `text`, not by characters.
 */
import { z } from 'zod';
import { makePost } from '../records/post.js';
import type { FormatReader, ReadContext, ReadOutcome } from './format-reader.js';
import { isObject } from './format-reader.js';
import { extractHashtags, unique } from './hashtags.js';
import { describeSchemaError, normalizeLanguage, toIsoInstant } from './validation.js';

const POST_COLLECTION = 'app.bsky.feed.post';
const EVENT_KINDS = new Set(['commit', 'identity', 'account']);

const FacetSchema = z.object({
  index: z.object({ byteStart: z.number().int(), byteEnd: z.number().int() }),
  features: z.array(
    z.object({ $type: z.string(), tag: z.string().optional(), uri: z.string().optional() }),
  ),
});

const PostRecordSchema = z.object({
  text: z.string(),
  createdAt: z.string(),
  langs: z.array(z.string()).optional(),
  facets: z.array(FacetSchema).optional(),
  embed: z.unknown().optional(),
});

const CommitEventSchema = z.object({
  did: z.string().startsWith('did:'),
  time_us: z.number(),
  kind: z.literal('commit'),
  commit: z.object({
    operation: z.string(),
    collection: z.string(),
    rkey: z.string().min(1),
    record: z.unknown().optional(),
  }),
});

const IdentityEventSchema = z.object({
  did: z.string().startsWith('did:'),
  kind: z.literal('identity'),
  identity: z.object({ handle: z.string().optional() }),
});

function isJetstreamEvent(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.did === 'string' &&
    typeof value.kind === 'string' &&
    EVENT_KINDS.has(value.kind)
  );
}

/** The hashtags as written in the text (case kept), in order of appearance. */
function facetHashtags(text: string, facets: z.infer<typeof FacetSchema>[]): string[] | null {
  const spans: { start: number; tag: string }[] = [];
  let bytes: Buffer | undefined;
  for (const facet of facets) {
    for (const feature of facet.features) {
      if (feature.$type !== 'app.bsky.richtext.facet#tag' || !feature.tag) continue;
      bytes ??= Buffer.from(text, 'utf8');
      const written = bytes.subarray(facet.index.byteStart, facet.index.byteEnd).toString('utf8');
      const tag = /^[#＃]/.test(written) ? written.slice(1) : feature.tag;
      spans.push({ start: facet.index.byteStart, tag: tag.length > 0 ? tag : feature.tag });
    }
  }
  if (spans.length === 0) return null;
  return spans.toSorted((a, b) => a.start - b.start).map((span) => span.tag);
}

function facetLinks(facets: z.infer<typeof FacetSchema>[]): string[] {
  const links: string[] = [];
  for (const facet of facets) {
    for (const feature of facet.features) {
      if (feature.$type === 'app.bsky.richtext.facet#link' && feature.uri) links.push(feature.uri);
    }
  }
  return links;
}

/** The link of an external card embed (`app.bsky.embed.external`), alone or beside media. */
function embedLink(embed: unknown): string | null {
  if (!isObject(embed)) return null;
  if (isObject(embed.external) && typeof embed.external.uri === 'string') return embed.external.uri;
  return isObject(embed.media) ? embedLink(embed.media) : null;
}

function handleFor(did: string, context: ReadContext): string {
  return context.blueskyHandles.get(did) ?? context.blueskyHandlesAhead.get(did) ?? did;
}

function readCommit(event: z.infer<typeof CommitEventSchema>, context: ReadContext): ReadOutcome {
  const { commit } = event;
  if (commit.collection !== POST_COLLECTION) return { kind: 'skip' };
  if (commit.operation !== 'create' && commit.operation !== 'update') return { kind: 'skip' };
  const parsed = PostRecordSchema.safeParse(commit.record);
  if (!parsed.success) {
    return { kind: 'invalid', message: `commit.record.${describeSchemaError(parsed.error)}` };
  }
  const record = parsed.data;
  const createdAt =
    toIsoInstant(record.createdAt) ?? toIsoInstant(Math.floor(event.time_us / 1000));
  if (!createdAt) return { kind: 'invalid', message: 'unreadable createdAt and time_us' };
  const facets = record.facets ?? [];
  const card = embedLink(record.embed);
  const handle = handleFor(event.did, context);
  const post = makePost({
    id: `bluesky:at://${event.did}/${POST_COLLECTION}/${commit.rkey}`,
    platform: 'bluesky',
    account: `bluesky:${handle.toLowerCase()}`,
    accountCreatedAt: null,
    createdAt,
    lang: normalizeLanguage(record.langs?.[0]),
    text: record.text,
    hashtags: facetHashtags(record.text, facets) ?? extractHashtags(record.text),
    urls: unique(card ? [...facetLinks(facets), card] : facetLinks(facets)),
    // The DID, not the handle: a permalink that survives a change of handle.
    url: `https://bsky.app/profile/${event.did}/post/${commit.rkey}`,
  });
  return { kind: 'post', post };
}

export const jetstreamReader: FormatReader = {
  format: 'jetstream',
  recognizesDocument: () => false,
  recognizesLine: isJetstreamEvent,
  *read(value, context) {
    if (!isJetstreamEvent(value)) {
      yield { kind: 'invalid', message: 'expected a Jetstream event with `did` and `kind`' };
      return;
    }
    const kind = (value as { kind: string }).kind;
    if (kind === 'identity') {
      const parsed = IdentityEventSchema.safeParse(value);
      if (!parsed.success) {
        yield { kind: 'invalid', message: describeSchemaError(parsed.error) };
        return;
      }
      const { handle } = parsed.data.identity;
      if (handle && handle !== 'handle.invalid') {
        context.blueskyHandles.set(parsed.data.did, handle);
      }
      yield { kind: 'skip' };
      return;
    }
    if (kind === 'account') {
      yield { kind: 'skip' };
      return;
    }
    const parsed = CommitEventSchema.safeParse(value);
    if (!parsed.success) {
      yield { kind: 'invalid', message: describeSchemaError(parsed.error) };
      return;
    }
    yield readCommit(parsed.data, context);
  },
  prescanLine(line, context) {
    // Cheap filter first: identity events are rare among commits.
    if (!line.includes('"identity"')) return;
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      return; // The main pass reports the malformed line with its number.
    }
    const parsed = IdentityEventSchema.safeParse(event);
    if (!parsed.success) return;
    const { did, identity } = parsed.data;
    if (identity.handle && identity.handle !== 'handle.invalid') {
      if (!context.blueskyHandlesAhead.has(did))
        context.blueskyHandlesAhead.set(did, identity.handle);
    }
  },
};
