/**
 * The detection stage's entry point: a canonical post in, a verdict out (ad or not, score,
 * categories, contacts, evidence). Lexicons and the model are loaded once per `Detector`.
 * It knows posts, not platforms: the only platform fact it uses is which mentions count as
 * contacts, and that is the contact extractor's business.
 */
import type { Category, Verdict } from '../records/classification.js';
import type { Post } from '../records/post.js';
import { decideCategories } from './categories.js';
import { type ContactMatch, extractContacts } from './contacts.js';
import { renderEvidence } from './evidence.js';
import { type Lexicon, loadLexicon } from './lexicon.js';
import { loadModel, type ScoringModel } from './model.js';
import { normalizeText } from './normalize.js';
import { computeSignals, type PostSignals } from './signals.js';
import { type ContentVerdict, VerdictCache } from './verdict-cache.js';

export interface DetectorOptions {
  lexicon?: Lexicon;
  model?: ScoringModel;
  /** Overrides the model's threshold: posts scoring at or above it are ads. */
  threshold?: number;
  /** ISO country code for phone numbers written without one (else guessed per post). */
  region?: string;
}

/** `tagwatch classify`'s line: the post's identity, then the verdict, in contract order. */
export interface Classification extends Verdict {
  id: string;
  platform: Post['platform'];
  account: string;
  createdAt: string;
  lang: string | null;
  hashtags: string[];
}

export interface PostAnalysis {
  lang: string | null;
  signals: PostSignals;
  contacts: ContactMatch[];
}

export class Detector {
  readonly lexicon: Lexicon;
  readonly model: ScoringModel;
  readonly threshold: number;
  private readonly region: string | undefined;
  private guessLanguage: ((text: string) => string | null) | undefined;
  private readonly seen = new VerdictCache();

  constructor(options: DetectorOptions = {}) {
    this.lexicon = options.lexicon ?? loadLexicon();
    this.model = options.model ?? loadModel();
    this.threshold = options.threshold ?? this.model.threshold;
    this.region = options.region;
  }

  /**
   * Loads what these posts need that is loaded on demand: the language identifier (hundreds of
   * megabytes of n-gram data) only once a post without a language comes. Until then, such a
   * post's language stays unknown.
   */
  async prepare(posts: Iterable<Post>): Promise<void> {
    if (this.guessLanguage) return;
    for (const post of posts) {
      if (post.lang === null) {
        this.guessLanguage = await loadLanguageGuesser();
        // Verdicts on posts without a language were made without the guess.
        this.seen.clear();
        return;
      }
    }
  }

  /** Everything the verdict is made from; `tagwatch train` fits the model on these. */
  analyze(post: Post): PostAnalysis {
    const lang = post.lang ?? this.guessLanguage?.(post.text) ?? null;
    const contacts = extractContacts(post.text, {
      platform: post.platform,
      lang,
      hashtags: post.hashtags,
      urls: post.urls,
      region: this.region,
    });
    const signals = computeSignals(
      {
        text: post.text,
        normalized: normalizeText(withoutContacts(post.text, contacts)),
        hashtags: post.hashtags,
        contacts,
      },
      this.lexicon,
    );
    return { lang, signals, contacts };
  }

  classify(post: Post): Classification {
    const verdict = this.verdictFor(post);
    return {
      id: post.id,
      platform: post.platform,
      account: post.account,
      createdAt: post.createdAt,
      lang: verdict.lang,
      hashtags: post.hashtags,
      ad: verdict.ad,
      score: verdict.score,
      // Copies: a verdict may be shared by many posts, and its holder may change its own.
      categories: verdict.categories.slice(),
      contacts: verdict.contacts.map(({ type, value }) => ({ type, value })),
      evidence: verdict.evidence.slice(),
    };
  }

  /**
   * The verdict on the post's content, shared with every other post of the same content: the
   * caller must not change it (`classify` gives a copy of one's own).
   */
  verdictFor(post: Post): Readonly<ContentVerdict> {
    let verdict = this.seen.get(post);
    if (verdict === undefined) {
      verdict = this.judge(post);
      this.seen.set(post, verdict);
    }
    return verdict;
  }

  private judge(post: Post): ContentVerdict {
    const { lang, signals, contacts } = this.analyze(post);
    const score = this.model.score(signals.values);
    const ad = score >= this.threshold;
    const categories: Category[] = ad ? decideCategories(signals.categories) : [];
    const evidence = renderEvidence(signals, this.model, ad, categories);
    for (const contact of contacts)
      evidence.push(`contact ${contact.type} ${contact.value}: ${contact.evidence}`);
    return {
      lang,
      ad,
      score: Math.round(score * 1000) / 1000,
      categories,
      contacts: contacts.map(({ type, value }) => ({ type, value })),
      evidence,
    };
  }
}

/**
 * The text with its handles, addresses and links blanked out, for the lexicons: a handle such
 * as `pilules.nord` or `bars.n.percs` is a contact, and its words say nothing of what is sold.
 */
function withoutContacts(text: string, contacts: readonly ContactMatch[]): string {
  let blanked = text;
  // Searched lowercased (contact values are), blanked in both copies at the same places.
  let lower = text.toLowerCase();
  for (const contact of contacts) {
    if (contact.type === 'phone' || contact.type === 'whatsapp' || contact.type === 'signal')
      continue;
    const value =
      contact.type === 'url' ? contact.value.replace(/^https?:\/\//, '') : contact.value;
    if (value.length < 3) continue;
    let at = lower.indexOf(value);
    while (at !== -1) {
      blanked = `${blanked.slice(0, at)} ${blanked.slice(at + value.length)}`;
      lower = `${lower.slice(0, at)} ${lower.slice(at + value.length)}`;
      at = lower.indexOf(value, at + 1);
    }
  }
  return blanked;
}

/** The language of a post whose record gives none (Telegram), when the guess is reliable. */
async function loadLanguageGuesser(): Promise<(text: string) => string | null> {
  const { eld } = await import('eld/medium');
  return (text) => {
    if (text.length < 12) return null;
    const result = eld.detect(text);
    return result.language && result.isReliable() ? result.language : null;
  };
}
