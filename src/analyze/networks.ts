/**
 * Operations: the accounts behind the ads, grouped by what ties them — a contact they push in
 * common (strong), near-identical texts (strong when nearly word for word) — into connected
 * components of the account graph (graphology). Within an operation, an account that starts
 * posting soon after another went silent is its successor.
 *
 * Why connected components rather than community detection: a link here is evidence of common
 * control, not of similarity; one shared phone number or one copied menu is enough to tie two
 * accounts, so any path of links is. Weaker evidence (a contactless account's rare words, a
 * distinctive name) links only between the components the strong links made, and only where it
 * points to one (weak-links.ts); creation times are only reported on links; generic texts are
 * kept from linking by a length floor and a spread ceiling.
 */
import { createHash } from 'node:crypto';
import { UndirectedGraph } from 'graphology';
import { connectedComponents } from 'graphology-components';
import { hostOf } from '../detect/contacts.js';
import { loadLexicon } from '../detect/lexicon.js';
import { addToSet, listAt } from '../multimap.js';
import {
  candidatePairs,
  comparableWords,
  estimatedJaccard,
  minhash,
  shingles,
} from './text-similarity.js';
import {
  bareHandle,
  commonWordsOf,
  DEFAULT_WEAK_LINK_OPTIONS,
  nameWords,
  type WeakAccount,
  type WeakLink,
  weakLinks,
} from './weak-links.js';

export interface AdPost {
  account: string;
  platform: string;
  createdAt: string;
  text: string;
  hashtags: string[];
  contacts: { type: string; value: string }[];
  categories: string[];
  accountCreatedAt: string | null;
}

export interface Link {
  a: string;
  b: string;
  reasons: string[];
}

export interface Succession {
  from: string;
  to: string;
  fromLastPost: string;
  toFirstPost: string;
  /** Minutes between the two. */
  gapMinutes: number;
}

export interface Operation {
  id: string;
  accounts: string[];
  posts: number;
  contacts: { type: string; value: string }[];
  categories: string[];
  hashtags: string[];
  firstSeen: string;
  lastSeen: string;
  successions: Succession[];
  links: Link[];
  platforms: string[];
  /** Each account's platform and first and last ad. */
  members: {
    account: string;
    platform: string;
    posts: number;
    firstSeen: string;
    lastSeen: string;
  }[];
  /** Accounts created a day or more before their first ad: made in advance. */
  preparedAccounts: { account: string; createdAt: string; firstAd: string; days: number }[];
}

export interface NetworkOptions {
  /** Texts shorter than this, in words, link nothing: too generic. */
  minWords: number;
  /** Estimated Jaccard similarity of shingles from which two texts are near-identical. */
  minSimilarity: number;
  /** Texts posted by more accounts than this are a common phrase, not one operation's. */
  maxAccountsPerText: number;
  /** Longest silence between an account and its successor. */
  maxSuccessionGapMs: number;
}

export const DEFAULT_NETWORK_OPTIONS: NetworkOptions = {
  minWords: 6,
  minSimilarity: 0.8,
  maxAccountsPerText: 50,
  maxSuccessionGapMs: 3 * 86_400_000,
};

interface AccountSummary {
  id: string;
  platform: string;
  posts: number;
  first: string;
  last: string;
  createdAt: string | null;
  contacts: Map<string, { type: string; value: string }>;
  categories: Set<string>;
  hashtags: Map<string, number>;
  /** Distinct texts as sets of comparable words (a few dozen at most). */
  texts: Map<string, Set<string>>;
}

/** Distinct texts kept per account for the weaker text evidence. */
const TEXTS_PER_ACCOUNT = 24;

/** The format of a saved index: a store's index in another format is rebuilt. */
export const NETWORK_INDEX_FORMAT = 'tagwatch-network-index/1';

interface SavedAccount {
  id: string;
  platform: string;
  posts: number;
  first: string;
  last: string;
  createdAt: string | null;
  contacts: { type: string; value: string }[];
  categories: string[];
  hashtags: [string, number][];
  texts: string[];
}

export interface SavedNetworkIndex {
  format: typeof NETWORK_INDEX_FORMAT;
  minWords: number;
  accounts: SavedAccount[];
  contacts: [string, string[]][];
  texts: [string, string[]][];
}

