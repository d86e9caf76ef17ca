/**
 * X API v2: recent-search / timeline pages (`{data: [tweet], includes: {users}, meta}`) and
 * filtered-stream lines (`{data: tweet, includes: {users}, matching_rules}`).
 *
 * Platform quirks handled here:
 * - `text` is HTML-escaped (`&amp;`, `&lt;`, `&gt;` only), and links are shortened to t.co with
 *   the destination in `entities.urls[].expanded_url`.
 * - Posts longer than 280 characters carry their full text and entities in `note_tweet`.
 * - Without the `created_at` field the time is still in the id (a snowflake).
 * - Without the `author_id` expansion there is no username; the numeric id stands in.
 */
import { z } from 'zod';
import { makePost } from '../records/post.js';
import type { FormatReader, ReadOutcome } from './format-reader.js';
import { isObject } from './format-reader.js';
import { extractHashtags, unique } from './hashtags.js';
import { describeSchemaError, normalizeLanguage, toIsoInstant } from './validation.js';

const UrlEntitySchema = z.object({
  url: z.string(),
  expanded_url: z.string().optional(),
  unwound_url: z.string().optional(),
});
const HashtagEntitySchema = z.object({ start: z.number(), tag: z.string() });
const EntitiesSchema = z.object({
  hashtags: z.array(HashtagEntitySchema).optional(),
  urls: z.array(UrlEntitySchema).optional(),
});

export const TweetSchema = z.object({
  id: z.string().regex(/^\d+$/, 'expected a numeric tweet id'),
  text: z.string(),
  author_id: z.string().optional(),
  created_at: z.string().optional(),
  lang: z.string().optional(),
  entities: EntitiesSchema.optional(),
  note_tweet: z.object({ text: z.string(), entities: EntitiesSchema.optional() }).optional(),
});
type Tweet = z.infer<typeof TweetSchema>;

interface User {
  id: string;
  username: string;
  created_at?: string;
}

/*
 * What TweetSchema accepts, checked by hand without building zod's copy of the record: a
 * million stream lines spend a tenth of their reading time in that copy. zod still validates
 * whatever this rejects, so that the problem is named; a test holds the two to the same verdicts.
 * A user object needs no message: a malformed one only loses the tweet its username.
 */
const optionalString = (value: unknown) => value === undefined || typeof value === 'string';
const DIGITS = /^\d+$/;

function isWellFormedEntities(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isObject(value)) return false;
  const { hashtags, urls } = value;
  if (hashtags !== undefined) {
    if (!Array.isArray(hashtags)) return false;
    for (const entity of hashtags) {
      if (!isObject(entity) || typeof entity.start !== 'number' || typeof entity.tag !== 'string')
        return false;
    }
  }
  if (urls !== undefined) {
    if (!Array.isArray(urls)) return false;
    for (const entity of urls) {
      if (!isObject(entity) || typeof entity.url !== 'string') return false;
      if (!optionalString(entity.expanded_url) || !optionalString(entity.unwound_url)) return false;
    }
  }
  return true;
}

export function isWellFormedTweet(value: unknown): value is Tweet {
  if (!isObject(value) || typeof value.id !== 'string' || !DIGITS.test(value.id)) return false;
  if (typeof value.text !== 'string') return false;
  if (
    !optionalString(value.author_id) ||
    !optionalString(value.created_at) ||
    !optionalString(value.lang)
  ) {
    return false;
  }
  if (!isWellFormedEntities(value.entities)) return false;
  const note = value.note_tweet;
  return (
    note === undefined ||
    (isObject(note) && typeof note.text === 'string' && isWellFormedEntities(note.entities))
  );
}

function isWellFormedUser(value: unknown): value is User {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.username === 'string' &&
    optionalString(value.created_at)
  );
}

/** X's epoch for snowflake ids (2010-11-04T01:42:54.657Z). */
const SNOWFLAKE_EPOCH_MS = 1288834974657n;

function timeFromSnowflake(id: string): string {
  return new Date(Number((BigInt(id) >> 22n) + SNOWFLAKE_EPOCH_MS)).toISOString();
}

/** X escapes exactly these three in `text`; `&amp;` last so `&amp;lt;` stays `&lt;`. */
function unescapeXText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/**
 * The included user with this id, as sent (the last one, should the id come twice); it is
 * validated only when a tweet uses it. A scan rather than a map by id: a stream line includes
 * one or two users, and a page at most a hundred.
 */
