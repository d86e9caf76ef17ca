/**
 * Links from weaker evidence, drawn only between operations the strong links (shared contacts,
 * near-identical texts) left apart, and only where the evidence points one way:
 *
 * - An account that pushes no contact at all ("DM for the menu", "link in bio") can never share
 *   one; its texts are all there is. It joins the one operation whose texts share its rarest
 *   words (each word weighted by how few accounts use it, so that `livraison` or `coke` count
 *   for little and a brand, a street or a turn of phrase for much), when that operation is
 *   clearly closer than any other.
 * - Two accounts whose names (handles, and handles they push) share a long stretch that no
 *   common word explains (`thirdeye_eu` and telegram `thirdeye_shop`), when they also sell the
 *   same kind of goods at the same time.
 *
 * Hand-written: the weighting and the tests are specific to this problem.
 */
import { addToSet, listAt } from '../multimap.js';

export interface WeakAccount {
  id: string;
  /** The account's distinct texts as sets of comparable words. */
  texts: Set<string>[];
  /** Whether any of its ads pushes a contact. */
  hasContacts: boolean;
  /** The account's handle and the handles, addresses and site names its ads push. */
  names: string[];
  categories: ReadonlySet<string>;
  first: string;
  last: string;
}

export interface WeakLink {
  a: string;
  b: string;
  reason: string;
}

export interface WeakLinkOptions {
  /** Texts shorter than this, in words, say too little to place a contactless account. */
  minTextWords: number;
  /** Rarity-weighted Jaccard similarity from which a contactless account's text is its operation's. */
  minWeightedSimilarity: number;
  /** How much closer the best operation must be than the next one. */
  minMargin: number;
  /** Words used by more accounts than this are too common to find candidates with. */
  maxWordAccounts: number;
  /** Shortest shared stretch of two names, in characters (separators removed). */
  minSharedName: number;
  /** Least number of letters of that stretch that no common word covers. */
  minUnexplainedLetters: number;
  /** A word used by at least this many operations (in texts, tags or names) is a common one. */
  commonWordOperations: number;
  /** Longest time between two accounts' activity for their names to be compared. */
  maxNameGapMs: number;
}

export const DEFAULT_WEAK_LINK_OPTIONS: WeakLinkOptions = {
  minTextWords: 6,
  minWeightedSimilarity: 0.22,
  minMargin: 1.5,
  maxWordAccounts: 50,
  minSharedName: 7,
  minUnexplainedLetters: 5,
  commonWordOperations: 3,
  maxNameGapMs: 14 * 86_400_000,
};

/**
 * `componentOf` gives each account's operation as the strong links made it; links are drawn
 * between accounts of different operations only.
 */
export function weakLinks(
  accounts: readonly WeakAccount[],
  componentOf: (id: string) => string,
  commonWords: ReadonlySet<string>,
  options = DEFAULT_WEAK_LINK_OPTIONS,
): WeakLink[] {
  return [
    ...contactlessTextLinks(accounts, componentOf, options),
    ...namePatternLinks(accounts, componentOf, commonWords, options),
  ];
}

function contactlessTextLinks(
  accounts: readonly WeakAccount[],
  componentOf: (id: string) => string,
  options: WeakLinkOptions,
): WeakLink[] {
  const accountWords = new Map<string, number>();
  const byWord = new Map<string, WeakAccount[]>();
  for (const account of accounts) {
    const words = new Set<string>();
    for (const text of account.texts) for (const word of text) words.add(word);
    for (const word of words) {
      accountWords.set(word, (accountWords.get(word) ?? 0) + 1);
      listAt(byWord, word).push(account);
    }
  }
  const total = accounts.length;
  const weight = (word: string) => Math.log((total + 1) / ((accountWords.get(word) ?? 0) + 1));
  const similarity = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
    let shared = 0;
    let all = 0;
    for (const word of a) {
      const value = weight(word);
      all += value;
      if (b.has(word)) shared += value;
    }
    for (const word of b) if (!a.has(word)) all += weight(word);
    return all === 0 ? 0 : shared / all;
  };

  const links: WeakLink[] = [];
  for (const account of accounts) {
    if (account.hasContacts || account.texts.length === 0) continue;
    const own = componentOf(account.id);
    const candidates = new Set<WeakAccount>();
    const texts = account.texts.filter((text) => text.size >= options.minTextWords);
    for (const text of texts) {
      for (const word of text) {
        const users = byWord.get(word) ?? [];
        if (users.length > options.maxWordAccounts) continue;
        for (const user of users) if (componentOf(user.id) !== own) candidates.add(user);
      }
    }
    // The closest text of each other operation.
    const best = new Map<string, { score: number; account: string; shared: string[] }>();
    for (const candidate of candidates) {
      const operation = componentOf(candidate.id);
      for (const mine of texts) {
        for (const theirs of candidate.texts) {
          const score = similarity(mine, theirs);
          const current = best.get(operation);
          if (current && current.score >= score) continue;
          const shared = [...mine]
            .filter((word) => theirs.has(word))
            .sort((a, b) => weight(b) - weight(a));
          best.set(operation, { score, account: candidate.id, shared });
        }
      }
    }
    const [first, second] = [...best.values()].sort((a, b) => b.score - a.score);
    if (!first || first.score < options.minWeightedSimilarity) continue;
    if (second && first.score < second.score * options.minMargin) continue;
    links.push({
      a: account.id,
      b: first.account,
      reason: `similar text, rare words shared (${first.score.toFixed(2)}): ${first.shared.slice(0, 5).join(', ')}`,
    });
  }
  return links;
}