/**
 * What the operations are computed from, folded post by post: each account's summary, and
 * which accounts push each contact and post each text. Saved in the store, it lets new posts
 * be added to it without reading the old ones again.
 */
export class NetworkIndex {
  readonly accounts = new Map<string, AccountSummary>();
  readonly contactAccounts = new Map<string, Set<string>>();
  readonly textAccounts = new Map<string, Set<string>>();

  constructor(private readonly minWords = DEFAULT_NETWORK_OPTIONS.minWords) {}

  add(post: AdPost): void {
    let summary = this.accounts.get(post.account);
    if (!summary) {
      summary = {
        id: post.account,
        platform: post.platform,
        posts: 0,
        first: post.createdAt,
        last: post.createdAt,
        createdAt: post.accountCreatedAt,
        contacts: new Map(),
        categories: new Set(),
        hashtags: new Map(),
        texts: new Map(),
      };
      this.accounts.set(post.account, summary);
    }
    summary.posts++;
    if (post.createdAt < summary.first) summary.first = post.createdAt;
    if (post.createdAt > summary.last) summary.last = post.createdAt;
    for (const category of post.categories) summary.categories.add(category);
    for (const tag of post.hashtags) {
      const lower = tag.toLowerCase();
      summary.hashtags.set(lower, (summary.hashtags.get(lower) ?? 0) + 1);
    }
    for (const contact of post.contacts) {
      summary.contacts.set(contactKey(contact), contact);
      addToSet(this.contactAccounts, contactKey(contact), post.account);
    }
    const words = comparableWords(post.text, post.contacts);
    const text = words.join(' ');
    if (words.length >= this.minWords) addToSet(this.textAccounts, text, post.account);
    if (words.length > 0 && summary.texts.size < TEXTS_PER_ACCOUNT && !summary.texts.has(text))
      summary.texts.set(text, new Set(words));
  }

  toJSON(): SavedNetworkIndex {
    return {
      format: NETWORK_INDEX_FORMAT,
      minWords: this.minWords,
      accounts: [...this.accounts.values()].map((summary) => ({
        id: summary.id,
        platform: summary.platform,
        posts: summary.posts,
        first: summary.first,
        last: summary.last,
        createdAt: summary.createdAt,
        contacts: [...summary.contacts.values()],
        categories: [...summary.categories],
        hashtags: [...summary.hashtags],
        texts: [...summary.texts.keys()],
      })),
      contacts: [...this.contactAccounts].map(([key, ids]) => [key, [...ids]]),
      texts: [...this.textAccounts].map(([text, ids]) => [text, [...ids]]),
    };
  }

  /** A saved index, or undefined when it was saved in another format or with other settings. */
  static fromJSON(saved: SavedNetworkIndex, minWords = DEFAULT_NETWORK_OPTIONS.minWords) {
    if (saved.format !== NETWORK_INDEX_FORMAT || saved.minWords !== minWords) return undefined;
    const index = new NetworkIndex(minWords);
    for (const account of saved.accounts) {
      index.accounts.set(account.id, {
        id: account.id,
        platform: account.platform,
        posts: account.posts,
        first: account.first,
        last: account.last,
        createdAt: account.createdAt,
        contacts: new Map(account.contacts.map((contact) => [contactKey(contact), contact])),
        categories: new Set(account.categories),
        hashtags: new Map(account.hashtags),
        texts: new Map(account.texts.map((text) => [text, new Set(text.split(' '))])),
      });
    }
    for (const [key, ids] of saved.contacts) index.contactAccounts.set(key, new Set(ids));
    for (const [text, ids] of saved.texts) index.textAccounts.set(text, new Set(ids));
    return index;
  }
}

export function buildOperations(
  posts: Iterable<AdPost>,
  options = DEFAULT_NETWORK_OPTIONS,
): Operation[] {
  const index = new NetworkIndex(options.minWords);
  for (const post of posts) index.add(post);
  return operationsFrom(index, options);
}