function includedUser(includes: unknown, id: string): unknown {
  if (!isObject(includes) || !Array.isArray(includes.users)) return undefined;
  let found: unknown;
  for (const candidate of includes.users) {
    if (isObject(candidate) && candidate.id === id) found = candidate;
  }
  return found;
}

function inOrder(hashtags: { start: number; tag: string }[]): string[] {
  for (let index = 1; index < hashtags.length; index++) {
    if (
      (hashtags[index] as { start: number }).start <
      (hashtags[index - 1] as { start: number }).start
    ) {
      return hashtags.toSorted((a, b) => a.start - b.start).map((entity) => entity.tag);
    }
  }
  return hashtags.map((entity) => entity.tag);
}

function tweetToOutcome(
  value: unknown,
  includes: unknown,
  record: number | undefined,
): ReadOutcome {
  let tweet: Tweet;
  if (isWellFormedTweet(value)) tweet = value;
  else {
    const parsed = TweetSchema.safeParse(value);
    if (!parsed.success) {
      return { kind: 'invalid', record, message: `tweet ${describeSchemaError(parsed.error)}` };
    }
    tweet = parsed.data;
  }
  const createdAt = tweet.created_at ? toIsoInstant(tweet.created_at) : timeFromSnowflake(tweet.id);
  if (!createdAt) {
    return { kind: 'invalid', record, message: `tweet ${tweet.id}: unreadable created_at` };
  }
  const sentAuthor = tweet.author_id ? includedUser(includes, tweet.author_id) : undefined;
  // A malformed user object is no reason to lose the tweet: its author id stands in.
  const author = isWellFormedUser(sentAuthor) ? sentAuthor : undefined;
  const handle = author?.username ?? tweet.author_id;
  if (!handle) {
    return { kind: 'invalid', record, message: `tweet ${tweet.id}: no author_id` };
  }

  const body = tweet.note_tweet ?? tweet;
  const entities = body.entities ?? (body === tweet ? undefined : tweet.entities);
  let text = body.text;
  const urls: string[] = [];
  for (const link of entities?.urls ?? []) {
    const target = link.expanded_url ?? link.unwound_url;
    if (target) text = text.replaceAll(link.url, target);
    urls.push(target ?? link.url);
  }
  text = unescapeXText(text);

  const hashtags = entities ? inOrder(entities.hashtags ?? []) : extractHashtags(text);
  const accountCreatedAt = author?.created_at ? toIsoInstant(author.created_at) : null;

  const post = makePost({
    id: `x:${tweet.id}`,
    platform: 'x',
    account: `x:${handle.toLowerCase()}`,
    accountCreatedAt,
    createdAt,
    lang: normalizeLanguage(tweet.lang),
    text,
    hashtags,
    urls: urls.length > 1 ? unique(urls) : urls,
    url: author
      ? `https://x.com/${author.username}/status/${tweet.id}`
      : `https://x.com/i/web/status/${tweet.id}`,
  });
  return {
    kind: 'post',
    post,
    record,
    raw: author ? { tweet: value, author: sentAuthor } : { tweet: value },
  };
}

function isSearchPage(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  if (Array.isArray(value.data)) return true;
  // An empty page: no `data` at all, only `meta.result_count: 0`.
  return value.data === undefined && isObject(value.meta) && 'result_count' in value.meta;
}

function isStreamLine(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  if (isObject(value.data)) return 'text' in value.data || 'id' in value.data;
  // The stream interleaves operational messages (`{"errors": [...]}`) with tweets.
  return value.data === undefined && Array.isArray(value.errors);
}

export const xSearchPageReader: FormatReader = {
  format: 'x-search-page',
  recognizesDocument: isSearchPage,
  recognizesLine: isSearchPage,
  *read(value) {
    if (!isSearchPage(value)) {
      yield { kind: 'invalid', message: 'expected an X API v2 page with a `data` array' };
      return;
    }
    const tweets = Array.isArray(value.data) ? value.data : [];
    for (let index = 0; index < tweets.length; index++) {
      yield tweetToOutcome(tweets[index], value.includes, index);
    }
  },
};

export const xStreamReader: FormatReader = {
  format: 'x-stream',
  recognizesDocument: isStreamLine,
  recognizesLine: isStreamLine,
  // An array, not a generator: one line is one outcome, and a generator per line of a stream
  // cost more than the outcome.
  read(value) {
    if (!isStreamLine(value)) {
      return [{ kind: 'invalid', message: 'expected an X API v2 stream line with a `data` tweet' }];
    }
    if (value.data === undefined) return [{ kind: 'skip' }];
    return [tweetToOutcome(value.data, value.includes, undefined)];
  },
};
