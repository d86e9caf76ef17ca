/**
 * The X reader's hand-written check of a tweet must accept exactly what its zod schema
 * accepts: the check is the fast path, the schema the reference and the source of messages.
 */
import { describe, expect, it } from 'vitest';
import { isWellFormedTweet, TweetSchema } from '../src/ingest/x-api.js';

const valid = {
  id: '1349000000000000001',
  text: 'hello #Lille',
  author_id: '1',
  created_at: '2021-01-12T21:04:00.000Z',
  lang: 'fr',
  entities: {
    hashtags: [{ start: 6, end: 12, tag: 'Lille' }],
    urls: [
      { url: 'https://t.co/x', expanded_url: 'https://example.org', display_url: 'example.org' },
    ],
  },
  note_tweet: { text: 'long', entities: { hashtags: [] } },
  public_metrics: { like_count: 1 },
};

const variants: [string, unknown][] = [
  ['complete', valid],
  ['minimal', { id: '1', text: '' }],
  ['extra fields', { ...valid, edit_history_tweet_ids: ['1'] }],
  ['not an object', 'tweet'],
  ['null', null],
  ['an array', [valid]],
  ['id missing', { ...valid, id: undefined }],
  ['id not digits', { ...valid, id: '12ab' }],
  ['id a number', { ...valid, id: 1349 }],
  ['text missing', { ...valid, text: undefined }],
  ['text null', { ...valid, text: null }],
  ['lang null', { ...valid, lang: null }],
  ['author id a number', { ...valid, author_id: 1 }],
  ['created_at a number', { ...valid, created_at: 1610485440000 }],
  ['entities null', { ...valid, entities: null }],
  ['hashtags not an array', { ...valid, entities: { hashtags: {} } }],
  ['hashtag without start', { ...valid, entities: { hashtags: [{ tag: 'Lille' }] } }],
  ['hashtag tag a number', { ...valid, entities: { hashtags: [{ start: 0, tag: 1 }] } }],
  ['url without url', { ...valid, entities: { urls: [{ expanded_url: 'https://example.org' }] } }],
  [
    'expanded_url null',
    { ...valid, entities: { urls: [{ url: 'https://t.co/x', expanded_url: null }] } },
  ],
  ['note without text', { ...valid, note_tweet: { entities: {} } }],
  ['note with bad entities', { ...valid, note_tweet: { text: 'x', entities: { urls: [1] } } }],
];

describe('isWellFormedTweet agrees with TweetSchema', () => {
  for (const [name, value] of variants) {
    it(name, () => {
      expect(isWellFormedTweet(value)).toBe(TweetSchema.safeParse(value).success);
    });
  }
});