/** The operations, with their links and successions, from an index of the ad posts. */
export function operationsFrom(
  index: NetworkIndex,
  options = DEFAULT_NETWORK_OPTIONS,
): Operation[] {
  const { accounts, contactAccounts, textAccounts } = index;
  const graph = new UndirectedGraph<Record<string, never>, { reasons: string[] }>();
  for (const id of accounts.keys()) graph.addNode(id);
  const link = (a: string, b: string, reason: string) => {
    if (a === b) return;
    const [first, second] = a < b ? [a, b] : [b, a];
    if (graph.hasEdge(first, second)) {
      const reasons = graph.getEdgeAttribute(first, second, 'reasons') as string[];
      if (!reasons.includes(reason) && reasons.length < 6) reasons.push(reason);
    } else {
      graph.addEdge(first, second, { reasons: [reason] });
    }
  };

  for (const [key, ids] of contactAccounts) {
    const [hub, ...others] = [...ids].sort();
    for (const other of others) link(hub as string, other, `shared ${key}`);
  }

  // A contact that is another account's handle (`tg @x` where x posts too), or a handle renamed
  // with a short suffix (`lefour93.off` → `lefour93.off2`, the replacement's new snap).
  const byHandle = new Map<string, string[]>();
  for (const id of accounts.keys()) {
    const handle = bareHandle(id);
    if (handle.length >= 5 && !/^\d+$/.test(handle))
      byHandle.set(handle, [...(byHandle.get(handle) ?? []), id]);
  }
  const handles = new Map<string, Set<string>>();
  for (const [key, ids] of contactAccounts) {
    const [type, value] = key.split(' ') as [string, string];
    if (!HANDLE_TYPES.has(type)) continue;
    for (const owner of byHandle.get(value) ?? []) {
      for (const id of ids) link(id, owner, `contact ${type} ${value} is the account ${owner}`);
    }
    addToSet(handles, type, value);
  }
  for (const [type, values] of handles) {
    const sorted = [...values].sort();
    for (let index = 0; index < sorted.length; index++) {
      const base = sorted[index] as string;
      if (base.length < 6) continue;
      for (
        let next = index + 1;
        next < sorted.length && (sorted[next] as string).startsWith(base);
        next++
      ) {
        const renamed = sorted[next] as string;
        if (renamed.length - base.length > 3) continue;
        const from = [...(contactAccounts.get(`${type} ${base}`) ?? [])].sort()[0] as string;
        const to = [...(contactAccounts.get(`${type} ${renamed}`) ?? [])].sort()[0] as string;
        link(from, to, `${type} ${base} renamed ${renamed}`);
      }
    }
  }

  // Two accounts that each push contacts, none in common, are two sellers even if they post
  // the same template: a shared text ties them only when nothing says otherwise.
  const contradicted = (a: string, b: string) => {
    const left = accounts.get(a)?.contacts;
    const right = accounts.get(b)?.contacts;
    if (!left || !right || left.size === 0 || right.size === 0) return false;
    const keys = new Set([...right.values()].map(contactKey));
    for (const contact of left.values()) if (keys.has(contactKey(contact))) return false;
    return true;
  };
  // An account that pushes no contact can never be contradicted, so its text could tie two
  // sellers who post the same template: its text links wait until the others are drawn.
  const quiet = (id: string) => accounts.get(id)?.contacts.size === 0;
  const waiting = new Map<string, { other: string; reason: string }[]>();
  const linkTexts = (from: Iterable<string>, to: Iterable<string>, reason: string) => {
    for (const a of from) {
      for (const b of to) {
        if (a === b || contradicted(a, b)) continue;
        if (quiet(a)) listAt(waiting, a).push({ other: b, reason });
        else if (quiet(b)) listAt(waiting, b).push({ other: a, reason });
        else link(a, b, reason);
      }
    }
  };

  // Word-for-word copies first (same comparable words), then near-identical ones by MinHash.
  const texts = [...textAccounts].filter(([, ids]) => ids.size <= options.maxAccountsPerText);
  for (const [, ids] of texts) linkTexts(ids, ids, 'identical text (1.00)');
  const signatures = texts.map(([words]) => minhash(shingles(words.split(' '))));
  for (const [i, j] of candidatePairs(signatures)) {
    const similarity = estimatedJaccard(signatures[i] as Uint32Array, signatures[j] as Uint32Array);
    if (similarity < options.minSimilarity) continue;
    linkTexts(
      texts[i]?.[1] ?? [],
      texts[j]?.[1] ?? [],
      `near-identical text (${similarity.toFixed(2)})`,
    );
  }

  // A contactless account joins the operation its texts point to, if they point to one only.
  const operationOf = waiting.size > 0 ? componentIndex(graph) : new Map<string, number>();
  for (const [account, partners] of waiting) {
    const operations = new Set(partners.map(({ other }) => operationOf.get(other)));
    if (operations.size !== 1) continue;
    for (const { other, reason } of partners) link(account, other, reason);
  }

  for (const weak of weakLinksOf(accounts, graph)) link(weak.a, weak.b, weak.reason);

  const operations = connectedComponents(graph).map((members) =>
    describe(members, accounts, graph, options),
  );
  return operations.sort((a, b) => b.posts - a.posts || (a.id < b.id ? -1 : 1));
}

