/**
 * twitter-text's own conformance suite for hashtag extraction, read from `../shared` (never
 * copied into the project): the rules used for records that carry no hashtag entities.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extractHashtagSpans, extractHashtags } from '../src/ingest/hashtags.js';
import { missingShared, TWITTER_TEXT_SUITE } from './support/paths.js';

interface Case<T> {
  description: string;
  text: string;
  expected: T;
}
interface Suite {
  tests: {
    hashtags: Case<string[]>[];
    hashtags_from_astral: Case<string[]>[];
    hashtags_with_indices: Case<{ hashtag: string; indices: [number, number] }[]>[];
  };
}

const skip = missingShared(TWITTER_TEXT_SUITE);
const suite: Suite | null = skip
  ? null
  : (parse(readFileSync(TWITTER_TEXT_SUITE, 'utf8')) as Suite);

describe.skipIf(skip !== null)(`twitter-text conformance: hashtags ${skip ?? ''}`, () => {
  const tests = suite?.tests;

  it('has the three sections, not empty', () => {
    expect(tests?.hashtags.length).toBeGreaterThan(50);
    expect(tests?.hashtags_from_astral.length).toBeGreaterThan(0);
    expect(tests?.hashtags_with_indices.length).toBeGreaterThan(0);
  });

  describe('hashtags', () => {
    for (const testCase of tests?.hashtags ?? []) {
      it(testCase.description, () => {
        expect(extractHashtags(testCase.text)).toEqual(testCase.expected);
      });
    }
  });

  describe('hashtags_from_astral', () => {
    for (const testCase of tests?.hashtags_from_astral ?? []) {
      it(testCase.description, () => {
        expect(extractHashtags(testCase.text)).toEqual(testCase.expected);
      });
    }
  });

  describe('hashtags_with_indices', () => {
    for (const testCase of tests?.hashtags_with_indices ?? []) {
      it(testCase.description, () => {
        const spans = extractHashtagSpans(testCase.text).map((span) => ({
          hashtag: span.tag,
          indices: [span.start, span.end],
        }));
        expect(spans).toEqual(testCase.expected);
      });
    }
  });
});

describe('hashtag spans in code points', () => {
  it('counts an emoji before the tag as one character, as X entities do', () => {
    expect(extractHashtagSpans('🍃 #Lille')).toEqual([{ tag: 'Lille', start: 2, end: 8 }]);
  });
});
