/**
 * The `tagwatch` command line: one file per command, each registering itself here.
 */
import { Command, CommanderError } from 'commander';
import { packageVersion } from '../package-root.js';
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

type RegisterCommand = (program: Command, setExitCode: (code: number) => void) => void;

/**
 * Each command's module, in the order help lists them, loaded only when needed: the modules of
 * every command (store, graph, simulator, readers, detector) took half a second to load, which
 * `tagwatch posts` paid on every run.
 */
const COMMANDS: readonly (readonly [string, () => Promise<RegisterCommand>])[] = [
  ['posts', async () => (await import('./posts-command.js')).registerPostsCommand],
  ['classify', async () => (await import('./classify-command.js')).registerClassifyCommand],
  ['eval', async () => (await import('./eval-command.js')).registerEvalCommand],
  ['train', async () => (await import('./train-command.js')).registerTrainCommand],
  ['simulate', async () => (await import('./simulate-command.js')).registerSimulateCommand],
  ['scan', async () => (await import('./scan-command.js')).registerScanCommand],
  ['hashtags', async () => (await import('./hashtags-command.js')).registerHashtagsCommand],
  ['stats', async () => (await import('./stats-command.js')).registerStatsCommand],
  ['export', async () => (await import('./export-command.js')).registerExportCommand],
  ['networks', async () => (await import('./networks-command.js')).registerNetworksCommand],
  ['pivot', async () => (await import('./pivot-command.js')).registerPivotCommand],
];

/**
 * The program with the command `argv` names, or with every command when it names none (help,
 * version, a mistyped command, which commander then answers with the list).
 */
export async function buildProgram(
  setExitCode: (code: number) => void,
  argv: readonly string[] = [],
): Promise<Command> {
  const program = new Command('tagwatch')
    .description(
      'Find illicit sale ads riding social-media hashtags, map the operations behind them, and package the evidence.',
    )
    .version(packageVersion())
    .addHelpText('after', INPUT_FORMATS_HELP)
    .showHelpAfterError()
    .exitOverride();
  const named = COMMANDS.find(([name]) => name === argv[2]);
  for (const [, load] of named ? [named] : COMMANDS) (await load())(program, setExitCode);
  return program;
}

/** Runs the CLI and resolves to the exit code; never calls `process.exit` itself. */
export async function runCli(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A reader that stopped early (`| head`) is not a failure of ours.
    if (error.code !== 'EPIPE') throw error;
  });
  const program = await buildProgram((code) => {
    exitCode = code;
  }, argv);
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
