/**
 * Text as the detector matches it, undoing the obfuscations sellers use to slip past filters,
 * while the original text stays untouched for display and evidence.
 *
 * Hand-written: no library undoes leetspeak, spaced letters and mixed-script homoglyphs
 * together; each step is small and tested on its own (test/normalize.test.ts).
 *
 *   𝐜𝐨𝐤𝐞 / ｃｏｋｅ    → coke   (NFKC folds mathematical and full-width letters)
 *   Ċȯḳė / kétamine   → coke / ketamine   (diacritics stripped)
 *   cоkе (Cyrillic о,е inside a Latin word) → coke   (confusables, only in mixed-script words)
 *   c0ke / w33d / h@sh → coke / weed / hash   (leetspeak, only between letters)
 *   c o c a / k.e.t.a / h•3•r•o•ï•n•3 → coca / keta / heroine   (spaced letters joined)
 *   cokeeeee → cokee, matched also as "coke" (runs of three or more collapsed)
 *   ❄️ → ❄   (emoji kept as tokens, variation selectors dropped)
 */

export interface NormalizedText {
  /** Lowercased, de-obfuscated words, emoji and flags, in order. */
  tokens: string[];
  /** How many obfuscations were undone (leet digits, spaced letters, homoglyphs, fancy letters). */
  obfuscations: number;
  /**
   * Second readings of some tokens, by token index, tried by the matcher when the first finds
   * nothing: a leading digit as a letter (`3rba` → `erba`: such a digit is as often part of a
   * name, `3mmc`, `2cb`), a stretched word with its runs as one letter (`cokeeee` → `coke`).
   */
  alternatives: ReadonlyMap<number, string>;
}

const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  ω: 'w',
  μ: 'u',
};

/** Letter-like symbols NFKC leaves alone: small capitals, negative squared and circled letters. */
const LETTER_LIKE: Record<string, string> = Object.fromEntries([
  ...[...'ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡʏᴢ'].map((char, index) => [
    char,
    'abcdefghijklmnopqrstuvwyz'[index],
  ]),
  ...Array.from({ length: 26 }, (_, index) => [
    String.fromCodePoint(0x1f170 + index),
    String.fromCharCode(97 + index),
  ]),
  ...Array.from({ length: 26 }, (_, index) => [
    String.fromCodePoint(0x1f150 + index),
    String.fromCharCode(97 + index),
  ]),
  ['ø', 'o'],
  ['œ', 'oe'],
  ['æ', 'ae'],
  ['ß', 'ss'],
  ['ı', 'i'],
  ['ł', 'l'],
  ['đ', 'd'],
]);
/** Letter-like symbols that are ordinary letters of some language, not a disguise. */
const NATIVE_LETTERS = new Set(['ø', 'œ', 'æ', 'ß']);

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
};

/** Letters with diacritics, and combining marks: the only characters NFD changes here. */
function mayDecompose(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0xc0) continue;
    if (
      code <= 0x24f ||
      (code >= 0x300 && code <= 0x4ff) ||
      (code >= 0x610 && code <= 0x65f) ||
      (code >= 0x1e00 && code <= 0x1fff) ||
      code === 0x3099 ||
      code === 0x309a
    ) {
      return true;
    }
  }
  return false;
}
/**
 * What the character pass does with each code point, decided once per code point. Noise
 * (variation selectors, zero-width joiners, skin tones: emoji `❄️` and `❄` are one token) always
 * goes, a combining mark goes once the text is decomposed, a letter-like symbol becomes its letter.
 */
const KEEP = 1;
const MARK = 2;
const NOISE = 3;
const LOOK_ALIKE = 4;
const bmpActions = new Uint8Array(0x10000);
const astralActions = new Map<number, number>();
function actionOf(point: number): number {
  let action = point < 0x10000 ? (bmpActions[point] as number) : (astralActions.get(point) ?? 0);
  if (action !== 0) return action;
  const char = String.fromCodePoint(point);
  action =
    point === 0xfe0e ||
    point === 0xfe0f ||
    point === 0x200d ||
    (point >= 0x1f3fb && point <= 0x1f3ff)
      ? NOISE
      : LETTER_LIKE[char] !== undefined
        ? LOOK_ALIKE
        : /\p{M}/u.test(char)
          ? MARK
          : KEEP;
  if (point < 0x10000) bmpActions[point] = action;
  else astralActions.set(point, action);
  return action;
}

/**
 * Drops emoji noise (and combining marks, in a decomposed text) and turns letter-like symbols
 * into letters, in one pass that copies nothing when nothing changes: a regex replace per step
 * cost more than the rest of normalization.
 */
