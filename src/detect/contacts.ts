/**
 * The contacts a post asks to be reached through: app handles (Snapchat, Telegram, Instagram,
 * Wickr), phone numbers (plain, WhatsApp, Signal), emails and web sites, normalized as the
 * contract says so that one contact written two ways is one value (the key that links accounts
 * into operations).
 *
 * Hand-written rules: no library extracts app handles from free text, and sellers write them
 * every way they can think of (`snap: x`, `👻 x`, `add my snap x`, `w h a t s a p p`,
 * `wickr ➜ x`, `tg @x`, `t.me/x`). The rules work on a folded copy of the text of the same
 * length (lowercased, accents, homoglyphs and small capitals folded), so that an index found in
 * the copy is the index of the same characters as written (urls keep their case).
 *
 * Phone numbers: only digit runs that survive cheap structural checks (not a price, date,
 * quantity, time or order number) reach libphonenumber-js's metadata, which says whether the
 * number is possible in a country (length and national number pattern, so the ranges reserved
 * for fiction pass where strict validation would reject them) and how the country groups its
 * digits; the grouping as written picks the country when the post's own (places, language)
 * does not fit (`0470 12 34 56` is Belgian even in French). The E.164 form is then written from
 * the same metadata where libphonenumber-js's parse would only strip the trunk prefix, and is
 * the library's answer otherwise (`nationalE164`). Regexes are compiled once (a country's numbering plan the first time it is
 * needed), and a number's reading is cached, so a post without contacts costs a few scans.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';
import type { Contact, ContactType } from '../records/contact.js';
import { candidateRegions } from './regions.js';

export type { Contact, ContactType };

export interface ContactContext {
  platform: 'x' | 'bluesky' | 'mastodon' | 'telegram';
  lang: string | null;
  hashtags: readonly string[];
  /** The post's link entities (X's expanded t.co links, Bluesky link facets, Telegram text links). */
  urls: readonly string[];
  /** ISO 3166 alpha-2 country for numbers written without `+` (a `--region` flag). */
  region?: string | undefined;
}

export interface ContactMatch {
  type: ContactType;
  value: string;
  /** Why: which words, link or number made it a contact. */
  evidence: string;
}

// ---------------------------------------------------------------------------------------------
// Folding: same length as the text, so indices carry over.

/** Mathematical, full-width and enclosed letters, folded by NFKC before anything else. */
const FANCY_LETTERS = /[\uD835\uFF01-\uFF5E\u2460-\u24FF]|\uD83C[\uDD30-\uDD89]/;

const FOLD = new Map<string, string>();
for (const [from, to] of [
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
]) {
  for (let code = from as number; code <= (to as number); code++) {
    const char = String.fromCharCode(code);
    const base = char.normalize('NFD').charAt(0).toLowerCase();
    if (base !== char && base >= 'a' && base <= 'z') FOLD.set(char, base);
  }
}
for (const [chars, latin] of [
  // Cyrillic and Greek look-alikes, small capitals, letters NFD leaves alone.
  ['аᴀ', 'a'],
  ['вβʙ', 'b'],
  ['сϲᴄ', 'c'],
  ['ԁᴅđ', 'd'],
  ['еёεᴇ', 'e'],
  ['ғ', 'f'],
  ['ɢɡ', 'g'],
  ['һʜн', 'h'],
  ['іїιɪı', 'i'],
  ['јᴊ', 'j'],
  ['кκᴋ', 'k'],
  ['ʟł', 'l'],
  ['мᴍ', 'm'],
  ['ɴη', 'n'],
  ['оοᴏø', 'o'],
  ['рρᴘ', 'p'],
  ['ԛǫ', 'q'],
  ['ʀ', 'r'],
  ['ѕꜱ', 's'],
  ['тτᴛ', 't'],
  ['υᴜ', 'u'],
  ['νᴠ', 'v'],
  ['ԝᴡω', 'w'],
  ['хχ', 'x'],
  ['уʏγ', 'y'],
  ['ᴢ', 'z'],
] as const) {
  for (const char of chars) FOLD.set(char, latin);
}
/** Folded letter by UTF-16 code unit (0: kept as is); every folded letter is in the BMP. */
const FOLD_TABLE = new Uint16Array(0x10000);
for (const [char, latin] of FOLD) FOLD_TABLE[char.charCodeAt(0)] = latin.charCodeAt(0);

function lowerKeepingLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  // A few capitals lowercase to two code units (Turkish İ): fold those one by one.
  let out = '';
  for (const char of text) {
    const folded = char.toLowerCase();
    out += folded.length === char.length ? folded : char;
  }
  return out;
}

function foldKey(text: string): string {
  const lower = lowerKeepingLength(text);
  let folded = '';
  let copied = 0;
  for (let index = 0; index < lower.length; index++) {
    const code = lower.charCodeAt(index);
    if (code < 0xc0) continue;
    const latin = FOLD_TABLE[code] as number;
    if (latin === 0) continue;
    folded += lower.slice(copied, index) + String.fromCharCode(latin);
    copied = index + 1;
  }
  return copied === 0 ? lower : folded + lower.slice(copied);
}

// ---------------------------------------------------------------------------------------------
// App labels: the words and emoji that introduce a contact.

/** One optional separator between the letters of a spaced-out word (`w h a t s a p p`, `s.n.a.p`). */
const GAP = '[\\s.·•*_\\-\\u200b-\\u200d]?';
const LEET: Readonly<Record<string, string>> = {
  a: '[a4@]',
  e: '[e3]',
  i: '[i1!]',
  o: '[o0]',
  s: '[s5$]',
};
function spelled(word: string): string {
  return [...word].map((char) => LEET[char] ?? char).join(GAP);
}

const LABEL_TYPES: readonly (readonly [ContactType, string])[] = [
  ['snapchat', `${spelled('snapchat')}|${spelled('snap')}|snp|sc|👻`],
  [
    'whatsapp',
    `w${GAP}h?${GAP}[a4@]${GAP}t?${GAP}[s5$]${GAP}[a4@]${GAP}p(?:${GAP}p)?|wh?[a4@]ts|whtsapp|wsp|wapp|w[.\\-_*]?a|zap(?:zap)?|app(?=\\s+(?:me|ons|mij)\\b)|appen|appje`,
  ],
  ['telegram', `${spelled('telegram')}m?|telegrm|tlgrm|tgram|tlg|tg`],
  ['signal', spelled('signal')],
  ['wickr', `w${GAP}[i1!]${GAP}c?${GAP}k${GAP}r|wckr`],
  ['instagram', `${spelled('instagram')}|${spelled('insta')}|ig`],
  [
    'phone',
    'tele?phone|phone|telefon[eo]?|telefoon|tel|call|appel(?:ez|le|er)?|texto|text|sms|gsm|bel|bellen|llama|llamar|chiama|ligue|ruf|anrufen|📞|☎|📱',
  ],
];
// ASCII boundaries and no `u` flag: the text is folded to ASCII letters, and this regex runs
// on every post.
const LABEL_RE = new RegExp(
  `(?<![a-z0-9_@.#])(?:${LABEL_TYPES.map(([, pattern]) => `(${pattern})`).join('|')})(?![a-z0-9]|\\.[a-z0-9])`,
  'g',
);
/** Two-letter labels (`sc`, `ig`, `tg`, `wa`) are too common to introduce a bare word. */
const SHORT_LABEL = /^[a-z0-9]{2}$/;

