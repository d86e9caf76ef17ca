/**
 * From one post to the signals the model weighs: what the lexicons found (products, sale
 * mechanics, counter-signals), the contacts, prices and quantities, and the post's shape.
 * Each signal is a number in [0, 1] under a fixed name, with the words that raised it, so
 * that a verdict can always say why.
 */
import type { Category } from '../records/classification.js';
import { CONTACT_TYPES, type ContactType } from '../records/contact.js';
import type { CounterFamily, Lexicon, SaleSignal, TermMatch } from './lexicon.js';
import { COUNTER_FAMILIES, SALE_SIGNALS } from './lexicon.js';
import type { NormalizedText } from './normalize.js';

export const SIGNAL_NAMES = [
  'product.strong',
  'product.weak_words',
  'product.emoji',
  'product.categories',
  'product.none',
  'product.nondrug',
  ...SALE_SIGNALS.map((signal) => `sale.${signal}` as const),
  'sale.count',
  ...COUNTER_FAMILIES.map((family) => `counter.${family}` as const),
  'counter.count',
  'contact.app',
  'contact.phone',
  'contact.email',
  'contact.url',
  'price.any',
  'price.per_unit',
  'price.menu',
  'quantity',
  'question',
  'hashtags.many',
  'obfuscation',
  'length.short',
  'both.product_sale',
  'both.product_contact',
  'both.product_price',
  'both.product_counter',
  'both.weak_only_sale',
] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];

/**
 * One value a signal, in `SIGNAL_NAMES` order. A plain array: a `Float64Array` of this size
 * lives outside the heap and cost a microsecond to allocate, more than scoring it.
 */
export type SignalVector = number[];

export interface CategoryEvidence {
  strong: string[];
  weak: string[];
  emoji: string[];
}

export interface PostSignals {
  values: SignalVector;
  /** The words, emoji, contacts or patterns behind each raised signal. */
  reasons: Map<SignalName, string[]>;
  categories: Map<Category, CategoryEvidence>;
}

export interface SignalInput {
  text: string;
  normalized: NormalizedText;
  hashtags: readonly string[];
  contacts: readonly { type: ContactType; value: string }[];
}

const INDEX = new Map<SignalName, number>(SIGNAL_NAMES.map((name, index) => [name, index]));
// Signal names made once: a name built per post would be hashed anew at every lookup.
const SALE_NAME = SALE_SIGNALS.map((signal) => `sale.${signal}` as SignalName);
const COUNTER_NAME = COUNTER_FAMILIES.map((family) => `counter.${family}` as SignalName);
const SALE_INDEX = Object.fromEntries(
  SALE_SIGNALS.map((signal, index) => [signal, index]),
) as Record<SaleSignal, number>;
const COUNTER_INDEX = Object.fromEntries(
  COUNTER_FAMILIES.map((family, index) => [family, index]),
) as Record<CounterFamily, number>;
/** Contacts on a messaging or social app, as opposed to a phone line, an email or a site. */
const APPS = new Set<ContactType>(
  CONTACT_TYPES.filter((type) => type !== 'phone' && type !== 'email' && type !== 'url'),
);
const NON_DRUG = new Set<Category>(['weapons', 'counterfeit_money', 'fake_documents']);