function cleanCharacters(text: string, decomposed: boolean, lookAlike: () => void): string {
  let out = '';
  let from = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // Nothing below U+00C0 is changed here.
    if (code < 0xc0) continue;
    let point = code;
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const low = text.charCodeAt(index + 1);
      if (low >= 0xdc00 && low <= 0xdfff)
        point = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    }
    const width = point > 0xffff ? 2 : 1;
    const action = actionOf(point);
    if (action === KEEP || (action === MARK && !decomposed)) {
      index += width - 1;
      continue;
    }
    out += text.slice(from, index);
    if (action === LOOK_ALIKE) {
      const char = text.slice(index, index + width);
      if (!NATIVE_LETTERS.has(char)) lookAlike();
      out += LETTER_LIKE[char] as string;
    }
    index += width - 1;
    from = index + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
const DOLLAR_AS_S = /(?<![\p{L}\p{N}])\$(?=\p{L}{2})/gu;
/** Separators of fragments split by dots and dashes: `l.s.d`, `ly.ri.ca`, `h•3•r•o`. */
const DOT_SEPARATORS = new Set(['.', '•', '·', '-', '_', '*', '|', '+', '~']);
const LEADING_LEET = /^[013457]\p{L}{2}/u;
/** Shared by every text without second readings (most): never changed once returned. */
const NO_ALTERNATIVES: ReadonlyMap<number, string> = new Map();
const TRAILING_LEET = /[013457@$!]+$/;

// Character classes, decided once per code point: the scanner below runs on every post.
const WORD = 1;
const EMOJI = 2;
const REGIONAL = 3;
const OTHER = 0;
const classCache = new Map<number, number>();
function classify(code: number): number {
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90)
      ? WORD
      : OTHER;
  }
  let kind = classCache.get(code);
  if (kind === undefined) {
    const char = String.fromCodePoint(code);
    kind = /[\p{L}\p{N}]/u.test(char)
      ? WORD
      : code >= 0x1f1e6 && code <= 0x1f1ff
        ? REGIONAL
        : /\p{Extended_Pictographic}/u.test(char)
          ? EMOJI
          : OTHER;
    classCache.set(code, kind);
  }
  return kind;
}

function letterCount(token: string): number {
  let count = 0;
  for (const char of token) if (flagsOf(char.codePointAt(0) as number) & HAS_LETTER) count++;
  return count;
}

/** A cheap test before `LEADING_LEET`, which runs on every token: most start with a letter. */
function startsWithLeetDigit(token: string): boolean {
  const code = token.charCodeAt(0);
  return code === 48 || code === 49 || code === 51 || code === 52 || code === 53 || code === 55;
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 127) return false;
  return true;
}

/** What a token holds, noted while scanning so that later steps skip what does not apply. */
const HAS_LETTER = 1;
const HAS_LEET = 2;
const HAS_OTHER_SCRIPT = 4;
const HAS_LATIN = 8;
const HAS_EURO = 16;

function flagsOf(code: number): number {
  if (code < 128) {
    if (code >= 97 && code <= 122) return HAS_LETTER | HAS_LATIN;
    if (code >= 65 && code <= 90) return HAS_LETTER | HAS_LATIN;
    // 0 1 3 4 5 7 8 @ $ !
    return code === 48 ||
      code === 49 ||
      code === 51 ||
      code === 52 ||
      code === 53 ||
      code === 55 ||
      code === 56 ||
      code === 64 ||
      code === 36 ||
      code === 33
      ? HAS_LEET
      : 0;
  }
  if (code === 0x20ac) return HAS_EURO;
  if (code >= 0x370 && code <= 0x52f) return HAS_LETTER | HAS_OTHER_SCRIPT;
  if (code >= 0xc0 && code <= 0x24f) return HAS_LETTER | HAS_LATIN;
  return classify(code) === WORD && /\p{L}/u.test(String.fromCodePoint(code)) ? HAS_LETTER : 0;
}

interface RawToken {
  text: string;
  flags: number;
  /** The single character between this token and the previous one, or '' for any other gap. */
  gap: string;
  emoji: boolean;
  /** One character (a letter, digit or emoji) long. */
  single: boolean;
}

