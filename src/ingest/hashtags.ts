/**
 * Hashtags and links for records whose platform gave no entities, by twitter-text's rules
 * (the reference implementation of what X, and most clients after it, link as a hashtag).
 */
import twitterText from 'twitter-text';

export interface HashtagSpan {
  tag: string;
  /** Code-point offsets of `#tag` in the text, as X's entities and twitter-text's suite give them. */
  start: number;
  end: number;
}

export function extractHashtagSpans(text: string): HashtagSpan[] {
  if (!text.includes('#') && !text.includes('＃')) return [];
  const found = twitterText.extractHashtagsWithIndices(text);
  // twitter-text's JS port reports UTF-16 offsets; convert only when astral characters exist.
  const astral = /[\uD800-\uDBFF]/.test(text);
  return found.map(({ hashtag, indices: [start, end] }) => ({
    tag: hashtag,
    start: astral ? codePointOffset(text, start) : start,
    end: astral ? codePointOffset(text, end) : end,
  }));
}

export function extractHashtags(text: string): string[] {
  return extractHashtagSpans(text).map((span) => span.tag);
}

export function extractUrls(text: string): string[] {
  if (!text.includes('.')) return [];
  return twitterText.extractUrls(text);
}

/** A UTF-16 offset as a code-point offset, as X's entities and twitter-text's suite count. */
export function codePointOffset(text: string, utf16Offset: number): number {
  let count = 0;
  for (let index = 0; index < utf16Offset; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0xdc00 || unit > 0xdfff) count++;
  }
  return count;
}

/** Keeps the first of each value, in order. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
