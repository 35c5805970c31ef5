import type { Writable } from 'node:stream';
import { chalkStderr } from 'chalk';
import { CoachError, ExitCode, errorMessage } from '../shared/errors.js';
import { databaseFileProblem } from '../db/database-errors.js';
import { databasePath } from '../shared/paths.js';
import { cleanText } from '../shared/sanitize.js';
import { batchChunks } from '../shared/text-chunks.js';

/** Status, warnings and errors go to stderr; stdout is for content only. */
export function printLine(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${line}\n`);
}

/**
 * A status line on stderr. Status often quotes what came from outside (a model name, the host's
 * error, a path, a tool's output), so every one is cleaned here before our own colour is added:
 * whoever built the message, nothing in it reaches the terminal as a control.
 */
function status(text: string, colour: (s: string) => string = (s) => s): void {
  printLine(process.stderr, colour(cleanText(text)));
}

/**
 * Writes text made piece by piece (batched into larger writes), waiting whenever the stream
 * asks for a pause ('drain'), so memory stays flat however much is written: a pipe to a slow
 * reader holds at most one batch. An EPIPE or a full disk on stdout ends the process in
 * pipe-guards, as for any write.
 */
export async function writeStreamed(stream: Writable, chunks: Iterable<string>): Promise<void> {
  for (const batch of batchChunks(chunks)) {
    if (!stream.write(batch)) await drained(stream);
  }
}

async function drained(stream: Writable): Promise<void> {
  const closed = () => new Error('the output closed before everything was written');
  if (stream.destroyed) {
    // Its 'error' event is still on its way (next tick): pipe-guards sees it first and ends
    // the process as for any failed write; any other stream reports its own error.
    await new Promise((resolve) => setImmediate(resolve));
    throw stream.errored ?? closed();
  }
  await new Promise<void>((resolve, reject) => {
    const settle = (err?: Error) => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => settle();
    const onError = (err: Error) => settle(err);
    // Closed without an error event: nothing more can be written, and waiting would hang.
    const onClose = () => settle(closed());
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

export function warn(message: string, hint?: string): void {
  status(`⚠ ${message}`, chalkStderr.yellow);
  if (hint) status(`  ${hint}`, chalkStderr.dim);
}

export function info(message: string): void {
  status(message, chalkStderr.dim);
}

/** The one place that turns an error into `✖ message` + hint, and picks the exit code. */
export function reportError(err: unknown): number {
  // A damaged or read-only database found mid-command (not at open) is said as plainly as at open.
  const problem = err instanceof CoachError ? null : databaseFileProblem(err, databasePath());
  if (problem) return reportError(problem);
  if (err instanceof CoachError) {
    status(`✖ ${err.message}`, chalkStderr.red);
    if (err.hint) status(`  ${err.hint}`);
    return err.exitCode;
  }
  const code = (err as { code?: string })?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    // SQLite commits whole statements, so everything saved before this point is intact.
    status(`✖ The disk is full: ${errorMessage(err)}.`, chalkStderr.red);
    printLine(
      process.stderr,
      '  Free some space and run the command again; what was already saved is kept (`interview-coach resume last` continues an interview).',
    );
    return ExitCode.failure;
  }
  status(`✖ Unexpected error: ${errorMessage(err)}`, chalkStderr.red);
  if (process.env.DEBUG && err instanceof Error && err.stack) status(err.stack);
  // Saved sessions are safe from a failure elsewhere (SQLite commits whole statements), but not
  // from one in the database itself: then the claim is left out.
  else if (typeof code === 'string' && code.startsWith('SQLITE_'))
    status(`  Run again with DEBUG=1 for details (the database is ${databasePath()}).`);
  else status('  Run again with DEBUG=1 for details; your saved sessions are not affected.');
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
