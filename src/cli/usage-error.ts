/** A mistake in the command line (a bad flag value): reported in one line, exit code 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
