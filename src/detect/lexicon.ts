/**
 * Lexicons are data (`lexicons/*.json`, one file per language plus one for emoji), compiled
 * once into token indexes and matched against a post's normalized tokens.
 *
 * A file:
 *   { "language": "fr", "source": "where the words come from",
 *     "product": { "cannabis": { "strong": ["beuh", …], "weak": ["vert", …] }, … },
 *     "sale":    { "delivery": ["livraison", "on livre", "livr*"], … },
 *     "counter": { "news": ["saisie", "interpelle*"], … } }
 * A group may also be written `{ "source": "…", "terms": […] }` to name its own source.
 * Terms are written plainly (accents, case and spacing do not matter: they go through the same
 * normalization as posts); several words match consecutive tokens; a final `*` matches any
 * ending (`livr*`: livre, livraison, livrons).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { listAt } from '../multimap.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { CATEGORIES, type Category, CategorySchema } from '../records/classification.js';
import { normalizeText } from './normalize.js';

export const SALE_SIGNALS = [
  'offer',
  'delivery',
  'shipping',
  'menu',
  'order',
  'payment',
  'stealth',
  'quality',
  'seller',
  'units',
  'hours',
  'ban_evasion',
] as const;
export type SaleSignal = (typeof SALE_SIGNALS)[number];

export const COUNTER_FAMILIES = [
  'news',
  'prevention',
  'buy_request',
  'legal_cbd',
  'legal_weapons',
  'pharmacy',
  'food',
  'weather',
  'humor',
  'spam',
  'legal_documents',
  'opinion',
] as const;
export type CounterFamily = (typeof COUNTER_FAMILIES)[number];

export type Strength = 'strong' | 'weak';

/** What a matched term says: it names a product, signals a sale, or signals something else. */
export type TermRole =
  | { role: 'product'; category: Category; strength: Strength }
  | { role: 'sale'; signal: SaleSignal }
  | { role: 'counter'; family: CounterFamily };

const TermList = z.array(z.string().min(1));
const Group = z.union([TermList, z.object({ source: z.string().min(1), terms: TermList })]);
const LexiconFileSchema = z
  .object({
    language: z.string().min(2),
    source: z.string().min(1),
    product: z
      .partialRecord(CategorySchema, z.object({ strong: Group.optional(), weak: Group.optional() }))
      .optional(),
    sale: z.partialRecord(z.enum(SALE_SIGNALS), Group).optional(),
    counter: z.partialRecord(z.enum(COUNTER_FAMILIES), Group).optional(),
  })
  .strict();
export type LexiconFile = z.infer<typeof LexiconFileSchema>;

export interface LexiconTerm {
  /** As written in the lexicon file. */
  term: string;
  tokens: string[];
  /** The last token matches any token that starts with it. */
  prefix: boolean;
  meaning: TermRole;
  language: string;
  source: string;
}

export interface TermMatch {
  entry: LexiconTerm;
  /** Token positions [start, end) in the normalized post. */
  start: number;
  end: number;
}

export class LexiconError extends Error {
  override readonly name = 'LexiconError';
}

/** A node of the phrase trie: the terms that end at this token, and the tokens that go on. */
interface PhraseNode {
  ending: LexiconTerm[];
  /** Terms whose last word is a prefix (`on livr*`): tried on the next token with startsWith. */
  prefixed: LexiconTerm[];
  next: Map<string, PhraseNode> | undefined;
}

/**
 * The one list of every node with no terms of a kind: most nodes have no prefix terms, and a
 * shared empty list is one object in the processor's cache instead of one more per node.
 */
const NONE: LexiconTerm[] = [];
const newNode = (): PhraseNode => ({ ending: NONE, prefixed: NONE, next: undefined });

/** Token indexes of every lexicon, built once. */
export class Lexicon {
  /** Terms as a trie over their tokens: one map lookup a token, however many phrases share it. */
  private readonly phrases = new Map<string, PhraseNode>();
  /** One-word prefix terms (`livr*`) by their first three characters, as a number. */
  private readonly byPrefixStart = new Map<number, LexiconTerm[]>();

  add(file: LexiconFile, fileName: string): void {
    const addGroup = (group: z.infer<typeof Group> | undefined, meaning: TermRole) => {
      if (!group) return;
      const { terms, source } = Array.isArray(group)
        ? { terms: group, source: file.source }
        : group;
      for (const term of terms) this.addTerm(term, meaning, file.language, source, fileName);
    };
    for (const category of CATEGORIES) {
      const groups = file.product?.[category];
      addGroup(groups?.strong, { role: 'product', category, strength: 'strong' });
      addGroup(groups?.weak, { role: 'product', category, strength: 'weak' });
    }
    for (const signal of SALE_SIGNALS) addGroup(file.sale?.[signal], { role: 'sale', signal });
    for (const family of COUNTER_FAMILIES) {
      addGroup(file.counter?.[family], { role: 'counter', family });
    }
  }