const CURRENCY_AFTER = String.raw`(?:€|£|\$|eur\b|euros?\b|e\b|balles\b|pounds?\b|quid\b|dollars?\b|zł|zl\b|lei\b|kč|kc\b|tl\b|lek\b|chf\b|fr\b|k\b)`;
const AMOUNT = String.raw`\d+(?:[.,]\d+)?`;
const PRICE = new RegExp(String.raw`(?:[€£$]\s?${AMOUNT}|${AMOUNT}\s?${CURRENCY_AFTER})`, 'u');
const UNIT = String.raw`(?:g|gr|grs|grammes?|grams?|gramos?|gramas?|grammi|grammo|gramm|kg|oz|ml|8th|8ths|pills?|tabs?|pieces?|pièces?|pezzi|pezzo|stück|stuk|st|unit[eé]?s?|plaquettes?|barrettes?|pochons?|bars?|caps?)\b`;
const PER_UNIT = new RegExp(
  String.raw`(?:[€£$]\s?${AMOUNT}|${AMOUNT}\s?${CURRENCY_AFTER})\s?(?:/|le|la|el|al|per|a|an|the|pro|par|x|each|por|il|lo|het|de)?\s?${UNIT}` +
    String.raw`|${AMOUNT}\s?${UNIT}\s?(?:=|:|à|a|for|pour|por|per|für|voor|->|→|-|–)\s?(?:[€£$]\s?${AMOUNT}|${AMOUNT}\s?${CURRENCY_AFTER})`,
  'u',
);
const QUANTITY = new RegExp(String.raw`\b${AMOUNT}\s?(?:g|gr|mg|kg|oz|ml|µg|ug)\b`, 'u');

