import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { decideCategories } from '../detect/categories.js';
import { evaluate, formatEvaluation, type Prediction } from '../detect/evaluate.js';
import { readLabels } from '../detect/labels.js';
import { untrainedModel } from '../detect/model.js';
import {
  bestThreshold,
  crossValidatedScores,
  DEFAULT_TRAINING,
  fitModel,
  type TrainingExample,
} from '../detect/train.js';
import { newIngestStats, readInputBatches } from '../ingest/read-inputs.js';
import { printIssue, summarizeIngest } from './ingest-report.js';
import { UsageError } from './usage-error.js';

interface TrainFlags {
  labels: string;
  out: string;
  folds: string;
  l2: string;
  region?: string;
}

export function registerTrainCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('train')
    .description(
      'fit the scoring model on labeled posts, report cross-validated figures, and write the model file',
    )
    .requiredOption(
      '--labels <file>',
      'JSON Lines of {post_id, ad, categories, contacts, operation?}',
    )
    .option('--out <file>', 'where to write the model', 'tagwatch-model.json')
    .option(
      '--folds <n>',
      'cross-validation folds (posts of one operation or account stay together)',
      String(DEFAULT_TRAINING.folds),
    )
    .option('--l2 <penalty>', 'L2 penalty on the weights', String(DEFAULT_TRAINING.l2))
    .option('--region <code>', 'country for phone numbers written without one')
    .argument('<input...>', 'files and folders holding the labeled posts')
    .action(async (inputs: string[], flags: TrainFlags) => {
      const folds = Number(flags.folds);
      const l2 = Number(flags.l2);
      if (!Number.isInteger(folds) || folds < 2)
        throw new UsageError('--folds must be an integer of at least 2');
      if (!Number.isFinite(l2) || l2 < 0)
        throw new UsageError('--l2 must be a number of at least 0');
      const labels = await readLabels(flags.labels, printIssue);
      const { Detector } = await import('../detect/detector.js');
      const detector = new Detector({
        model: untrainedModel(),
        region: flags.region?.toUpperCase(),
      });
      const stats = newIngestStats();
      const examples: TrainingExample[] = [];
      for await (const batch of readInputBatches(inputs, { onIssue: printIssue, stats })) {
        await detector.prepare(batch.map((item) => item.post));
        for (const item of batch) {
          const label = labels.get(item.post.id);
          if (!label) continue;
          const { signals, contacts } = detector.analyze(item.post);
          examples.push({
            id: item.post.id,
            values: signals.values,
            label,
            group:
              label.ad && label.operation
                ? `operation:${label.operation}`
                : `account:${item.post.account}`,
            categories: decideCategories(signals.categories),
            contacts: contacts.map(({ type, value }) => ({ type, value })),
            text: item.post.text,
          });
        }
      }
      process.stderr.write(`tagwatch: ${summarizeIngest(stats)}; ${examples.length} labeled\n`);
      if (
        examples.length === 0 ||
        examples.every((example) => example.label.ad === examples[0]?.label.ad)
      ) {
        process.stderr.write(
          'tagwatch: training needs labeled posts of both kinds (ads and non-ads)\n',
        );
        setExitCode(2);
        return;
      }
      const options = { ...DEFAULT_TRAINING, folds, l2 };
      const scores = crossValidatedScores(examples, options);
      const threshold = bestThreshold(examples, scores);
      const predictions: Prediction[] = examples.map((example) => {
        const score = scores.get(example.id) ?? 0;
        const ad = score >= threshold;
        return {
          id: example.id,
          ad,
          score,
          categories: ad ? example.categories : [],
          contacts: example.contacts,
          text: example.text,
        };
      });
      const result = evaluate(predictions, labels);
      process.stdout.write(
        `cross-validated, ${folds} folds, threshold ${threshold}:\n${formatEvaluation(result)}\n`,
      );
      const model = fitModel(examples, options, threshold, {
        folds,
        threshold,
        ad: pick(result.ad),
        categoryMacroF1: result.categoryMacroF1,
        contacts: pick(result.contacts),
        hardNegatives: result.hardNegatives,
      });
      writeFileSync(flags.out, `${JSON.stringify(model, null, 2)}\n`);
      process.stderr.write(`tagwatch: model written to ${flags.out}\n`);
    });
}

function pick(f: { precision: number; recall: number; f1: number }) {
  return { precision: f.precision, recall: f.recall, f1: f.f1 };
}