  private addTerm(
    term: string,
    meaning: TermRole,
    language: string,
    source: string,
    fileName: string,
  ): void {
    const prefix = term.endsWith('*');
    const tokens = normalizeText(prefix ? term.slice(0, -1) : term).tokens;
    const first = tokens[0];
    if (!first) throw new LexiconError(`${fileName}: term "${term}" has no letters or emoji`);
    if (prefix && tokens.length === 1 && first.length < 3) {
      throw new LexiconError(`${fileName}: prefix term "${term}" is too short to be safe`);
    }
    const entry: LexiconTerm = { term, tokens, prefix, meaning, language, source };
    if (prefix && tokens.length === 1) {
      addOnce(listAt(this.byPrefixStart, prefixKey(first)), entry);
      return;
    }
    let node = this.phrases.get(first);
    if (!node) {
      node = newNode();
      this.phrases.set(first, node);
    }
    const last = tokens.length - 1;
    for (let index = 1; index <= last; index++) {
      if (index === last && prefix) {
        node.prefixed = withTerm(node.prefixed, entry);
        return;
      }
      const token = tokens[index] as string;
      node.next ??= new Map();
      let child = node.next.get(token);
      if (!child) {
        child = newNode();
        node.next.set(token, child);
      }
      node = child;
    }
    node.ending = withTerm(node.ending, entry);
  }

  /** The one-word terms of every language (not emoji), prefix terms without their star. */
  words(): Set<string> {
    const words = new Set<string>();
    for (const [token, node] of this.phrases) {
      if (node.ending.some((entry) => entry.language !== 'emoji')) words.add(token);
    }
    for (const entries of this.byPrefixStart.values())
      for (const entry of entries) words.add(entry.tokens[0] as string);
    return words;
  }

  /**
   * Every term found in the tokens; a term found twice is reported at each place. Where a
   * token has a second reading (`alternatives`), it is tried when the first finds nothing.
   */
  match(tokens: readonly string[], alternatives?: ReadonlyMap<number, string>): TermMatch[] {
    const found: TermMatch[] = [];
    for (let index = 0; index < tokens.length; index++) {
      let token = tokens[index] as string;
      let node = this.phrases.get(token);
      if (!node && alternatives?.size) {
        const alternative = alternatives.get(index);
        const other = alternative === undefined ? undefined : this.phrases.get(alternative);
        if (other) {
          node = other;
          token = alternative as string;
        }
      }
      for (let end = index + 1; node; end++) {
        for (const entry of node.ending) found.push({ entry, start: index, end });
        const following = tokens[end];
        if (following === undefined) break;
        for (const entry of node.prefixed) {
          if (following.startsWith(entry.tokens[entry.tokens.length - 1] as string)) {
            found.push({ entry, start: index, end: end + 1 });
          }
        }
        node = node.next?.get(following);
      }
      if (token.length >= PREFIX_KEY) {
        const candidates = this.byPrefixStart.get(prefixKey(token));
        if (candidates) {
          for (const entry of candidates) {
            if (token.startsWith(entry.tokens[0] as string)) {
              found.push({ entry, start: index, end: index + 1 });
            }
          }
        }
      }
    }
    return found;
  }
}

/** Prefix terms are indexed by this many first letters (and must be at least this long). */
const PREFIX_KEY = 3;

/** The first three UTF-16 units as one number: a map key that needs no string hashing. */
function prefixKey(token: string): number {
  return token.charCodeAt(0) * 4294967296 + token.charCodeAt(1) * 65536 + token.charCodeAt(2);
}

/** The list with the term added (see `addOnce`), never adding to the shared empty list. */
function withTerm(list: LexiconTerm[], entry: LexiconTerm): LexiconTerm[] {
  const own = list === NONE ? [] : list;
  addOnce(own, entry);
  return own;
}

/**
 * Adds a term unless one already there would match the same tokens with the same meaning: the
 * same word is listed by several languages (`coke` in en, fr, nl…), and each copy would
 * otherwise be matched, and weighed, once more on every post that has it.
 */
function addOnce(list: LexiconTerm[], entry: LexiconTerm): void {
  const emoji = entry.language === 'emoji';
  const same = list.some(
    (other) =>
      (other.language === 'emoji') === emoji &&
      sameMeaning(other.meaning, entry.meaning) &&
      other.tokens.length === entry.tokens.length &&
      other.tokens.every((token, index) => token === entry.tokens[index]),
  );
  if (!same) list.push(entry);
}

function sameMeaning(a: TermRole, b: TermRole): boolean {
  if (a.role === 'product' && b.role === 'product')
    return a.category === b.category && a.strength === b.strength;
  if (a.role === 'sale' && b.role === 'sale') return a.signal === b.signal;
  if (a.role === 'counter' && b.role === 'counter') return a.family === b.family;
  return false;
}

export const LEXICON_DIR = join(PACKAGE_ROOT, 'lexicons');

/** Reads and validates one lexicon file. */
export function readLexiconFile(path: string): LexiconFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new LexiconError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = LexiconFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LexiconError(`${path}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Reads and compiles every `*.json` lexicon of a folder (the bundled one by default). */
export function loadLexicon(directory: string = LEXICON_DIR): Lexicon {
  const lexicon = new Lexicon();
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.json') && !name.startsWith('places'))
    .sort();
  for (const name of files) lexicon.add(readLexiconFile(join(directory, name)), name);
  return lexicon;
}
