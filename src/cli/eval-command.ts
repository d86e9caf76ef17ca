import type { Command } from 'commander';
import { evaluate, formatEvaluation, type Prediction } from '../detect/evaluate.js';
import { readLabels } from '../detect/labels.js';
import { newIngestStats, readInputBatches } from '../ingest/read-inputs.js';
import { addDetectorOptions, type DetectorFlags, detectorFromFlags } from './detector-options.js';
import { ingestExitCode, printIssue, summarizeIngest } from './ingest-report.js';

export function registerEvalCommand(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command('eval')
    .description(
      'classify labeled posts and compare with the labels: precision, recall and F1 for ads, categories and contacts, and the hardest misses',
    )
    .requiredOption(
      '--labels <file>',
      'JSON Lines of {post_id, ad, categories, contacts, operation?}',
    )
    .option('--json', 'print the figures as one JSON object')
    .option('--misses <n>', 'how many of the hardest misses to list', '15')
    .argument('<input...>', 'files and folders holding the labeled posts');
  addDetectorOptions(command).action(
    async (
      inputs: string[],
      options: DetectorFlags & { labels: string; json?: boolean; misses: string },
    ) => {
      const detector = await detectorFromFlags(options);
      let labelProblems = 0;
      const labels = await readLabels(options.labels, (issue) => {
        labelProblems++;
        printIssue(issue);
      });
      const stats = newIngestStats();
      const predictions: Prediction[] = [];
      for await (const batch of readInputBatches(inputs, { onIssue: printIssue, stats })) {
        await detector.prepare(batch.map((item) => item.post));
        for (const item of batch) {
          if (!labels.has(item.post.id)) continue;
          const verdict = detector.classify(item.post);
          predictions.push({ ...verdict, text: item.post.text });
        }
      }
      const unmatched = labels.size - predictions.length;
      const result = evaluate(predictions, labels, { misses: Number(options.misses) || 15 });
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ ...result, threshold: detector.threshold, labelsWithoutPost: unmatched })}\n`,
        );
      } else {
        process.stdout.write(`${formatEvaluation(result)}\n`);
      }
      process.stderr.write(`tagwatch: ${summarizeIngest(stats)}; ${predictions.length} labeled`);
      process.stderr.write(
        unmatched > 0 ? `, ${unmatched} labels name no post of the input\n` : '\n',
      );
      const code = ingestExitCode(stats);
      setExitCode(code === 0 && labelProblems > 0 ? 3 : code);
    },
  );
}
