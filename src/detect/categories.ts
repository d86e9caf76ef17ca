/**
 * What an ad sells, from the product evidence the lexicons found. Once a post is judged an ad,
 * the coded words it uses mean what they mean in ads: `white`, `blanche`, `cc` or ❄ name
 * cocaine there, so weak words and emoji count in full. A word or emoji that stands for several
 * products (💊, `pills`: ecstasy or medicines) is shared between them and names neither alone. An ad with no
 * category so decided still sells something: it gets the best-supported one.
 */
import { listAt } from '../multimap.js';
import type { Category } from '../records/classification.js';
import { CATEGORIES } from '../records/classification.js';
import type { CategoryEvidence } from './signals.js';

export function decideCategories(evidence: ReadonlyMap<Category, CategoryEvidence>): Category[] {
  const support = new Map<Category, number>();
  const add = (category: Category, amount: number) =>
    support.set(category, (support.get(category) ?? 0) + amount);
  // Which categories each weak word or emoji stands for in this post.
  const readings = new Map<string, Category[]>();
  for (const [category, found] of evidence) {
    if (found.strong.length > 0) add(category, found.strong.length);
    for (const term of [...found.weak, ...found.emoji]) {
      listAt(readings, term).push(category);
    }
  }
  // An ambiguous word goes to the readings the post names outright (💎 beside "tina" is
  // crystal meth, beside "MDMA" crystal MDMA); failing that, it is shared between them all.
  for (const categories of readings.values()) {
    const named = categories.filter((category) => (evidence.get(category)?.strong.length ?? 0) > 0);
    const targets = named.length > 0 ? named : categories;
    for (const category of targets) add(category, 1 / targets.length);
  }
  const supported = CATEGORIES.filter((category) => (support.get(category) ?? 0) >= 1);
  if (supported.length > 0) return supported;
  let best: Category | undefined;
  let bestSupport = 0;
  for (const category of CATEGORIES) {
    const value = support.get(category) ?? 0;
    if (value > bestSupport) {
      best = category;
      bestSupport = value;
    }
  }
  return best ? [best] : [];
}
