import type { Command } from 'commander';
import { newIngestStats, readInputBatches } from '../ingest/read-inputs.js';
import { ClassificationLines } from './classification-lines.js';
import { addDetectorOptions, type DetectorFlags, detectorFromFlags } from './detector-options.js';
import { ingestExitCode, printIssue, summarizeIngest } from './ingest-report.js';
import { LineWriter } from './line-writer.js';

export function registerClassifyCommand(
  program: Command,
  setExitCode: (code: number) => void,
): void {
  const command = program
    .command('classify')
    .description(
      'say of each post whether it is a sale ad, what it sells and whom it asks buyers to contact (one JSON object a line)',
    )
    .argument('<input...>', 'files and folders (read recursively; .gz files inflated)')
    .option('--json', 'one JSON object a line (the default and only output)')
    .option('-q, --quiet', 'no summary line on stderr (problems are still reported)');
  addDetectorOptions(command).action(
    async (inputs: string[], options: DetectorFlags & { quiet?: boolean }) => {
      const detector = await detectorFromFlags(options);
      const stats = newIngestStats();
      const out = new LineWriter(process.stdout);
      const render = new ClassificationLines();
      let ads = 0;
      for await (const batch of readInputBatches(inputs, { onIssue: printIssue, stats })) {
        await detector.prepare(batch.map((item) => item.post));
        for (const item of batch) {
          const verdict = detector.verdictFor(item.post);
          if (verdict.ad) ads++;
          render.write(out, item.post, verdict);
        }
        await out.ready();
      }
      await out.flush();
      if (!options.quiet) {
        process.stderr.write(
          `tagwatch: ${summarizeIngest(stats)}; ${ads} classified as ads (threshold ${detector.threshold})\n`,
        );
      }
      setExitCode(ingestExitCode(stats));
    },
  );
}
