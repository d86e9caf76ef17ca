/**
 * Evidence as a reviewer reads it: the signals that moved the score most, each with the words,
 * emoji, contacts or patterns behind it, rendered to short sentences at the edge.
 */
import type { Category } from '../records/classification.js';
import type { ScoringModel } from './model.js';
import type { CategoryEvidence, PostSignals, SignalName } from './signals.js';
import { SIGNAL_NAMES } from './signals.js';

const LABELS: Partial<Record<SignalName, string>> = {
  'product.strong': 'product named',
  'product.weak_words': 'product slang',
  'product.emoji': 'product emoji',
  'product.categories': 'products of several kinds',
  'product.none': 'no product named',
  'product.nondrug': 'weapons, money or documents',
  'sale.offer': 'offer',
  'sale.delivery': 'delivery',
  'sale.shipping': 'shipping',
  'sale.menu': 'menu',
  'sale.order': 'call to order',
  'sale.payment': 'payment',
  'sale.stealth': 'discretion',
  'sale.quality': 'quality claim',
  'sale.seller': 'seller jargon',
  'sale.units': 'sale units',
  'sale.hours': 'opening hours',
  'sale.ban_evasion': 'replacement account',
  'sale.count': 'several sale signals',
  'counter.news': 'news or police',
  'counter.prevention': 'prevention',
  'counter.buy_request': 'buyer asking',
  'counter.legal_cbd': 'legal CBD',
  'counter.legal_weapons': 'legal weapons trade',
  'counter.pharmacy': 'pharmacy or prescription',
  'counter.food': 'food',
  'counter.weather': 'weather',
  'counter.humor': 'humor',
  'counter.spam': 'other spam',
  'counter.legal_documents': 'legal paperwork',
  'counter.opinion': 'opinion',
  'counter.count': 'several counter-signals',
  'contact.app': 'contact on an app',
  'contact.phone': 'phone number',
  'contact.email': 'email',
  'contact.url': 'web site',
  'price.any': 'price',
  'price.per_unit': 'price per unit',
  'price.menu': 'price list',
  quantity: 'quantity',
  question: 'asks a question',
  'hashtags.many': 'many hashtags',
  obfuscation: 'obfuscated spelling',
  'length.short': 'short post',
  'both.product_sale': 'product offered for sale',
  'both.product_contact': 'product with a contact',
  'both.product_price': 'product with a price',
  'both.product_counter': 'product in a non-sale context',
  'both.weak_only_sale': 'coded product offered for sale',
};

const MAX_SIGNALS = 5;
const LABEL_AT = SIGNAL_NAMES.map((name) => LABELS[name] ?? name);

export function renderEvidence(
  signals: PostSignals,
  model: ScoringModel,
  ad: boolean,
  categories: readonly Category[],
): string[] {
  const evidence: string[] = [];
  for (const category of categories) {
    const found = signals.categories.get(category);
    if (found) evidence.push(`sells ${category.replaceAll('_', ' ')}: ${words(found)}`);
  }
  // The raised signals that pushed the score the way it went, strongest first (ties in
  // signal order): the few strongest kept by insertion, cheaper than sorting them all.
  const strongest: number[] = [];
  const magnitudes: number[] = [];
  for (let index = 0; index < SIGNAL_NAMES.length; index++) {
    const value = (signals.values[index] as number) * (model.weights[index] as number);
    if (!(ad ? value > 0 : value < 0)) continue;
    const magnitude = Math.abs(value);
    let at = strongest.length;
    while (at > 0 && (magnitudes[at - 1] as number) < magnitude) at--;
    if (at >= MAX_SIGNALS) continue;
    // Shifted by hand: `splice` allocates the array of what it removes on every call.
    const last = Math.min(strongest.length, MAX_SIGNALS - 1);
    for (let move = last; move > at; move--) {
      strongest[move] = strongest[move - 1] as number;
      magnitudes[move] = magnitudes[move - 1] as number;
    }
    strongest[at] = index;
    magnitudes[at] = magnitude;
  }
  for (let rank = 0; rank < strongest.length; rank++) {
    const index = strongest[rank] as number;
    const name = SIGNAL_NAMES[index] as SignalName;
    const reasons = signals.reasons.get(name);
    const sign = ad ? '+' : '−';
    evidence.push(
      `${sign}${(magnitudes[rank] as number).toFixed(1)} ${LABEL_AT[index]}${reasons ? `: ${reasons.join('; ')}` : ''}`,
    );
  }
  return evidence;
}

function words(found: CategoryEvidence): string {
  return [...found.strong, ...found.weak, ...found.emoji].map((word) => `"${word}"`).join(', ');
}
