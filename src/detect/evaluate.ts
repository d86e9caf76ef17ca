/**
 * Comparing verdicts with labels: precision, recall and F1 for `ad`, for each category and for
 * contact extraction, the error rate of each labeled kind of post, and the hardest misses.
 * Shared by `tagwatch eval` (a model on labeled posts) and `tagwatch train` (cross-validation).
 */
import { z } from 'zod';
import { CATEGORIES, type Category, CategorySchema } from '../records/classification.js';
import { ContactSchema } from '../records/contact.js';

export const LabelSchema = z.object({
  post_id: z.string().min(1),
  ad: z.boolean(),
  categories: z.array(CategorySchema).default([]),
  contacts: z.array(ContactSchema).default([]),
  operation: z.string().nullable().optional(),
  kind: z.string().optional(),
  difficulty: z.string().optional(),
});
export type Label = z.infer<typeof LabelSchema>;

export interface Prediction {
  id: string;
  ad: boolean;
  score: number;
  categories: readonly Category[];
  contacts: readonly { type: string; value: string }[];
  text?: string;
}

export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Figures extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface Miss {
  id: string;
  expected: boolean;
  score: number;
  kind?: string;
  text?: string;
}

export interface Evaluation {
  posts: number;
  ad: Figures & { trueNegatives: number };
  categories: Record<Category, Figures>;
  categoryMacroF1: number;
  contacts: Figures;
  /** Share of each labeled kind the detector got wrong (ads missed, or non-ads flagged). */
  kinds: Record<string, { posts: number; wrong: number; rate: number }>;
  /** Non-ads labeled `difficulty: hard` that were flagged. */
  hardNegatives: { posts: number; flagged: number; rate: number };
  hardestMisses: Miss[];
}

export function figures(counts: Counts): Figures {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = counts;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision, recall, f1 };
}

const zero = (): Counts => ({ truePositives: 0, falsePositives: 0, falseNegatives: 0 });

export function evaluate(
  predictions: readonly Prediction[],
  labels: ReadonlyMap<string, Label>,
  options: { misses?: number } = {},
): Evaluation {
  const ad = { ...zero(), trueNegatives: 0 };
  const categories = Object.fromEntries(CATEGORIES.map((category) => [category, zero()])) as Record<
    Category,
    Counts
  >;
  const contacts = zero();
  const kinds: Record<string, { posts: number; wrong: number; rate: number }> = {};
  const hardNegatives = { posts: 0, flagged: 0, rate: 0 };
  const misses: Miss[] = [];
  let posts = 0;

  for (const prediction of predictions) {
    const label = labels.get(prediction.id);
    if (!label) continue;
    posts++;
    if (prediction.ad && label.ad) ad.truePositives++;
    else if (prediction.ad) ad.falsePositives++;
    else if (label.ad) ad.falseNegatives++;
    else ad.trueNegatives++;
    const wrong = prediction.ad !== label.ad;
    if (wrong) {
      misses.push({
        id: prediction.id,
        expected: label.ad,
        score: prediction.score,
        kind: label.kind,
        text: prediction.text,
      });
    }
    if (label.kind) {
      const entry = kinds[label.kind] ?? { posts: 0, wrong: 0, rate: 0 };
      kinds[label.kind] = entry;
      entry.posts++;
      if (wrong) entry.wrong++;
    }
    if (!label.ad && label.difficulty === 'hard') {
      hardNegatives.posts++;
      if (prediction.ad) hardNegatives.flagged++;
    }
    for (const category of CATEGORIES) {
      const predicted = prediction.categories.includes(category);
      const expected = label.categories.includes(category);
      if (predicted && expected) categories[category].truePositives++;
      else if (predicted) categories[category].falsePositives++;
      else if (expected) categories[category].falseNegatives++;
    }
    const expectedContacts = new Set(
      label.contacts.map((contact) => `${contact.type}:${contact.value}`),
    );
    const predictedContacts = new Set(
      prediction.contacts.map((contact) => `${contact.type}:${contact.value}`),
    );
    for (const key of predictedContacts) {
      if (expectedContacts.has(key)) contacts.truePositives++;
      else contacts.falsePositives++;
    }
    for (const key of expectedContacts) if (!predictedContacts.has(key)) contacts.falseNegatives++;
  }
  for (const entry of Object.values(kinds))
    entry.rate = entry.posts ? entry.wrong / entry.posts : 0;
  hardNegatives.rate = hardNegatives.posts ? hardNegatives.flagged / hardNegatives.posts : 0;
  const categoryFigures = Object.fromEntries(
    CATEGORIES.map((category) => [category, figures(categories[category])]),
  ) as Record<Category, Figures>;
  const present = CATEGORIES.filter((category) => {
    const counts = categories[category];
    return counts.truePositives + counts.falseNegatives + counts.falsePositives > 0;
  });
  const categoryMacroF1 =
    present.reduce((sum, category) => sum + categoryFigures[category].f1, 0) /
    (present.length || 1);
  // Hardest: the misses the model was surest about.
  misses.sort((a, b) => Math.abs(b.score - 0.5) - Math.abs(a.score - 0.5));
  return {
    posts,
    ad: { ...figures(ad), trueNegatives: ad.trueNegatives },
    categories: categoryFigures,
    categoryMacroF1,
    contacts: figures(contacts),
    kinds,
    hardNegatives,
    hardestMisses: misses.slice(0, options.misses ?? 15),
  };
}

