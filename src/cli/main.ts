/**
 * The `tagwatch` command line: one file per command, each registering itself here.
 */
import { Command, CommanderError } from 'commander';
import { packageVersion } from '../package-root.js';
import { registerClassifyCommand } from './classify-command.js';
import { registerEvalCommand } from './eval-command.js';
import { registerExportCommand } from './export-command.js';
import { registerHashtagsCommand } from './hashtags-command.js';
import { registerNetworksCommand } from './networks-command.js';
import { registerPivotCommand } from './pivot-command.js';
import { registerPostsCommand } from './posts-command.js';
import { registerScanCommand } from './scan-command.js';
import { registerSimulateCommand } from './simulate-command.js';
import { registerStatsCommand } from './stats-command.js';
import { registerTrainCommand } from './train-command.js';
import { UsageError } from './usage-error.js';

const INPUT_FORMATS_HELP = `
Input formats (told from each file's content, not its name; .gz inflated):
  X API v2 search/timeline page   one JSON object with "data" (tweets) and "includes.users"
  X API v2 filtered stream        JSON Lines of {"data": tweet, "includes": {...}, "matching_rules": [...]}
  Bluesky Jetstream               JSON Lines of events; posts are app.bsky.feed.post commits
  Mastodon statuses               a JSON array of Status entities (or one status a line)
  Telegram Desktop export         result.json of "Export chat history" (or a full data export)
  tagwatch JSON Lines             one canonical post a line (see \`tagwatch posts\`)

Exit codes: 0 all read, 3 some records or files skipped (each reported on stderr), 2 nothing read.`;

export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('tagwatch')
    .description(
      'Find illicit sale ads riding social-media hashtags, map the operations behind them, and package the evidence.',
    )
    .version(packageVersion())
    .addHelpText('after', INPUT_FORMATS_HELP)
    .showHelpAfterError()
    .exitOverride();
  registerPostsCommand(program, setExitCode);
  registerClassifyCommand(program, setExitCode);
  registerEvalCommand(program, setExitCode);
  registerTrainCommand(program, setExitCode);
  registerSimulateCommand(program);
  registerScanCommand(program, setExitCode);
  registerHashtagsCommand(program);
  registerStatsCommand(program);
  registerExportCommand(program);
  registerNetworksCommand(program);
  registerPivotCommand(program);
  return program;
}

/** Runs the CLI and resolves to the exit code; never calls `process.exit` itself. */
export async function runCli(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A reader that stopped early (`| head`) is not a failure of ours.
    if (error.code !== 'EPIPE') throw error;
  });
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    // A reader that stopped early (`| head`) is not a failure of ours.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return exitCode;
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 1;
    }
    // Errors of the user's making (a bad flag, an unreadable model or lexicon) end in a line
    // that says what to fix, not a stack trace.
    if (error instanceof UsageError || isNamedUserError(error)) {
      process.stderr.write(`tagwatch: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
  return exitCode;
}

function isNamedUserError(error: unknown): boolean {
  return (
    error instanceof Error && ['ModelError', 'LexiconError', 'StoreError'].includes(error.name)
  );
}
