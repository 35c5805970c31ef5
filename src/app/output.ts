import { chalkStderr } from 'chalk';
import { CoachError, ExitCode, errorMessage } from '../shared/errors.js';
import { databaseFileProblem } from '../db/database-errors.js';
import { databasePath } from '../shared/paths.js';

/** Status, warnings and errors go to stderr; stdout is for content only. */
export function printLine(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${line}\n`);
}

export function warn(message: string, hint?: string): void {
  printLine(process.stderr, chalkStderr.yellow(`⚠ ${message}`));
  if (hint) printLine(process.stderr, chalkStderr.dim(`  ${hint}`));
}

export function info(message: string): void {
  printLine(process.stderr, chalkStderr.dim(message));
}

/** The one place that turns an error into `✖ message` + hint, and picks the exit code. */
export function reportError(err: unknown): number {
  // A damaged or read-only database found mid-command (not at open) is said as plainly as at open.
  const problem = err instanceof CoachError ? null : databaseFileProblem(err, databasePath());
  if (problem) return reportError(problem);
  if (err instanceof CoachError) {
    printLine(process.stderr, chalkStderr.red(`✖ ${err.message}`));
    if (err.hint) printLine(process.stderr, `  ${err.hint}`);
    return err.exitCode;
  }
  const code = (err as { code?: string })?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    // SQLite commits whole statements, so everything saved before this point is intact.
    printLine(process.stderr, chalkStderr.red(`✖ The disk is full: ${errorMessage(err)}.`));
    printLine(
      process.stderr,
      '  Free some space and run the command again; what was already saved is kept (`interview-coach resume last` continues an interview).',
    );
    return ExitCode.failure;
  }
  printLine(process.stderr, chalkStderr.red(`✖ Unexpected error: ${errorMessage(err)}`));
  if (process.env.DEBUG && err instanceof Error && err.stack) printLine(process.stderr, err.stack);
  // Saved sessions are safe from a failure elsewhere (SQLite commits whole statements), but not
  // from one in the database itself: then the claim is left out.
  else if (typeof code === 'string' && code.startsWith('SQLITE_'))
    printLine(process.stderr, `  Run again with DEBUG=1 for details (the database is ${databasePath()}).`);
  else printLine(process.stderr, '  Run again with DEBUG=1 for details; your saved sessions are not affected.');
  return ExitCode.failure;
}

/**
 * How wide stdout's tables and reports may be: COLUMNS when it is set (a script or a person
 * asking for a width, as `COLUMNS=100 interview-coach history`), else the terminal's width,
 * else 80 when piped (a file or `less` has no width of its own).
 */
export function outputColumns(
  stream: { isTTY?: boolean; columns?: number } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const fromEnv = /^\s*\d+\s*$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS) : 0;
  if (fromEnv > 0) return fromEnv;
  if (stream.isTTY && stream.columns) return stream.columns;
  return 80;
}

export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}
