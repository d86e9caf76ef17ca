/**
 * Hashtag hijacking: for each hashtag and window, the share of its posts that are ads, and the
 * rule that calls a tag hijacked.
 *
 * The rule, per tag, window by window in time order (windows with fewer than `minPosts` posts
 * neither start nor end anything):
 * - a window is hijacked when its ad share is at least `minShare` and at least `minRise` above
 *   the tag's own baseline: the ad share of its earlier windows that were not hijacked (zero
 *   when the tag has no history: a tag born hijacked is hijacked);
 * - the tag is hijacked when its latest window with enough posts is, and `hijackedSince` is the
 *   start of that run of hijacked windows.
 * Defaults: 50 % ads, 30 points above baseline, 10 posts a day or 5 an hour.
 */
import { listAt } from '../multimap.js';
import type { HashtagWindowRow, WindowSize } from '../store/store.js';

export interface HijackRule {
  minPosts: number;
  minShare: number;
  minRise: number;
}

export function defaultHijackRule(size: WindowSize): HijackRule {
  return { minPosts: size === 'day' ? 10 : 5, minShare: 0.5, minRise: 0.3 };
}

export interface WindowReport {
  start: string;
  posts: number;
  ads: number;
  adShare: number;
}

export interface HashtagReport {
  tag: string;
  posts: number;
  ads: number;
  adShare: number;
  hijacked: boolean;
  hijackedSince: string | null;
  windows: WindowReport[];
}

const share = (ads: number, posts: number) =>
  posts === 0 ? 0 : Math.round((ads / posts) * 1000) / 1000;

/** Which windows of one tag (sorted by start) are hijacked, by the rule above. */
export function hijackedWindows(windows: readonly WindowReport[], rule: HijackRule): boolean[] {
  let baselinePosts = 0;
  let baselineAds = 0;
  return windows.map((window) => {
    if (window.posts < rule.minPosts) return false;
    const baseline = baselinePosts === 0 ? 0 : baselineAds / baselinePosts;
    const ratio = window.ads / window.posts;
    const hijacked = ratio >= rule.minShare && ratio - baseline >= rule.minRise;
    if (!hijacked) {
      baselinePosts += window.posts;
      baselineAds += window.ads;
    }
    return hijacked;
  });
}

export function hashtagReport(
  tag: string,
  rows: readonly WindowReport[],
  rule: HijackRule,
): HashtagReport {
  const windows = rows.map((row) => ({
    start: row.start,
    posts: row.posts,
    ads: row.ads,
    adShare: share(row.ads, row.posts),
  }));
  const flags = hijackedWindows(windows, rule);
  let hijacked = false;
  let since: string | null = null;
  for (let index = 0; index < windows.length; index++) {
    const window = windows[index] as WindowReport;
    if (window.posts < rule.minPosts) continue;
    if (flags[index]) {
      if (!hijacked) since = window.start;
      hijacked = true;
    } else {
      hijacked = false;
      since = null;
    }
  }
  const posts = windows.reduce((sum, window) => sum + window.posts, 0);
  const ads = windows.reduce((sum, window) => sum + window.ads, 0);
  return { tag, posts, ads, adShare: share(ads, posts), hijacked, hijackedSince: since, windows };
}

/** Every tag's report, most hijacked first: hijacked tags, then by ad share, then by volume. */
export function hashtagReports(
  rows: readonly HashtagWindowRow[],
  rule: HijackRule,
): HashtagReport[] {
  const byTag = new Map<string, WindowReport[]>();
  for (const row of rows) {
    listAt(byTag, row.tag).push({ start: row.start, posts: row.posts, ads: row.ads, adShare: 0 });
  }
  const reports = [...byTag].map(([tag, windows]) =>
    hashtagReport(
      tag,
      windows.sort((a, b) => (a.start < b.start ? -1 : 1)),
      rule,
    ),
  );
  return reports.sort(
    (a, b) =>
      Number(b.hijacked) - Number(a.hijacked) ||
      b.adShare - a.adShare ||
      b.posts - a.posts ||
      (a.tag < b.tag ? -1 : 1),
  );
}
