import type { Command } from 'commander';
import { newIngestStats, readInputBatches } from '../ingest/read-inputs.js';
import { ingestExitCode, printIssue, summarizeIngest } from './ingest-report.js';
import { LineWriter } from './line-writer.js';

export function registerPostsCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('posts')
    .description('print the canonical posts read from the input, one JSON object a line')
    .argument('<input...>', 'files and folders (read recursively; .gz files inflated)')
    .option('-q, --quiet', 'no summary line on stderr (problems are still reported)')
    .action(async (inputs: string[], options: { quiet?: boolean }) => {
      const stats = newIngestStats();
      const out = new LineWriter(process.stdout);
      for await (const batch of readInputBatches(inputs, { onIssue: printIssue, stats })) {
        await out.writeAll(batch.map((item) => JSON.stringify(item.post)));
      }
      await out.flush();
      if (!options.quiet) process.stderr.write(`tagwatch: ${summarizeIngest(stats)}\n`);
      setExitCode(ingestExitCode(stats));
    });
}