/** What may join two labels of one contact: `whatsapp/signal`, `snap ou insta`. */
const LABEL_JOINER =
  /^\s*(?:[/&+,|]|or|ou|o|y|e|et|and|und|oder|of|en|ili|lub|albo|nebo|sau|veya|ή)\s*$/u;

/** Between a label and its contact: blanks, colons, arrows, pointing hands, dashes. */
const SEPARATORS =
  /(?:[\s:：=>»›→➜➡⇒⟶–—\-•·.(]|\uFE0F|\u200B|\u200C|\u200D|\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}])+/uy;
/** Separators that announce a value: after them a bare word is taken as a handle. */
const ANNOUNCING = /[:：=>»›→➜➡⇒⟶👉👇⬇⤵–—-]/u;
/** Words that may stand between a label and its contact (`wickr me x`, `snap bleibt x`). */
const FILLER = new RegExp(
  `(?:${[
    "c'?est",
    "it'?s",
    'is',
    'ist',
    'est',
    'es',
    'e',
    'are',
    'sont',
    'me',
    'moi',
    'mi',
    'mir',
    'id',
    'username',
    'user',
    'pseudo',
    'handle',
    'name',
    'nom',
    'nombre',
    'nome',
    'naam',
    'number',
    'numero',
    'nummer',
    'num',
    'n°',
    'no',
    'nr',
    'bleibt',
    'blijft',
    'reste',
    'resta',
    'sigue',
    'stays',
    'remains',
    'still',
    'toujours',
    'immer',
    'noch',
    'nog',
    'ancora',
    'sempre',
    'siempre',
    'ainda',
    'igual',
    'pareil',
    'meme',
    'same',
    'gleich',
    'zelfde',
    'only',
    'uniquement',
    'seulement',
    'nur',
    'solo',
    'solamente',
    'alleen',
    'apenas',
    'tylko',
    'sadece',
    'doar',
    'pouze',
    'backup',
    'secours',
    'respaldo',
    'reserva',
    'nouveau',
    'nuevo',
    'new',
    'neu',
    'nieuw',
    'nuovo',
    'novo',
    'officiel',
    'official',
    'oficial',
    'ufficiale',
    'offiziell',
    'direct',
    'directement',
    'le mien',
    'la mienne',
    'mine',
    'el mio',
    'il mio',
    'o meu',
    'mein',
    'mijn',
    'at',
    'on',
    'au',
    'al',
    'am',
    'en',
    'op',
  ].join('|')})(?![\\p{L}\\p{N}])`,
  'uy',
);
const MAX_FILLERS = 3;

/** Common words that follow an app's name in a sentence and are not handles. */
const STOPWORDS = new Set(
  `a an and are as at be bio but by can channel channels chat check dm do for from get go group
  here hit how i if in info infos is it its just link me message messages more my need new no not
  now of on only or our out page pm private profile request requests send so story stories text
  that the them then there they this to too up us via we what when where who why with you your
  account accounts app apps order orders menu number stuff drugs deals dealer dealers police users
  reel reels post posts live followers follower likes views abonnes vues score streak streaks
  filter filters today tonight tomorrow later soon demain ce soir aujourdhui maintenant bientot
  hoy manana ahora heute morgen jetzt oggi domani ora vandaag morgen nu hoje amanha agora
  a au aux avec ce ces cet cette chez comme compte dans de des du elle en est et eux il ils je la
  le les leur lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se
  ses son sur ta te tes toi ton tous tout toute toutes tu un une vos votre vous y demande direct
  prive mp pv ici lien canal groupe story chelou
  al como con de del el en es esta este hay la las lo los mas mi mis no o para pero por que se
  si sin su sus te tu un una uno y ya aqui privado grupo cuenta enlace
  aber als am an auch auf aus bei bin bis da das dass dein dem den der des die dir du ein eine
  einem einen einer es fur gibt hier ich ihr im in ist ja kein mal man mein mich mir mit nach
  nicht noch nur oder schreib uber um und uns von vor was wie wir zu zum zur gruppe kanal
  bij dat deze die dit een en er het hier hij ik in is je jij kan maar met mij mijn naar niet
  nu of om ons ook op te van voor wat we wij ze zijn zo groep
  che chi ci con da del della di e gli ha ho i il in io la le lo ma mi ne non per qui se si sono
  su ti tu un una gruppo canale
  ao aos com da das de do dos e em eu isso na nas no nos o os para pela pelo por que se sem seu
  sua um uma aqui grupo canal`.split(/\s+/),
);

/** Words before an app's name that make it the subject of a sentence, not a label. */
const INSTRUMENT_WORDS = new Set(
  `via through thru using par per por pelo pela tramite mediante uber ueber over przez prin
  uzerinden pres de di da du des of van von the le la les el los las il lo der die das den dem
  het`.split(/\s+/),
);

const PURPOSE_WORDS = new Set('pour for para per fur voor to'.split(' '));
/** Words that make an app the means of something told about, not the way to reach the poster. */
const MEANS_WORDS = new Set(
  'via through thru using uber ueber tramite mediante przez prin uzerinden pres'.split(' '),
);
const CONNECTOR_WORDS = new Set(
  'or ou o y e et and und oder of ili lub albo nebo sau veya'.split(' '),
);

// ---------------------------------------------------------------------------------------------
// Handles, mentions, emails, links.