/** Links from weaker evidence between the operations the strong links made (weak-links.ts). */
function weakLinksOf(
  accounts: ReadonlyMap<string, AccountSummary>,
  graph: UndirectedGraph<Record<string, never>, { reasons: string[] }>,
): WeakLink[] {
  const components = connectedComponents(graph);
  const component = componentIndex(graph, components);
  const weakAccounts: WeakAccount[] = [];
  for (const summary of accounts.values()) {
    const names = [summary.id];
    for (const contact of summary.contacts.values()) {
      if (HANDLE_TYPES.has(contact.type)) names.push(contact.value);
      else if (contact.type === 'email') names.push(contact.value.split('@')[0] ?? '');
      else if (contact.type === 'url') names.push(siteName(contact.value));
    }
    weakAccounts.push({
      id: summary.id,
      texts: [...summary.texts.values()],
      hasContacts: summary.contacts.size > 0,
      names,
      categories: summary.categories,
      first: summary.first,
      last: summary.last,
    });
  }
  const byId = new Map(weakAccounts.map((account) => [account.id, account]));
  const operationWords = components.map((members) => {
    const words: string[] = [];
    for (const member of members) {
      const account = byId.get(member) as WeakAccount;
      for (const text of account.texts) words.push(...text);
      for (const tag of accounts.get(member)?.hashtags.keys() ?? []) words.push(tag);
      for (const name of account.names) words.push(...nameWords(name));
    }
    return words;
  });
  const commonWords = commonWordsOf(operationWords, DEFAULT_WEAK_LINK_OPTIONS.commonWordOperations);
  // The trade's own words (`exotics`, `plug`, `handel`) explain a name however rare they are here.
  for (const word of tradeWords()) commonWords.add(word);
  return weakLinks(weakAccounts, (id) => String(component.get(id)), commonWords);
}

let lexiconWords: Set<string> | undefined;
function tradeWords(): Set<string> {
  lexiconWords ??= loadLexicon().words();
  return lexiconWords;
}

/** Each account's connected component, by index. */
function componentIndex(
  graph: UndirectedGraph<Record<string, never>, { reasons: string[] }>,
  components: string[][] = connectedComponents(graph),
): Map<string, number> {
  const index = new Map<string, number>();
  components.forEach((members, at) => {
    for (const member of members) index.set(member, at);
  });
  return index;
}