export function computeSignals(input: SignalInput, lexicon: Lexicon): PostSignals {
  const values: SignalVector = new Array<number>(SIGNAL_NAMES.length).fill(0);
  const reasons = new Map<SignalName, string[]>();
  const raise = (name: SignalName, value: number, reason?: string) => {
    const index = INDEX.get(name) as number;
    values[index] = Math.max(values[index] as number, Math.min(1, value));
    if (reason !== undefined) {
      const list = reasons.get(name);
      if (!list) reasons.set(name, [reason]);
      else if (!list.includes(reason)) list.push(reason);
    }
  };

  const matches = lexicon.match(input.normalized.tokens, input.normalized.alternatives);
  const categories = new Map<Category, CategoryEvidence>();
  // Lists with their own deduplication, not sets and maps of sets: a post has a handful of
  // matches, and the collections cost more to build than to search.
  const sale: string[][] = [];
  const counter: string[][] = [];
  const strongTerms: string[] = [];
  const weakWords: string[] = [];
  const productEmoji: string[] = [];
  for (const match of matches) {
    const written = writtenForm(match, input.normalized.tokens);
    const meaning = match.entry.meaning;
    if (meaning.role === 'product') {
      let evidence = categories.get(meaning.category);
      if (!evidence) {
        evidence = { strong: [], weak: [], emoji: [] };
        categories.set(meaning.category, evidence);
      }
      const isEmoji = match.entry.language === 'emoji';
      const bucket = isEmoji ? evidence.emoji : evidence[meaning.strength];
      addOnce(bucket, written);
      if (isEmoji) addOnce(productEmoji, written);
      else if (meaning.strength === 'strong') addOnce(strongTerms, written);
      else addOnce(weakWords, written);
    } else if (meaning.role === 'sale') {
      addAt(sale, SALE_INDEX[meaning.signal], written);
    } else {
      addAt(counter, COUNTER_INDEX[meaning.family], written);
    }
  }
  // A word both strong somewhere and weak elsewhere counts once, as strong.
  const weakOnly = weakWords.filter((word) => !strongTerms.includes(word));

  const quoted = (terms: readonly string[]) => terms.map((term) => `"${term}"`).join(', ');
  if (strongTerms.length > 0) raise('product.strong', strongTerms.length / 2, quoted(strongTerms));
  if (weakOnly.length > 0) raise('product.weak_words', weakOnly.length / 2, quoted(weakOnly));
  if (productEmoji.length > 0)
    raise('product.emoji', productEmoji.length / 3, quoted(productEmoji));
  const productCategories = [...categories.keys()];
  if (productCategories.length > 0) {
    raise('product.categories', productCategories.length / 4, productCategories.join(', '));
  }
  const anyProduct = strongTerms.length > 0 || weakOnly.length + productEmoji.length >= 1;
  if (!anyProduct) raise('product.none', 1);
  const nonDrug = productCategories.filter(
    (category) => NON_DRUG.has(category) && (categories.get(category)?.strong.length ?? 0) > 0,
  );
  if (nonDrug.length > 0) raise('product.nondrug', 1, nonDrug.join(', '));

  // One signal for each sale signal or counter family found, with its terms.
  const raiseFound = (lists: readonly (string[] | undefined)[], names: readonly SignalName[]) => {
    let found = 0;
    lists.forEach((terms, index) => {
      if (terms === undefined) return;
      found++;
      raise(names[index] as SignalName, 1, quoted(terms));
    });
    return found;
  };
  const saleCount = raiseFound(sale, SALE_NAME);
  if (saleCount > 0) raise('sale.count', saleCount / 4);
  const counterCount = raiseFound(counter, COUNTER_NAME);
  if (counterCount > 0) raise('counter.count', counterCount / 2);

  for (const contact of input.contacts) {
    const label = `${contact.type} ${contact.value}`;
    if (APPS.has(contact.type)) raise('contact.app', 1, label);
    else if (contact.type === 'phone') raise('contact.phone', 1, label);
    else if (contact.type === 'email') raise('contact.email', 1, label);
    else raise('contact.url', 1, label);
  }

  const plain = input.text.normalize('NFKC').toLowerCase();
  // Prices and quantities need digits; most chatter has none worth the regexes.
  const digits = hasDigit(plain);
  const price = digits ? PRICE.exec(plain) : null;
  let perUnit: RegExpExecArray | null = null;
  if (price) {
    raise('price.any', 1, `"${price[0].trim()}"`);
    perUnit = PER_UNIT.exec(plain);
    if (perUnit) raise('price.per_unit', 1, `"${perUnit[0].trim()}"`);
    let pricedLines = 0;
    if (plain.includes('\n'))
      for (const line of plain.split('\n')) if (PRICE.test(line)) pricedLines++;
    if (pricedLines >= 2) raise('price.menu', pricedLines / 4, `${pricedLines} priced lines`);
  }
  const quantity = digits ? QUANTITY.exec(plain) : null;
  if (quantity) raise('quantity', 1, `"${quantity[0].trim()}"`);
  if (plain.includes('?') || plain.includes('¿')) raise('question', 1);
  if (input.hashtags.length >= 3) raise('hashtags.many', input.hashtags.length / 6);
  if (input.normalized.obfuscations > 0) {
    raise('obfuscation', input.normalized.obfuscations / 3, 'obfuscated spelling undone');
  }
  if (input.normalized.tokens.length < 8) raise('length.short', 1);

  const hasSale = saleCount > 0;
  const hasContact = input.contacts.length > 0;
  if (anyProduct && hasSale) raise('both.product_sale', Math.min(saleCount, 3) / 3);
  if (anyProduct && hasContact) raise('both.product_contact', 1);
  if (anyProduct && (price || perUnit)) raise('both.product_price', 1);
  if (anyProduct && counterCount > 0) raise('both.product_counter', 1);
  if (strongTerms.length === 0 && anyProduct && hasSale) raise('both.weak_only_sale', 1);

  return { values, reasons, categories };
}

/** The post's own (normalized) words for a match, so evidence quotes the post, not the lexicon. */
function writtenForm(match: TermMatch, tokens: readonly string[]): string {
  return match.end - match.start === 1
    ? (tokens[match.start] as string)
    : tokens.slice(match.start, match.end).join(' ');
}

function addOnce(list: string[], term: string): void {
  if (!list.includes(term)) list.push(term);
}

/** Adds the term once to the list at an index, creating the list the first time. */
function addAt(lists: string[][], index: number, term: string): void {
  const list = lists[index];
  if (list === undefined) lists[index] = [term];
  else addOnce(list, term);
}

function hasDigit(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) return true;
  }
  return false;
}
