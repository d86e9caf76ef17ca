/**
 * The country whose numbering a post's phone numbers most likely follow when they are written
 * without a `+` code (`06 39 98 12 34`, `07700 900123`): the places the post names (hashtags
 * first, then words of the text), then its currency signs, then its language, then France (the
 * setting of the #Lille story).
 *
 * Hand-written: no library maps a social post to a country. The place names are data
 * (`lexicons/places.json`); names that are also common words (Nice, Lens, Essen, Reading) count
 * only as hashtags. The work is done only for posts holding a national-format number, so it
 * need not be fast, but it allocates nothing at module load beyond the lookup tables.
 */
import places from '../../lexicons/places.json' with { type: 'json' };

export interface RegionContext {
  lang: string | null;
  hashtags: readonly string[];
  /** ISO 3166 alpha-2 override (a `--region` flag): wins over everything the post says. */
  region?: string | undefined;
}

export const FALLBACK_REGION = 'FR';

/** Where a language is mostly written, among the markets this tool watches. */
const LANGUAGE_REGIONS: Readonly<Record<string, string>> = {
  fr: 'FR',
  en: 'GB',
  es: 'ES',
  ca: 'ES',
  eu: 'ES',
  gl: 'ES',
  de: 'DE',
  nl: 'NL',
  it: 'IT',
  pt: 'PT',
  pl: 'PL',
  tr: 'TR',
  cs: 'CZ',
  sk: 'SK',
  ro: 'RO',
  el: 'GR',
  sq: 'AL',
  da: 'DK',
  sv: 'SE',
  nb: 'NO',
  nn: 'NO',
  no: 'NO',
  fi: 'FI',
  hu: 'HU',
  hr: 'HR',
  sl: 'SI',
  sr: 'RS',
  bg: 'BG',
  ga: 'IE',
  lb: 'LU',
};

/**
 * Currencies that only one of the watched countries uses (`£50/g`, `4O zł`, `250 Kč`): the
 * codes only after an amount, as `lei` and `TL` are also words.
 */
const CURRENCY_REGIONS = ['GB', 'PL', 'CZ', 'RO', 'TR', 'CH'] as const;
const AMOUNT = '\\d[\\dOo.,]*\\s?';
/** Cheap test before the currency regex. */
const MAYBE_CURRENCY = /[£₺]|\d\s?[zkltcgrp]/i;
const CURRENCIES = new RegExp(
  `(£|${AMOUNT}gbp\\b)|(${AMOUNT}(?:zł|zl\\b|pln\\b))|(${AMOUNT}(?:kč|czk\\b))|(${AMOUNT}(?:lei|ron)\\b)|(₺|${AMOUNT}tl\\b)|(${AMOUNT}chf\\b|\\bchf\\s?\\d)`,
  'gi',
);

const PLACE_REGION = new Map<string, string>();
for (const [region, names] of Object.entries(places.places)) {
  for (const name of names) PLACE_REGION.set(name, region);
}
const HASHTAG_ONLY = new Set<string>(places.hashtagOnly);

const COMBINING_MARKS = /\p{M}+/gu;
const PLAIN = /^[a-z]+$/;
const CAPITALIZED = /^[A-Z\u00C0-\u00DE\u0391-\u03A9\u0400-\u042F]/;
const NAME_SEPARATORS = /[\s'’\-_.]+/g;
const DOTLESS_I = /ı/g;
// Latin, Greek and Cyrillic words; no `u` flag, as this runs on every post with a number.
const WORD =
  /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF][A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF'’-]*/g;

/** The lookup key of a place name: lowercased, accents, spaces, hyphens and apostrophes gone. */
export function placeKey(name: string): string {
  const lower = name.toLowerCase();
  if (PLAIN.test(lower)) return lower;
  return lower
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(NAME_SEPARATORS, '')
    .replace(DOTLESS_I, 'i');
}

/** The country a place name or hashtag stands for, if it is one the lexicon knows. */
export function placeRegion(name: string, asHashtag = true): string | undefined {
  const key = placeKey(name);
  if (!asHashtag && HASHTAG_ONLY.has(key)) return undefined;
  return PLACE_REGION.get(key);
}

/**
 * Words of post texts already looked up, with their country or null. A stream's vocabulary
 * repeats, and a word's key costs a lowercasing and, for a word with accents, a Unicode
 * decomposition: about as much as the rest of the number's reading. Cleared when full.
 */
const wordRegions = new Map<string, string | null>();
const WORD_MEMO_LIMIT = 65536;

function wordRegion(word: string): string | undefined {
  let region = wordRegions.get(word);
  if (region === undefined) {
    if (wordRegions.size >= WORD_MEMO_LIMIT) wordRegions.clear();
    region = placeRegion(word, false) ?? null;
    wordRegions.set(word, region);
  }
  return region ?? undefined;
}

/**
 * Every country the post points to, most telling first and without repeats: the override,
 * place hashtags, place names in the text (single words and two-word names such as Den Haag),
 * currency signs, the language. May be empty; `defaultRegion` falls back to France.
 */
export function candidateRegions(context: RegionContext, text = ''): string[] {
  const found: string[] = [];
  const add = (region: string | undefined): void => {
    if (region && !found.includes(region)) found.push(region);
  };
  if (context.region) add(context.region.toUpperCase());
  for (const tag of context.hashtags) add(placeRegion(tag));
  if (text) {
    let previous = '';
    WORD.lastIndex = 0;
    for (let match = WORD.exec(text); match; match = WORD.exec(text)) {
      const word = match[0];
      if (word.length < 2) {
        previous = '';
        continue;
      }
      // A hashtag's words were looked at above, as hashtags.
      if (text[match.index - 1] === '#') {
        previous = '';
        continue;
      }
      // Two-word names (Den Haag, Le Havre) are written capitalized.
      const capitalized = CAPITALIZED.test(word);
      const region =
        wordRegion(word) ?? (previous && capitalized ? wordRegion(previous + word) : undefined);
      add(region);
      previous = capitalized ? word : '';
    }
    CURRENCIES.lastIndex = 0;
    for (
      let match = MAYBE_CURRENCY.test(text) ? CURRENCIES.exec(text) : null;
      match;
      match = CURRENCIES.exec(text)
    ) {
      add(CURRENCY_REGIONS[match.slice(1).findIndex((group) => group !== undefined)]);
    }
  }
  if (context.lang) add(LANGUAGE_REGIONS[context.lang.toLowerCase().slice(0, 2)]);
  return found;
}

/** The one country to read the post's national-format phone numbers in. */
export function defaultRegion(context: RegionContext, text = ''): string {
  return candidateRegions(context, text)[0] ?? FALLBACK_REGION;
}