const HANDLE_AT = /[a-z0-9_](?:[a-z0-9._-]*[a-z0-9_])?(?![\p{L}\p{N}'’])/uy;
const MENTION_AT = /@([a-z0-9_](?:[a-z0-9_.]*[a-z0-9_])?)(?![@\p{L}\p{N}_])/uy;
const MENTION_RE = /(?<![a-z0-9_.@/])@([a-z0-9_](?:[a-z0-9_.]*[a-z0-9_])?)(?![@a-z0-9_])/g;

const VALID_HANDLE: Readonly<Partial<Record<ContactType, RegExp>>> = {
  snapchat: /^[a-z][a-z0-9._-]{2,29}$/,
  telegram: /^[a-z][a-z0-9_]{3,31}$/,
  instagram: /^(?=[a-z0-9._]*[a-z])[a-z0-9._]{2,30}$/,
  wickr: /^(?=[a-z0-9._-]*[a-z])[a-z0-9._-]{3,32}$/,
};
const HANDLE_TYPES: readonly ContactType[] = ['snapchat', 'telegram', 'instagram', 'wickr'];
const NUMBER_TYPES: readonly ContactType[] = ['whatsapp', 'signal', 'phone'];

const EMAIL_RE =
  /(?<![a-z0-9._%+\-@])[a-z0-9](?:[a-z0-9._%+-]*[a-z0-9_])?(?:@|\s?[[(]at[\])]\s?)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:(?:\.|\s?[[(]dot[\])]\s?)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?:\.|\s?[[(]dot[\])]\s?)[a-z]{2,24}(?![a-z0-9-])/g;
const EMAIL_OBFUSCATION = /\s?[[(](at|dot)[\])]\s?/g;

const URL_CHARS = "[a-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]";
const LINK_RE = new RegExp(
  `(?<![a-z0-9@._%+\\-/])(?:https?://${URL_CHARS}+|(?:www\\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z][a-z0-9-]*[a-z0-9](?![a-z0-9_@-])(?::\\d{2,5})?(?:[/?#]${URL_CHARS}*)?)`,
  'g',
);
const SCHEME = /^https?:\/\//;
/** Cheap test before the link regex: a dot between a name and a letter. */
const MAYBE_LINK = /[a-z0-9-]\.[a-z]/;
/** Top-level domains a bare `name.tld` is taken as a site for (with a scheme, any will do). */
const BARE_TLDS = new Set(
  `com net org info biz eu fr be nl de uk es it pt pl cz ro gr al tr ch at lu ie dk se no fi hu
  sk si hr rs bg lt lv ee ua ru su io co me app shop store online site xyz top club live onion
  example tech space website link click pro vip cc tv ws to ly gg ma dz tn us ca gouv pharmacy
  market delivery express plus world life today`.split(/\s+/),
);

const APP_LINK =
  /^(?:www\.)?(?:(?:t|telegram)\.(?:me|dog)\/(?:s\/)?@?([a-z0-9_]{4,32})(?![a-z0-9_])|wa\.me\/\+?(\d{6,15})|(?:api\.)?whatsapp\.com\/send\/?\?phone=\+?(\d{6,15})|snapchat\.com\/(?:add\/|@)([a-z0-9._-]+)|instagram\.com\/([a-z0-9._]+)|signal\.me\/#p\/\+?(\d{6,15}))/;
const NOT_INSTAGRAM_ACCOUNTS = new Set([
  'p',
  'reel',
  'reels',
  'explore',
  'stories',
  'tv',
  'accounts',
  'direct',
]);
const NOT_TELEGRAM_ACCOUNTS = new Set(['joinchat', 'addstickers', 'share', 'proxy', 'socks']);
/** Hosts of app links, which stay web addresses when they name no account (invite links). */
const APP_HOSTS = new Set(['t.me', 'telegram.me', 'telegram.dog', 'wa.me', 'signal.me']);

// ---------------------------------------------------------------------------------------------
// Phone numbers.

/** A run of digits, single separators, `(0)`, optional `+` or `00` in front. */
const PHONE_RE =
  /(?:(?<![0-9+])\+\s?|(?<![a-z0-9_@#°$€£¥/.,+\-=])(?:00)?)\(?\d(?:[ .\-\u00a0()]{0,3}\d)*/g;
const GROUP_SEPARATOR = /^(?: ?\( ?| ?\) ?| ?[-.] ?|[ \u00a0])$/;
/** What may not follow a number: a unit, a currency, more digits after `/`, `,`, `.` or `x`. */
const AFTER_NOT_PHONE =
  /^(?:\s?(?:€|£|\$|₺|%|µg|zł|kč|(?:eur|euros?|usd|gbp|chf|zl|kc|czk|lei|ron|tl|btc|eth|xmr|g|gr|grams?|kg|mg|ml|mcg|ug|k|pcs?|pieces|h|min|km|m|mm|x)(?![\p{L}\p{N}]))|[/,.x×*:]\d|[\p{L}\p{N}])/u;
/** What may not come before one: a currency, an order or reference number's marker. */
const BEFORE_NOT_PHONE =
  /(?:€|£|\$|¥|₺|\bchf|\beur|\busd|\bgbp|n°|\bno\.|\bnr\.?|#|\bref\.?|\bid|\biban|\bbic|\bsiret|\bsiren|\btva|\bvat)\s?:?\s?$/u;
const DATE_GROUPS = /^(?:\d{1,2}[-./]\d{1,2}[-./](?:\d{2}|\d{4})|\d{4}[-./]\d{1,2}[-./]\d{1,2})$/;
const YEAR_RANGE = /^(?:19|20)\d\d ?[-–] ?(?:19|20)\d\d$/;

/** Where a number written without `+` is tried when the post's own countries do not fit it. */
const FALLBACK_REGIONS = ['FR', 'BE', 'GB', 'NL', 'DE', 'CH', 'AT', 'IE'];
/** Countries whose national numbers keep their leading 0 in E.164 (no trunk prefix). */
const KEEPS_LEADING_ZERO = new Set(['IT', 'SM', 'VA']);

interface NumberFormat {
  pattern: RegExp;
  leading: RegExp | null;
  /** The format's digit runs, written without and with the trunk prefix (see `templateRuns`). */
  runs: readonly number[];
  prefixedRuns: readonly number[];
}

const isDigitCode = (code: number) => code >= 48 && code <= 57;

/** In `templateRuns`: a digit written in the template, and a character that ends a run. */
const LITERAL_DIGIT = -1;
const RUN_END = -2;

/**
 * A format template (`$1 $2 $3`, `0$1 $2`) as the pieces of its digit runs: a group number, a
 * digit written in it, or the end of a run. The number's groups are digits only, so the runs
 * of the formatted number follow from the groups' lengths without writing it out.
 */
function templateRuns(template: string): number[] {
  const runs: number[] = [];
  for (let index = 0; index < template.length; index++) {
    const code = template.charCodeAt(index);
    if (code === 0x24 && isDigitCode(template.charCodeAt(index + 1))) {
      runs.push(template.charCodeAt(++index) - 48);
    } else {
      runs.push(isDigitCode(code) ? LITERAL_DIGIT : RUN_END);
    }
  }
  return runs;
}
interface NumberingPlan {
  callingCode: string;
  nationalPattern: RegExp;
  lengths: readonly number[];
  nationalPrefix: string | undefined;
  formats: readonly NumberFormat[];
  /** The country's international call prefix, as libphonenumber-js's parse looks for it. */
  idd: RegExp | null;
  /**
   * What its parse strips from a national number (the prefix-for-parsing pattern, else the
   * trunk prefix), anchored; null where it strips nothing, and `captures` where the pattern has
   * groups (carrier codes, rules that rewrite the number), whose effect is left to the library.
   */
  prefixForParsing: RegExp | null | 'captures';
}

type MinifiedPlan = readonly unknown[];
const COUNTRIES = metadata.countries as Readonly<Record<string, MinifiedPlan | undefined>>;
const CALLING_CODES = metadata.country_calling_codes as Readonly<
  Record<string, readonly string[] | undefined>
>;
const plans = new Map<string, NumberingPlan | null>();

function numberingPlan(region: string): NumberingPlan | null {
  let plan = plans.get(region);
  if (plan !== undefined) return plan;
  plan = null;
  const raw = COUNTRIES[region];
  if (raw) {
    const callingCode = String(raw[0]);
    const main = COUNTRIES[CALLING_CODES[callingCode]?.[0] ?? region] ?? raw;
    const rawFormats = (raw[4] || main[4] || []) as readonly (readonly unknown[])[];
    const defaultRule = (raw[6] || main[6] || undefined) as string | undefined;
    const forParsing = (raw[7] || raw[5] || undefined) as string | undefined;
    const prefixForParsing = forParsing ? new RegExp(`^(?:${forParsing})`) : null;
    plan = {
      callingCode,
      nationalPattern: new RegExp(`^(?:${raw[2]})$`),
      lengths: (raw[3] as number[] | undefined) ?? [],
      nationalPrefix: typeof raw[5] === 'string' ? raw[5] : undefined,
      formats: rawFormats.map((format) => {
        const leading = format[2] as string[] | undefined;
        const last = leading?.[leading.length - 1];
        const template = String(format[1]);
        const prefixRule = (format[3] || defaultRule || undefined) as string | undefined;
        return {
          pattern: new RegExp(`^(?:${format[0]})$`),
          leading: last ? new RegExp(`^(?:${last})`) : null,
          runs: templateRuns(template),
          prefixedRuns: templateRuns(prefixRule ? template.replace('$1', prefixRule) : template),
        };
      }),
      idd: typeof raw[1] === 'string' ? new RegExp(raw[1]) : null,
      prefixForParsing:
        prefixForParsing && capturingGroups(prefixForParsing) > 0 ? 'captures' : prefixForParsing,
    };
  }
  plans.set(region, plan);
  return plan;
}

/** Whether libphonenumber-js's parse strips from the digits what left `national` here. */
function stripsAsParsed(plan: NumberingPlan, digits: string, national: string): boolean {
  const prefix = plan.prefixForParsing;
  if (prefix === 'captures') return false;
  const match = prefix?.exec(digits);
  return match ? match[0].length === digits.length - national.length : national === digits;
}

function capturingGroups(pattern: RegExp): number {
  return (new RegExp(`${pattern.source}|`).exec('') as RegExpExecArray).length - 1;
}

function isPlausible(plan: NumberingPlan, nationalNumber: string): boolean {
  return plan.lengths.includes(nationalNumber.length) && plan.nationalPattern.test(nationalNumber);
}

/** The digit groups of the country's own national format (`0470 12 34 56` → 4,2,2,2). */
function nationalGroups(plan: NumberingPlan, nationalNumber: string, withPrefix: boolean): string {
  for (const format of plan.formats) {
    if (format.leading && !format.leading.test(nationalNumber)) continue;
    const match = format.pattern.exec(nationalNumber);
    if (!match) continue;
    let groups = '';
    let run = 0;
    for (const piece of withPrefix ? format.prefixedRuns : format.runs) {
      if (piece === RUN_END) {
        if (run > 0) groups += groups === '' ? `${run}` : `,${run}`;
        run = 0;
      } else {
        run += piece === LITERAL_DIGIT ? 1 : (match[piece]?.length ?? 0);
      }
    }
    if (run > 0) groups += groups === '' ? `${run}` : `,${run}`;
    return groups;
  }
  return '';
}

interface PhoneCandidate {
  start: number;
  end: number;
  international: boolean;
  digits: string;
  /** Lengths of the digit groups as written, comma-joined. */
  groups: string;
  types: ContactType[];
  label: string;
}

function digitCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++)
    if (isDigitCode(text.charCodeAt(index))) count++;
  return count;
}

/** The digits of a run that is shaped like a phone number, else null. */
function shapePhone(raw: string): Omit<PhoneCandidate, 'start' | 'end' | 'types' | 'label'> | null {
  // Most runs are prices, quantities and times: too few digits to be a number at all.
  if (digitCount(raw) < 8) return null;
  const international = raw.startsWith('+') || raw.startsWith('00');
  let body = international ? raw.replace(/^\+\s?|^00/, '') : raw;
  if (international) body = body.replace(/\s?\(0\)\s?/, ' ');
  // The digit runs and what separates them, in one pass (a split by regex cost more than
  // the rest of the shape checks).
  const runLengths: number[] = [];
  const separators: string[] = [];
  let digits = '';
  let runEnd = -1;
  for (let index = 0; index < body.length; ) {
    if (!isDigitCode(body.charCodeAt(index))) {
      index++;
      continue;
    }
    let end = index + 1;
    while (end < body.length && isDigitCode(body.charCodeAt(end))) end++;
    if (runEnd !== -1) separators.push(body.slice(runEnd, index));
    runLengths.push(end - index);
    digits += body.slice(index, end);
    runEnd = end;
    index = end;
  }
  if (digits.length < 8 || digits.length > 15) return null;
  // Separators: single, of one kind (after the country code another may be used).
  let kind = '';
  for (let index = 0; index < separators.length; index++) {
    const separator = separators[index] as string;
    if (!GROUP_SEPARATOR.test(separator)) return null;
    if (separator.includes('(') || separator.includes(')')) continue;
    const own = separator.includes('-') ? '-' : separator.includes('.') ? '.' : ' ';
    if (international && index === 0) continue;
    if (kind && own !== kind) return null;
    kind = own;
  }
  if (!international && (DATE_GROUPS.test(body) || YEAR_RANGE.test(body))) return null;
  return { international, digits, groups: runLengths.join(',') };
}

const phoneCache = new Map<string, string | null>();
const PHONE_CACHE_LIMIT = 20_000;

/**
 * The E.164 form of digits written nationally in a country, as libphonenumber-js's parse gives
 * it. That parse costs 10 to 25 µs, a new number's biggest cost, and where it only strips what
 * `nationalNumberIn` strips, its answer is the calling code and that national number, written
 * here. Where it would read more (the country's call prefix, the calling code written without
 * `+`, a prefix pattern with groups) the library answers. For a calling code shared by several
 * countries (+44: GB, GG, IM, JE) it checks the length in the country the number's type points
 * to, and a number of a country's type has a length possible there, so the answer is the same.
 */
export function nationalE164(region: string, digits: string): string | null {
  const plan = numberingPlan(region);
  if (plan?.idd && !digits.startsWith(plan.callingCode) && digits.search(plan.idd) !== 0) {
    const national = nationalNumberIn(plan, region, digits);
    if (national !== null && stripsAsParsed(plan, digits, national)) {
      return `+${plan.callingCode}${national}`;
    }
  }
  const parsed = parsePhoneNumberFromString(digits, region as CountryCode, metadata);
  return parsed?.isPossible() ? parsed.number : null;
}

function resolveInternational(digits: string): string | null {
  for (let length = 1; length <= 3; length++) {
    const callingCode = digits.slice(0, length);
    const regions = CALLING_CODES[callingCode];
    if (!regions) continue;
    const written = digits.slice(length);
    for (const region of regions) {
      const plan = numberingPlan(region);
      if (!plan) continue;
      let national = written;
      // `+33 06 …` and `+44 (0)7700 …`: a trunk 0 written after the country code.
      if (plan.nationalPrefix && national.startsWith(plan.nationalPrefix)) {
        const stripped = national.slice(plan.nationalPrefix.length);
        if (!isPlausible(plan, national) && isPlausible(plan, stripped)) national = stripped;
      }
      if (isPlausible(plan, national)) {
        const parsed = parsePhoneNumberFromString(`+${callingCode}${national}`, metadata);
        return parsed?.isPossible() ? parsed.number : null;
      }
    }
    return null;
  }
  return null;
}

/** The national significant number of digits written nationally in a country, if possible there. */
function nationalNumberIn(plan: NumberingPlan, region: string, digits: string): string | null {
  let national: string;
  if (digits.startsWith('0')) {
    if (plan.nationalPrefix === '0') national = digits.slice(1);
    else if (KEEPS_LEADING_ZERO.has(region)) national = digits;
    else return null;
  } else {
    if (plan.nationalPrefix) return null;
    national = digits;
  }
  return isPlausible(plan, national) ? national : null;
}

function isValidIn(region: string, digits: string): boolean {
  return parsePhoneNumberFromString(digits, region as CountryCode, metadata)?.isValid() ?? false;
}

interface Reading {
  region: string;
  /** The country's own format groups the digits as the post does. */
  sameGroups: boolean;
  /** One of the countries the post points to. */
  own: boolean;
}

/**
 * The E.164 form of a number written without `+`. Grouping as written first (`0470 12 34 56`
 * is Belgian, `07700 900123` British), then the post's own countries, in a real range first
 * (the fiction ranges are in none, so validity only breaks ties); a number with a trunk 0 may
 * also be read in the neighbouring countries.
 */
function resolveNational(
  candidate: PhoneCandidate,
  regions: readonly string[],
  labeled: boolean,
): string | null {
  const { digits, groups } = candidate;
  const trunk = digits.startsWith('0') && !digits.startsWith('00');
  const grouped = groups.includes(',');
  const order = trunk ? [...new Set([...regions, ...FALLBACK_REGIONS])] : regions;
  const readings: Reading[] = [];
  for (let index = 0; index < order.length; index++) {
    const region = order[index] as string;
    const plan = numberingPlan(region);
    const national = plan && nationalNumberIn(plan, region, digits);
    if (!plan || !national) continue;
    const prefixed = trunk && plan.nationalPrefix === '0';
    const sameGroups = grouped && nationalGroups(plan, national, prefixed) === groups;
    // A bare run of digits in a country without trunk prefix: only a number in a real range.
    if (!trunk && !labeled && !sameGroups && !isValidIn(region, digits)) continue;
    readings.push({ region, sameGroups, own: index < regions.length });
  }
  // Digits in pairs (`06 12 34 56 78`) are how many countries write a number, not a French
  // signature: that grouping only breaks ties; a distinctive one (`0470 12 34 56`) decides.
  const pairs = groups.split(',').every((group) => group === '2');
  const score = (reading: Reading): number =>
    (reading.sameGroups ? (pairs ? 1 : 4) : 0) + (reading.own ? 2 : 0);
  let best = 0;
  for (const reading of readings) best = Math.max(best, score(reading));
  const tied = readings.filter((reading) => score(reading) === best);
  const first = tied[0];
  if (!first) return null;
  const chosen =
    tied.length > 1 && first.own
      ? (tied.find(({ region }) => isValidIn(region, digits)) ?? first)
      : first;
  return nationalE164(chosen.region, digits);
}

// ---------------------------------------------------------------------------------------------
// Extraction.

interface Found {
  start: number;
  type: ContactType;
  value: string;
  evidence: string;
}

interface Span {
  start: number;
  end: number;
}

interface LinkHit extends Span {
  /** Host and path, lowercased, without scheme and `www.`. */
  bare: string;
  written: string;
  /** Set once a label takes the link as a handle (`snap: http://name.eu`). */
  taken: boolean;
}

interface LabelGroup extends Span {
  types: ContactType[];
  text: string;
  /** Only two-letter labels (`sc`, `tg`): a bare word after them is not enough. */
  short: boolean;
  /** Only an emoji (`👻`, `📞`), which a word label next to it overrides. */
  emoji: boolean;
  /** Written with its letters spaced out (`s n a p`, `w.h.a.t.s.a.p.p`). */
  spelledOut: boolean;
  resolved: boolean;
}

/** Everything one post's extraction has seen so far. */
interface Extraction {
  source: string;
  key: string;
  found: Found[];
  /** Spans already turned into contacts (emails, app links, handles, numbers). */
  claimed: Span[];
  /** Web addresses, which a label before them may still take as a handle. */
  links: LinkHit[];
  phones: PhoneCandidate[];
  groups: LabelGroup[];
}

/** `String.prototype.matchAll` clones its regex on every call; this reuses the global one. */
function allMatches(regex: RegExp, text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    matches.push(match);
    if (match[0] === '') regex.lastIndex++;
  }
  return matches;
}

function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  for (const span of spans) if (start < span.end && end > span.start) return true;
  return false;
}

function trimLink(written: string): string {
  let text = written;
  for (;;) {
    const trimmed = text.replace(/[.,;:!?'*\]}]+$/, '');
    const closing =
      trimmed.endsWith(')') && !trimmed.includes('(') ? trimmed.slice(0, -1) : trimmed;
    if (closing === text) break;
    text = closing;
  }
  return text;
}

function stripSlash(value: string): string {
  return value.replace(/\/+$/, '');
}

/** An app contact behind a link, or null when the link is a plain web address. */
function appLink(bare: string): { type: ContactType; value: string; number?: string } | null {
  const match = APP_LINK.exec(bare);
  if (!match) return null;
  if (match[1]) {
    return NOT_TELEGRAM_ACCOUNTS.has(match[1]) ? null : { type: 'telegram', value: match[1] };
  }
  const whatsapp = match[2] ?? match[3];
  if (whatsapp) return { type: 'whatsapp', value: '', number: whatsapp };
  if (match[4]) return { type: 'snapchat', value: match[4].replace(/[.]+$/, '') };
  if (match[5]) {
    return NOT_INSTAGRAM_ACCOUNTS.has(match[5])
      ? null
      : { type: 'instagram', value: match[5].replace(/[.]+$/, '') };
  }
  if (match[6]) return { type: 'signal', value: '', number: match[6] };
  return null;
}

/** The host of an address written without its scheme: `t.me/x` → t.me. */
export function hostOf(bare: string): string {
  for (let index = 0; index < bare.length; index++) {
    const char = bare[index];
    if (char === '/' || char === '?' || char === '#' || char === ':') return bare.slice(0, index);
  }
  return bare;
}

/** `ly.ri.ca`, `m.d`, `c.o.k.e`: a word spaced out with dots, not a host. */
function isSpelledOut(host: string): boolean {
  return host.split('.').every((label) => label.length <= 2);
}

function isBareSite(bare: string, written: string): boolean {
  const labels = hostOf(bare).split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (!BARE_TLDS.has(tld)) return false;
  const name = labels[labels.length - 2] ?? '';
  if (name.length < 2 || !/[a-z]/.test(name)) return false;
  // `dispo.Livraison`: a sentence run into the next one.
  const writtenTld = hostOf(written).split('.').pop() ?? '';
  return !/^[A-Z][a-z]/.test(writtenTld);
}

export function extractContacts(text: string, context: ContactContext): ContactMatch[] {
  const source = FANCY_LETTERS.test(text) ? text.normalize('NFKC') : text;
  const key = foldKey(source);
  const state: Extraction = {
    source,
    key,
    found: [],
    claimed: [],
    links: [],
    phones: [],
    groups: [],
  };
  if (key.includes('@') || key.includes('at]') || key.includes('at)')) findEmails(state);
  if (MAYBE_LINK.test(key)) findLinks(state);
  if (/\d{2}/.test(key)) findPhones(state);
  findLabelGroups(state);
  for (const [index, group] of state.groups.entries()) {
    resolveGroup(state, group, state.groups[index + 1]?.start ?? key.length);
  }
  if (context.platform === 'telegram' && key.includes('@')) findTelegramMentions(state);
  if (state.phones.length > 0) typePhones(state, context);
  for (const link of state.links) {
    if (link.taken) continue;
    const value = stripSlash(link.written);
    state.found.push({ start: link.start, type: 'url', value, evidence: `web address ${value}` });
  }
  addHiddenLinks(state, context.urls);

  state.found.sort((a, b) => a.start - b.start);
  const seen = new Set<string>();
  const contacts: ContactMatch[] = [];
  for (const { type, value, evidence } of state.found) {
    const id = `${type}\u0000${value}`;
    if (seen.has(id)) continue;
    seen.add(id);
    contacts.push({ type, value, evidence });
  }
  return contacts;
}

/** Emails first: their domains would otherwise read as sites, their names as mentions. */
function findEmails(state: Extraction): void {
  for (const match of allMatches(EMAIL_RE, state.key)) {
    const start = match.index ?? 0;
    const value = match[0].replace(EMAIL_OBFUSCATION, (_, word: string) =>
      word === 'at' ? '@' : '.',
    );
    state.found.push({ start, type: 'email', value, evidence: `email address ${value}` });
    state.claimed.push({ start, end: start + match[0].length });
  }
}

/** App links are contacts of their app; other sites wait, a label may take them as a handle. */
function findLinks(state: Extraction): void {
  const { source, key } = state;
  for (const match of allMatches(LINK_RE, key)) {
    const start = match.index ?? 0;
    const written = trimLink(source.slice(start, start + match[0].length));
    const end = start + written.length;
    if (overlaps(state.claimed, start, end)) continue;
    const hasScheme = SCHEME.test(written);
    const bare = written
      .toLowerCase()
      .replace(SCHEME, '')
      .replace(/^www\./, '');
    const host = hostOf(bare);
    if (host.includes('@') || !host.includes('.')) continue;
    const app = appLink(bare);
    if (app) {
      const value = app.number ? cachedInternational(app.number) : app.value;
      if (value) {
        state.found.push({ start, type: app.type, value, evidence: `${app.type} link ${written}` });
        state.claimed.push({ start, end });
      }
      continue;
    }
    if (
      !APP_HOSTS.has(host) &&
      (isSpelledOut(host) || (!hasScheme && !isBareSite(bare, written)))
    ) {
      continue;
    }
    state.links.push({ start, end, bare, written, taken: false });
  }
}

/** Phone-shaped digit runs; their labels type them later. */
function findPhones(state: Extraction): void {
  const { key } = state;
  PHONE_RE.lastIndex = 0;
  for (let match = PHONE_RE.exec(key); match; match = PHONE_RE.exec(key)) {
    let raw = match[0];
    if (raw.length < 8) continue; // the shortest number worth reading has 8 digits
    let start = match.index;
    if (raw.startsWith('(') && !raw.includes(')')) {
      raw = raw.slice(1);
      start++;
    }
    const end = start + raw.length;
    if (overlaps(state.claimed, start, end) || overlaps(state.links, start, end)) continue;
    if (BEFORE_NOT_PHONE.test(key.slice(Math.max(0, start - 8), start))) continue;
    // Drop trailing groups while the rest still reads as a number (`06 39 98 12 34 10`), and
    // has the eight digits the shortest number needs.
    while (digitCount(raw) >= 8) {
      const shape = shapePhone(raw);
      const after = key.slice(start + raw.length, start + raw.length + 8);
      if (shape && !AFTER_NOT_PHONE.test(after)) {
        state.phones.push({ start, end: start + raw.length, ...shape, types: [], label: '' });
        // What was cut off may be the next number (`06 39 98 12 34 - 06 39 98 56 78`).
        PHONE_RE.lastIndex = start + raw.length;
        break;
      }
      const cut = raw.search(/[ .\-\u00a0()]+\d+$/);
      if (cut <= 0) break;
      raw = raw.slice(0, cut);
    }
  }
}

const EMOJI_LABEL = /^(?:👻|📞|☎|📱)$/u;
const SAME_LINE_BLANK = /^(?:[ \t]|\uFE0F|\u200D)*$/;
const SPELLED_OUT = /[a-z0-9][\s.·•*_-][a-z0-9]/;

/**
 * Labels, grouped when joined (`whatsapp/signal`, `snap ou insta`). An emoji label next to a
 * word label only decorates it (`📞 WhatsApp 06…`, `Snap 👻 x`).
 */
function findLabelGroups(state: Extraction): void {
  const { key, source, groups } = state;
  for (const match of allMatches(LABEL_RE, key)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (overlaps(state.claimed, start, end) || overlaps(state.links, start, end)) continue;
    let type: ContactType = 'phone';
    for (let index = 0; index < LABEL_TYPES.length; index++) {
      if (match[index + 1] !== undefined) {
        type = (LABEL_TYPES[index] as readonly [ContactType, string])[0];
        break;
      }
    }
    const short = SHORT_LABEL.test(match[0]);
    const emoji = EMOJI_LABEL.test(match[0]);
    const last = groups[groups.length - 1];
    if (last) {
      const between = key.slice(last.end, start);
      if (LABEL_JOINER.test(between)) {
        if (!last.types.includes(type)) last.types.push(type);
        last.end = end;
        last.short &&= short;
        last.emoji = false;
        last.text = source.slice(last.start, end);
        continue;
      }
      if (SAME_LINE_BLANK.test(between)) {
        if (emoji && !last.emoji) {
          last.end = end;
          continue;
        }
        if (!emoji && last.emoji) groups.pop();
      }
    }
    groups.push({
      start,
      end,
      types: [type],
      text: source.slice(start, end),
      short,
      emoji,
      spelledOut: SPELLED_OUT.test(match[0]),
      resolved: false,
    });
  }
}

const NUMBER_WITH_UNIT = /^\d+(?:[.,]\d+)?[a-z]{0,3}$/;
const SPACED_HANDLE_AT = /[a-z0-9._](?: [a-z0-9._]){3,}(?![\p{L}\p{N}])/uy;
/** A handle further along the line, when the label's sentence goes on first (`snap pour x : h.b`). */
const MARKED_TOKEN =
  /(?<![\p{L}\p{N}_.@/:'’+#=?&-])[a-z0-9_][a-z0-9._-]*[a-z0-9_](?![\p{L}\p{N}_@'’])/gu;
const LOOK_AHEAD = 60;
const SENTENCE_END = /[.!?](?:\s|$)|\n/;

/** Finds the contact a label group introduces and records it. */
function resolveGroup(state: Extraction, group: LabelGroup, limit: number): void {
  const { key } = state;
  // An emoji right after a contact decorates it (`snap : plug.nord 👻 paiement cash`).
  if (
    group.emoji &&
    state.claimed.some(
      (span) => span.end <= group.start && SAME_LINE_BLANK.test(key.slice(span.end, group.start)),
    )
  ) {
    return;
  }
  let position = group.end;
  let announced = false;
  let newLine = false;
  let sentenceBreak = false;
  let fillers = 0;
  for (;;) {
    SEPARATORS.lastIndex = position;
    const separators = SEPARATORS.exec(key);
    if (separators) {
      const skipped = separators[0];
      if (ANNOUNCING.test(skipped)) announced = true;
      if (skipped.includes('\n')) newLine = true;
      if (/\.\s/.test(skipped)) sentenceBreak = true;
      position += skipped.length;
    }
    if (fillers >= MAX_FILLERS || position >= limit) break;
    FILLER.lastIndex = position;
    const filler = FILLER.exec(key);
    if (!filler) break;
    position += filler[0].length;
    fillers++;
  }
  if (position >= limit && position !== key.length) return;
  const handleTypes = group.types.filter((type) => HANDLE_TYPES.includes(type));
  const numberTypes = group.types.filter((type) => NUMBER_TYPES.includes(type));

  const phone = state.phones.find(
    (candidate) =>
      candidate.start === position ||
      (candidate.start === position - 1 && key[candidate.start] === '('),
  );
  if (phone) {
    phone.types = numberTypes.length > 0 ? numberTypes : ['phone'];
    phone.label = group.text;
    group.resolved = true;
    return;
  }
  if (state.claimed.some((span) => span.start === position)) {
    group.resolved = true; // an app link or email right after its label
    return;
  }
  if (handleTypes.length === 0) return;

  MENTION_AT.lastIndex = position;
  const mention = MENTION_AT.exec(key);
  if (mention) {
    const name = mention[1] as string;
    if (takeHandle(state, group, handleTypes, position, mention[0].length, name, `@${name}`)) {
      return;
    }
  }

  // `snap: http://name.eu`: a link where a handle should be is the handle (X and Bluesky
  // turn handles that look like domains into links).
  const link = state.links.find((hit) => hit.start === position);
  if (link) {
    const host = stripSlash(link.bare);
    if (/^[a-z0-9._-]+$/.test(host)) {
      if (takeHandle(state, group, handleTypes, position, link.end - position, host, host)) {
        link.taken = true;
      }
    }
    return;
  }

  // `snap : f r 3 s h`, `S N A P 👻 p l u g 5 9`: a handle spaced out like its label.
  if (announced || group.spelledOut) {
    SPACED_HANDLE_AT.lastIndex = position;
    const spaced = SPACED_HANDLE_AT.exec(key);
    if (spaced) {
      const name = spaced[0].replaceAll(' ', '');
      if (takeHandle(state, group, handleTypes, position, spaced[0].length, name, spaced[0])) {
        return;
      }
    }
  }

  HANDLE_AT.lastIndex = position;
  const handle = HANDLE_AT.exec(key);
  if (handle) {
    const name = handle[0];
    const marked = /[0-9._]/.test(name) && /[a-z]/.test(name);
    let plausible = !NUMBER_WITH_UNIT.test(name);
    if (plausible && !marked) {
      // After `sc`, `ig`, `tg` or an emoji a bare word must be written in lowercase (not
      // `IG Metall`, not `👻 Paiement`).
      const lowercase = !/\p{Lu}/u.test(state.source.slice(position, position + name.length));
      plausible =
        !((group.short || group.emoji) && !announced && !lowercase) &&
        !(newLine && !announced) &&
        !sentenceBreak &&
        !STOPWORDS.has(name) &&
        !(!announced && INSTRUMENT_WORDS.has(previousWord(key, group.start))) &&
        standsAlone(state, position + name.length, !announced);
    }
    if (plausible && takeHandle(state, group, handleTypes, position, name.length, name, name)) {
      return;
    }
  }

  // The sentence goes on before the handle (`ajoutez-moi sur snap pour le groupe : chloe.b33`):
  // the first word further along the line that can only be a handle (`name.x`, `name_x`,
  // `name59` closing the line), unless the app was only talked about (`vendait via Wickr…`).
  if (sentenceBreak || newLine || MEANS_WORDS.has(previousWord(key, group.start))) return;
  let bound = Math.min(limit, key.length, position + LOOK_AHEAD);
  const rest = key.slice(group.end, bound);
  const stop = rest.search(SENTENCE_END);
  if (stop >= 0) bound = group.end + stop;
  for (const match of allMatches(MARKED_TOKEN, key.slice(group.end, bound))) {
    const name = match[0];
    const start = group.end + match.index;
    const handleLike =
      /^[a-z]/.test(name) &&
      (/[._]/.test(name) ||
        (/[a-z]{3}\d{2,}$/.test(name) && standsAlone(state, start + name.length, false)));
    if (!handleLike) continue;
    const end = start + name.length;
    if (overlaps(state.claimed, start, end) || overlaps(state.phones, start, end)) continue;
    const hit = state.links.find((candidate) => candidate.start === start);
    if (hit && (SCHEME.test(hit.written) || hit.end !== end)) continue;
    if (takeHandle(state, group, handleTypes, start, name.length, name, name)) {
      if (hit) hit.taken = true;
      return;
    }
  }
}

/** Records a handle for each of the group's apps it is valid for; false if none. */
function takeHandle(
  state: Extraction,
  group: LabelGroup,
  types: readonly ContactType[],
  start: number,
  length: number,
  name: string,
  written: string,
): boolean {
  if (overlaps(state.claimed, start, start + length)) return false;
  let took = false;
  for (const type of types) {
    if (!VALID_HANDLE[type]?.test(name)) continue;
    state.found.push({
      start,
      type,
      value: name,
      evidence: `${type} handle ${written} after "${group.text.trim()}"`,
    });
    took = true;
  }
  if (took) {
    state.claimed.push({ start, end: start + length });
    group.resolved = true;
  }
  return took;
}

/** On Telegram a named account is a contact; elsewhere a plain mention is a reply. */
function findTelegramMentions(state: Extraction): void {
  for (const match of allMatches(MENTION_RE, state.key)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (overlaps(state.claimed, start, end)) continue;
    const name = match[1] as string;
    if (!VALID_HANDLE.telegram?.test(name)) continue;
    state.found.push({
      start,
      type: 'telegram',
      value: name,
      evidence: `telegram account @${name} named in a Telegram post`,
    });
    state.claimed.push({ start, end });
  }
}

/** How far back a label that found nothing after it may still type a number (`Signal. Same number: +44…`). */
const LABEL_REACH = 150;

/**
 * Phone numbers, typed by their label, by one right after them (`06 … (WhatsApp)`), or by an
 * app named earlier that found no contact of its own (`groupe WhatsApp, écrivez-moi au 06…`).
 */
function typePhones(state: Extraction, context: ContactContext): void {
  let regions: string[] | undefined;
  for (const phone of state.phones) {
    if (overlaps(state.claimed, phone.start, phone.end)) continue;
    if (phone.types.length === 0) {
      const label = trailingLabel(state, phone.end) ?? pendingLabel(state, phone.start);
      if (label) {
        phone.types = label.types.filter((type) => NUMBER_TYPES.includes(type));
        phone.label = label.text;
        label.resolved = true;
      }
      if (phone.types.length === 0) phone.types = ['phone'];
    }
    let value: string | null;
    if (phone.international) {
      value = cachedInternational(phone.digits);
    } else {
      regions ??= candidateRegions(context, state.source);
      const labeled = phone.label !== '';
      const cacheKey = `${phone.digits}|${phone.groups}|${regions.join(',')}|${labeled}`;
      const current = regions;
      value = cached(cacheKey, () => resolveNational(phone, current, labeled));
    }
    if (!value) continue;
    const written = state.source.slice(phone.start, phone.end);
    for (const type of phone.types) {
      const what = type === 'phone' ? 'phone number' : `${type} number`;
      state.found.push({
        start: phone.start,
        type,
        value,
        evidence: phone.label
          ? `${what} ${written} after "${phone.label.trim()}"`
          : `${what} ${written}`,
      });
    }
    state.claimed.push(phone);
  }
}

/** Link entities the text does not show (a Telegram text link's hidden address). */
function addHiddenLinks(state: Extraction, urls: readonly string[]): void {
  const start = state.key.length;
  for (const url of urls) {
    const bare = stripSlash(
      url
        .toLowerCase()
        .replace(SCHEME, '')
        .replace(/^www\./, ''),
    );
    if (!bare || state.key.includes(bare) || hostOf(bare).includes('@')) continue;
    const app = appLink(bare);
    if (app) {
      const value = app.number ? cachedInternational(app.number) : app.value;
      if (value)
        state.found.push({ start, type: app.type, value, evidence: `${app.type} link ${url}` });
      continue;
    }
    if (isSpelledOut(hostOf(bare)) && !APP_HOSTS.has(hostOf(bare))) continue;
    const value = stripSlash(url);
    state.found.push({ start, type: 'url', value, evidence: `link entity ${value}` });
  }
}

function cached(cacheKey: string, compute: () => string | null): string | null {
  let value = phoneCache.get(cacheKey);
  if (value === undefined) {
    if (phoneCache.size >= PHONE_CACHE_LIMIT) phoneCache.clear();
    value = compute();
    phoneCache.set(cacheKey, value);
  }
  return value;
}

function cachedInternational(digits: string): string | null {
  return cached(`+${digits}`, () => resolveInternational(digits));
}

const WORD_BEFORE = /(\p{L}+)[^\p{L}\p{N}\n]*$/u;

function previousWord(key: string, position: number): string {
  const match = WORD_BEFORE.exec(key.slice(Math.max(0, position - 24), position));
  return match?.[1] ?? '';
}

const NEXT_WORD = /[ \t]*([\p{L}\p{N}]*)/uy;

/**
 * A bare handle ends its phrase: end of line, punctuation, emoji, `or`, another label. Not a
 * colon or an arrow: `snap sauté ➡️ nouveau : x` is a lead-in, not a handle.
 */
function standsAlone(state: Extraction, end: number, purposeAllowed: boolean): boolean {
  const { key } = state;
  NEXT_WORD.lastIndex = end;
  const match = NEXT_WORD.exec(key);
  const word = match?.[1] ?? '';
  const wordStart = end + (match?.[0].length ?? 0) - word.length;
  if (word === '') return !ANNOUNCING.test(key.charAt(wordStart));
  if (CONNECTOR_WORDS.has(word)) return true;
  // `snap plugnord pour commander`, `snap plugnord for the menu`.
  if (purposeAllowed && PURPOSE_WORDS.has(word)) return true;
  return state.groups.some((group) => group.start === wordStart);
}

const TRAILING_GAP =
  /[ \t]*[([\-–:,/]?[ \t]*(?:(?:sur|on|via|par|en|op|auf|su|por|no|na|em|w|ou|or|only|uniquement|seulement|nur|solo)[ \t]+)?/uy;

function trailingLabel(state: Extraction, end: number): LabelGroup | undefined {
  TRAILING_GAP.lastIndex = end;
  const gap = TRAILING_GAP.exec(state.key);
  const position = end + (gap?.[0].length ?? 0);
  return state.groups.find((group) => group.start === position && !group.resolved);
}

function pendingLabel(state: Extraction, start: number): LabelGroup | undefined {
  let pending: LabelGroup | undefined;
  for (const group of state.groups) {
    if (group.end > start) break;
    pending = group;
  }
  if (!pending || pending.resolved || start - pending.end > LABEL_REACH) return undefined;
  if (!pending.types.some((type) => type === 'whatsapp' || type === 'signal')) return undefined;
  // `vendait via WhatsApp. … Drogues Info Service : 0 800 …`: the app was talked about.
  const before = previousWord(state.key, pending.start);
  return MEANS_WORDS.has(before) ? undefined : pending;
}