/** The name a site goes by: `https://ukdirect-shop.example/menu` → ukdirect-shop. */
function siteName(url: string): string {
  const host = hostOf(url.replace(/^[a-z]+:\/\//i, ''));
  const labels = host.replace(/^www\./, '').split('.');
  return labels.length >= 2 ? (labels[labels.length - 2] as string) : host;
}

function describe(
  members: string[],
  accounts: ReadonlyMap<string, AccountSummary>,
  graph: UndirectedGraph<Record<string, never>, { reasons: string[] }>,
  options: NetworkOptions,
): Operation {
  const summaries = members
    .map((id) => accounts.get(id) as AccountSummary)
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : a.id < b.id ? -1 : 1));
  // Named after its first account: the id stays as long as the operation does.
  const founder = (summaries[0] as AccountSummary).id;
  const id = `op-${createHash('sha1').update(founder).digest('hex').slice(0, 8)}`;
  const contacts = new Map<string, { type: string; value: string }>();
  const categories = new Set<string>();
  const hashtags = new Map<string, number>();
  let posts = 0;
  for (const summary of summaries) {
    posts += summary.posts;
    for (const [key, contact] of summary.contacts) contacts.set(key, contact);
    for (const category of summary.categories) categories.add(category);
    for (const [tag, count] of summary.hashtags)
      hashtags.set(tag, (hashtags.get(tag) ?? 0) + count);
  }
  const links: Link[] = [];
  const memberSet = new Set(members);
  graph.forEachEdge((_, attributes, source, target) => {
    if (!memberSet.has(source) || !memberSet.has(target)) return;
    const reasons = [...(attributes.reasons as string[])];
    const burst = creationBurst(accounts.get(source), accounts.get(target));
    if (burst) reasons.push(burst);
    links.push({ a: source, b: target, reasons });
  });
  return {
    id,
    accounts: summaries.map((summary) => summary.id),
    posts,
    contacts: [...contacts.values()],
    categories: [...categories].sort(),
    hashtags: [...hashtags].sort((a, b) => b[1] - a[1]).map(([tag]) => tag),
    firstSeen: (summaries[0] as AccountSummary).first,
    lastSeen: summaries
      .map((summary) => summary.last)
      .sort()
      .at(-1) as string,
    successions: successions(summaries, options),
    links,
    platforms: [...new Set(summaries.map((summary) => summary.platform))].sort(),
    members: summaries.map((summary) => ({
      account: summary.id,
      platform: summary.platform,
      posts: summary.posts,
      firstSeen: summary.first,
      lastSeen: summary.last,
    })),
    preparedAccounts: summaries
      .filter(
        (summary) =>
          summary.createdAt !== null &&
          Date.parse(summary.first) - Date.parse(summary.createdAt) >= 86_400_000,
      )
      .map((summary) => ({
        account: summary.id,
        createdAt: summary.createdAt as string,
        firstAd: summary.first,
        days: Math.floor(
          (Date.parse(summary.first) - Date.parse(summary.createdAt as string)) / 86_400_000,
        ),
      })),
  };
}

/**
 * Two linked accounts made within a day of each other: support for the link, never a link by
 * itself (accounts are made by the thousand every hour).
 */
function creationBurst(
  a: AccountSummary | undefined,
  b: AccountSummary | undefined,
): string | undefined {
  if (!a?.createdAt || !b?.createdAt) return undefined;
  const hours = Math.abs(Date.parse(a.createdAt) - Date.parse(b.createdAt)) / 3_600_000;
  return hours <= 24 ? `accounts created ${hours.toFixed(1)} h apart` : undefined;
}

/**
 * Each account that started after another of its operation went silent, within the gap, takes
 * over from the one that went silent last before it (each account is succeeded at most once).
 */
function successions(summaries: readonly AccountSummary[], options: NetworkOptions): Succession[] {
  const out: Succession[] = [];
  const succeeded = new Set<string>();
  for (const next of summaries) {
    let best: AccountSummary | undefined;
    for (const previous of summaries) {
      if (previous === next || succeeded.has(previous.id)) continue;
      if (previous.last > next.first) continue;
      const gap = Date.parse(next.first) - Date.parse(previous.last);
      if (gap > options.maxSuccessionGapMs) continue;
      if (!best || previous.last > best.last) best = previous;
    }
    if (!best) continue;
    succeeded.add(best.id);
    out.push({
      from: best.id,
      to: next.id,
      fromLastPost: best.last,
      toFirstPost: next.first,
      gapMinutes: Math.round((Date.parse(next.first) - Date.parse(best.last)) / 60_000),
    });
  }
  return out;
}

const HANDLE_TYPES = new Set(['snapchat', 'telegram', 'instagram', 'wickr']);

/**
 * A contact as the link key: its type and value. The same number on WhatsApp and on Signal is
 * kept apart on purpose: numbers are reused between unrelated sellers more often than handles.
 */
function contactKey(contact: { type: string; value: string }): string {
  return `${contact.type} ${contact.value}`;
}