export function normalizeText(text: string): NormalizedText {
  let obfuscations = 0;
  let folded = text;
  if (!isAscii(text)) {
    // NFKC folds mathematical bold/fraktur/double-struck and full-width letters to plain ones.
    folded = text.normalize('NFKC');
    if (folded !== text && /[\u{1D400}-\u{1D7FF}\uFF00-\uFFEF]/u.test(text)) obfuscations++;
    folded = folded.toLowerCase();
    const decomposed = mayDecompose(folded);
    if (decomposed) folded = folded.normalize('NFD');
    folded = cleanCharacters(folded, decomposed, () => {
      obfuscations++;
    });
  } else {
    folded = text.toLowerCase();
  }
  if (folded.includes('$')) {
    folded = folded.replace(DOLLAR_AS_S, () => {
      obfuscations++;
      return 's';
    });
  }

  const joined = joinFragments(scan(folded), () => {
    obfuscations++;
  });

  const tokens: string[] = [];
  let alternatives: Map<number, string> | undefined;
  for (const piece of joined) {
    let token = piece.text;
    let flags = piece.flags;
    if (flags & HAS_EURO) {
      // A euro sign in or ending a word of two letters or more is an e (`b€uh`, `c0k€`).
      token = letterCount(token) >= 2 ? token.replaceAll('€', 'e') : token.replaceAll('€', '');
      if (token.includes('e')) obfuscations++;
    }
    if (flags & HAS_LEET && flags & HAS_LETTER) {
      const unleeted = unleet(token);
      if (unleeted !== token) {
        obfuscations++;
        token = unleeted;
        flags |= HAS_LATIN; // the digits became Latin letters (`κ0κα` → `κoκα`)
      }
    }
    // Look-alike letters inside a Latin word, or a whole word spelled only with look-alikes
    // (`С О К Е` in Cyrillic): terms go through the same mapping, so matching stays consistent.
    if (flags & HAS_OTHER_SCRIPT && (flags & HAS_LATIN || onlyConfusables(token))) {
      let mapped = '';
      for (const char of token) mapped += CONFUSABLES[char] ?? char;
      token = mapped;
      obfuscations++;
    }
    let stretched = false;
    if (token.length > 2) {
      const collapsed = collapseRepeats(token, 2);
      stretched = collapsed !== token;
      token = collapsed;
    }
    if (stretched) {
      // A word with a letter held down (`cokeeee`) is also read with each run as one letter.
      alternatives ??= new Map();
      alternatives.set(tokens.length, collapseRepeats(token, 1));
    } else if (startsWithLeetDigit(token) && LEADING_LEET.test(token)) {
      // Read as if the leading digit were a letter in disguise, trailing ones included (`3rv4`).
      const reading = unleet(`${LEET[token[0] as string]}${token.slice(1)}`);
      alternatives ??= new Map();
      alternatives.set(
        tokens.length,
        reading.replace(TRAILING_LEET, (tail) =>
          [...tail].map((char) => LEET[char] ?? char).join(''),
        ),
      );
    }
    tokens.push(token);
  }
  return { tokens, obfuscations, alternatives: alternatives ?? NO_ALTERNATIVES };
}

/**
 * Words (letters and digits, with `@$!` inside), emoji and flags, each with the single
 * character that separates it from the previous one (if the gap is one character).
 */
function scan(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  let gapStart = 0;
  let index = 0;
  const gapOf = (start: number) => (start - gapStart === 1 ? (text[gapStart] as string) : '');
  while (index < text.length) {
    const code = text.charCodeAt(index);
    const point = code >= 0xd800 && code <= 0xdbff ? (text.codePointAt(index) as number) : code;
    const width = point > 0xffff ? 2 : 1;
    const kind = classify(point);
    if (kind === WORD) {
      const start = index;
      let flags = flagsOf(point);
      index += width;
      while (index < text.length) {
        const nextCode = text.charCodeAt(index);
        const next =
          nextCode >= 0xd800 && nextCode <= 0xdbff ? (text.codePointAt(index) as number) : nextCode;
        if (classify(next) === WORD) {
          flags |= flagsOf(next);
          index += next > 0xffff ? 2 : 1;
          continue;
        }
        // A leet symbol joins the word only with a word character after it (`h@sh`, `co$e`);
        // a euro sign also at the word's end (`c0k€`), to be read as an e if the word has letters.
        const symbol = nextCode === 64 || nextCode === 36 || nextCode === 33 || nextCode === 0x20ac;
        if (symbol) {
          const after = index + 1 < text.length ? (text.codePointAt(index + 1) as number) : -1;
          if (after !== -1 && classify(after) === WORD) {
            flags |= flagsOf(nextCode);
            index += 1;
            continue;
          }
          if (nextCode === 0x20ac && flags & HAS_LETTER) {
            flags |= HAS_EURO;
            index += 1;
          }
        }
        break;
      }
      tokens.push({
        text: text.slice(start, index),
        flags,
        gap: gapOf(start),
        emoji: false,
        single: index - start === width,
      });
      gapStart = index;
    } else if (kind === EMOJI) {
      tokens.push({
        text: text.slice(index, index + width),
        flags: 0,
        gap: gapOf(index),
        emoji: true,
        single: true,
      });
      index += width;
      gapStart = index;
    } else if (kind === REGIONAL && index + width < text.length) {
      const next = text.codePointAt(index + width) as number;
      if (next >= 0x1f1e6 && next <= 0x1f1ff) {
        tokens.push({
          text: text.slice(index, index + 4),
          flags: 0,
          gap: gapOf(index),
          emoji: true,
          single: true,
        });
        index += 4;
        gapStart = index;
      } else index += width;
    } else {
      index += width;
    }
  }
  return tokens;
}