const pct = (value: number) => value.toFixed(3);

/** The evaluation as a human reads it on a terminal. */
export function formatEvaluation(result: Evaluation): string {
  const lines: string[] = [];
  const row = (name: string, f: Figures) =>
    `${name.padEnd(20)} ${pct(f.precision)}     ${pct(f.recall)}  ${pct(f.f1)}   tp ${f.truePositives}, fp ${f.falsePositives}, fn ${f.falseNegatives}`;
  lines.push(`${result.posts} labeled posts`);
  lines.push('');
  lines.push(`${''.padEnd(20)} precision recall F1`);
  lines.push(row('ad', result.ad));
  lines.push(row('contacts', result.contacts));
  for (const category of CATEGORIES) {
    const f = result.categories[category];
    if (f.truePositives + f.falsePositives + f.falseNegatives > 0)
      lines.push(row(`  ${category}`, f));
  }
  lines.push(`category macro-F1     ${pct(result.categoryMacroF1)}`);
  lines.push('');
  lines.push(
    `confusion: ${result.ad.truePositives} ads found, ${result.ad.falseNegatives} ads missed, ` +
      `${result.ad.falsePositives} non-ads flagged, ${result.ad.trueNegatives} non-ads passed`,
  );
  if (result.hardNegatives.posts > 0) {
    lines.push(
      `hard negatives flagged: ${result.hardNegatives.flagged} of ${result.hardNegatives.posts} (${(100 * result.hardNegatives.rate).toFixed(1)}%)`,
    );
  }
  const kinds = Object.entries(result.kinds).sort((a, b) => b[1].rate - a[1].rate);
  if (kinds.length > 0) {
    lines.push('errors by kind:');
    for (const [kind, entry] of kinds) {
      lines.push(
        `  ${kind.padEnd(18)} ${entry.wrong} of ${entry.posts} (${(100 * entry.rate).toFixed(1)}%)`,
      );
    }
  }
  if (result.hardestMisses.length > 0) {
    lines.push('hardest misses:');
    for (const miss of result.hardestMisses) {
      const what = miss.expected ? 'missed ad' : `flagged ${miss.kind ?? 'non-ad'}`;
      const text = miss.text ? ` ${JSON.stringify(miss.text.slice(0, 120))}` : '';
      lines.push(`  ${miss.score.toFixed(2)} ${what} ${miss.id}${text}`);
    }
  }
  return lines.join('\n');
}