const NAME_GRAM = 7;
/** Pairs of accounts compared between two operations before giving up on their names. */
const MAX_NAME_TRIES = 200;

function namePatternLinks(
  accounts: readonly WeakAccount[],
  componentOf: (id: string) => string,
  commonWords: ReadonlySet<string>,
  options: WeakLinkOptions,
): WeakLink[] {
  const stems = new Map<string, string[]>();
  const byGram = new Map<string, Set<string>>();
  for (const account of accounts) {
    const own = [...new Set(account.names.map(stem).filter((name) => name.length >= NAME_GRAM))];
    stems.set(account.id, own);
    for (const name of own) {
      for (let index = 0; index + NAME_GRAM <= name.length; index++) {
        addToSet(byGram, name.slice(index, index + NAME_GRAM), account.id);
      }
    }
  }
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const compared = new Set<string>();
  // One link is enough to join two operations; the tries between two are bounded.
  const tries = new Map<string, number>();
  const links: WeakLink[] = [];
  for (const holders of byGram.values()) {
    // A stretch many operations' names share is a pattern of the trade, not of one seller.
    const operations = [...new Set([...holders].map(componentOf))].sort();
    if (operations.length !== 2) continue;
    const pair = operations.join(' ');
    const [left, right] = operations.map((operation) =>
      [...holders].filter((id) => componentOf(id) === operation).sort(),
    ) as [string[], string[]];
    search: for (const a of left) {
      for (const b of right) {
        const used = tries.get(pair) ?? 0;
        if (used < 0 || used >= MAX_NAME_TRIES) break search;
        if (compared.has(`${a} ${b}`)) continue;
        compared.add(`${a} ${b}`);
        tries.set(pair, used + 1);
        if (!supported(byId.get(a) as WeakAccount, byId.get(b) as WeakAccount, options)) continue;
        const shared = longestShared(stems.get(a) ?? [], stems.get(b) ?? []);
        if (shared.length < options.minSharedName) continue;
        if (unexplainedLetters(shared, commonWords) < options.minUnexplainedLetters) continue;
        links.push({ a, b, reason: `names share "${shared}"` });
        tries.set(pair, -1);
        break search;
      }
    }
  }
  return links;
}

/** A name's letters and digits, lowercased, without the platform's domain. */
function stem(name: string): string {
  return bareHandle(name.toLowerCase()).replace(/[^\p{L}\p{N}]/gu, '');
}

/** A handle without its platform (`x:`) or its server (`.bsky.social`, `@mamot.example`). */
export function bareHandle(name: string): string {
  return name.replace(/^[a-z]+:/, '').replace(/\.bsky\.social$|@.*$/, '');
}

/** The same kind of goods, sold at about the same time. */
function supported(a: WeakAccount, b: WeakAccount, options: WeakLinkOptions): boolean {
  let sameGoods = false;
  for (const category of a.categories) if (b.categories.has(category)) sameGoods = true;
  if (!sameGoods) return false;
  const gap = Math.max(
    Date.parse(a.first) - Date.parse(b.last),
    Date.parse(b.first) - Date.parse(a.last),
    0,
  );
  return gap <= options.maxNameGapMs;
}

function longestShared(left: readonly string[], right: readonly string[]): string {
  let best = '';
  for (const a of left) {
    for (const b of right) {
      // Dynamic programming over the two names: they are short.
      let previous = new Array<number>(b.length + 1).fill(0);
      for (let i = 1; i <= a.length; i++) {
        const row = new Array<number>(b.length + 1).fill(0);
        for (let j = 1; j <= b.length; j++) {
          if (a[i - 1] !== b[j - 1]) continue;
          const length = (previous[j - 1] as number) + 1;
          row[j] = length;
          if (length > best.length) best = a.slice(i - length, i);
        }
        previous = row;
      }
    }
  }
  return best;
}

/**
 * The letters of a stretch that no common word of three letters or more (nor the first four
 * letters or more of one: `deliv`) covers: `lilleplug` has none, `thirdeye` eight.
 */
function unexplainedLetters(stretch: string, commonWords: ReadonlySet<string>): number {
  const covered = new Array<boolean>(stretch.length).fill(false);
  for (let start = 0; start < stretch.length; start++) {
    for (let end = start + 3; end <= stretch.length; end++) {
      if (commonWords.has(stretch.slice(start, end))) covered.fill(true, start, end);
    }
  }
  let letters = 0;
  for (let index = 0; index < stretch.length; index++)
    if (!covered[index] && /\p{L}/u.test(stretch[index] as string)) letters++;
  return letters;
}

/**
 * The words that at least `threshold` operations use, in their texts, hashtags or names, with
 * the first five letters and more of each (names abbreviate: `deliv`, `livra`). Counted by
 * operation, not account: one operation's brand on all its accounts stays its own.
 */
export function commonWordsOf(
  operations: Iterable<Iterable<string>>,
  threshold: number,
): Set<string> {
  const users = new Map<string, number>();
  for (const words of operations) {
    const own = new Set<string>();
    for (const word of words) {
      const lower = word.toLowerCase();
      own.add(lower);
      for (let length = 5; length < lower.length; length++) own.add(lower.slice(0, length));
    }
    for (const word of own) users.set(word, (users.get(word) ?? 0) + 1);
  }
  const common = new Set<string>();
  for (const [word, count] of users) if (count >= threshold) common.add(word);
  return common;
}

/** The words of a name: `lille_plug12` → lille, plug. */
export function nameWords(name: string): string[] {
  return bareHandle(name.toLowerCase())
    .split(/[^\p{L}]+/u)
    .filter((part) => part.length >= 3);
}