function lettered(tokens: readonly RawToken[], from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index++)
    if ((tokens[index] as RawToken).flags & HAS_LETTER) count++;
  return count;
}

function concat(tokens: readonly RawToken[], from: number, to: number): RawToken {
  let text = '';
  let flags = 0;
  for (let index = from; index < to; index++) {
    const token = tokens[index] as RawToken;
    text += token.text;
    flags |= token.flags;
  }
  const first = tokens[from] as RawToken;
  return { text, flags, gap: first.gap, emoji: false, single: false };
}

/**
 * Joins letters spelled apart: three or more single characters one space apart (`c o c a`),
 * then fragments of one or two characters split by one dot, dash or bullet (`l.s.d`,
 * `ly.ri.ca`). Only when enough pieces hold letters: `il y a 3 ans` and `1.5g` stay apart.
 */
function joinFragments(tokens: RawToken[], counted: () => void): RawToken[] {
  const spaced: RawToken[] = [];
  for (let index = 0; index < tokens.length; ) {
    const first = tokens[index] as RawToken;
    let end = index + 1;
    if (first.single && !first.emoji) {
      while (end < tokens.length) {
        const next = tokens[end] as RawToken;
        if (!next.single || next.emoji || next.gap !== ' ') break;
        end++;
      }
    }
    if (end - index >= 3 && lettered(tokens, index, end) >= 3) {
      counted();
      spaced.push(concat(tokens, index, end));
    } else {
      for (let at = index; at < end; at++) spaced.push(tokens[at] as RawToken);
    }
    index = end;
  }
  const out: RawToken[] = [];
  for (let index = 0; index < spaced.length; ) {
    let end = index + 1;
    let fragments = isFragment(spaced[index] as RawToken);
    while (end < spaced.length) {
      const next = spaced[end] as RawToken;
      if (next.gap.length !== 1 || !DOT_SEPARATORS.has(next.gap)) break;
      if (!isFragment(next)) fragments = false;
      end++;
    }
    if (end - index >= 2 && fragments && lettered(spaced, index, end) >= 2) {
      counted();
      out.push(concat(spaced, index, end));
    } else {
      for (let at = index; at < end; at++) out.push(spaced[at] as RawToken);
    }
    index = end;
  }
  return out;
}

function isFragment(token: RawToken): boolean {
  if (token.emoji) return false;
  const length = token.text.length;
  if (length <= 2) return true;
  // Astral letters take two UTF-16 units each.
  return length <= 4 && [...token.text].length <= 2;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** Runs of one letter longer than `keep` are cut to `keep` (`weeeed` → `weed` for 2). */
function collapseRepeats(token: string, keep: number): string {
  let run = 1;
  let index = 1;
  for (; index < token.length; index++) {
    const code = token.charCodeAt(index);
    if (code === token.charCodeAt(index - 1) && !isDigit(code)) {
      if (++run > keep) break;
    } else run = 1;
  }
  if (index >= token.length) return token;
  let out = token.slice(0, index);
  for (index++; index < token.length; index++) {
    const code = token.charCodeAt(index);
    if (code === token.charCodeAt(index - 1) && !isDigit(code)) run++;
    else run = 1;
    if (run <= keep) out += token[index];
  }
  return out;
}

function onlyConfusables(token: string): boolean {
  for (const char of token)
    if (CONFUSABLES[char] === undefined && !/\p{N}/u.test(char)) return false;
  return true;
}

/**
 * Leetspeak digits and symbols become letters only inside a word (`c0ke`, `h13rba`, `h@sh`),
 * at its end when the word already had one inside (`c0c4`), and a leading zero (`0xy`), so
 * that names and quantities that begin or end with digits (`3mmc`, `2cb`, `10g`, `covid19`)
 * stay as written.
 */
function unleet(token: string): string {
  const chars = [...token];
  const isLetter = (char: string | undefined) => char !== undefined && /\p{L}/u.test(char);
  let interior = false;
  const out = chars.slice();
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index] as string;
    const mapped = LEET[char];
    if (!mapped) continue;
    let before = index - 1;
    while (before >= 0 && LEET[chars[before] as string]) before--;
    let after = index + 1;
    while (after < chars.length && LEET[chars[after] as string]) after++;
    if (isLetter(chars[before]) && isLetter(chars[after])) {
      out[index] = mapped;
      interior = true;
    }
  }
  // A leading zero before letters is an O (`0xy`, `0pium`); other leading digits are names.
  if (chars[0] === '0' && isLetter(chars[1])) {
    out[0] = 'o';
    interior = true;
  }
  if (interior) {
    for (let index = out.length - 1; index > 0 && LEET[out[index] as string]; index--) {
      out[index] = LEET[out[index] as string] as string;
    }
  }
  return out.join('');
}
