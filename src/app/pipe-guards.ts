import { writeSync } from 'node:fs';
import { ExitCode, errorMessage } from '../shared/errors.js';

let failing = false;

/**
 * Errors on stdout or stderr arrive as stream `error` events, outside the try/catch of cli.ts,
 * so they are funnelled here. A reader that closed early (`history | head`, EPIPE) ends the
 * process quietly with the code it already had; any other write error (a full disk, ENOSPC; a
 * broken device, EIO) gets one line on stderr, if stderr can still take it, and exit 1.
 */
export function installPipeGuards(): void {
  for (const [stream, name] of [
    [process.stdout, 'stdout'],
    [process.stderr, 'stderr'],
  ] as const) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
      // A second error (stderr failing too, or a write after the first failure) changes nothing.
      if (!failing) {
        failing = true;
        try {
          // Straight to the file descriptor: the stream may be the one that just failed.
          writeSync(2, `✖ ${outputErrorMessage(err, name)}\n`);
        } catch {
          // stderr cannot be written either: the exit code is all that is left.
        }
      }
      process.exit(ExitCode.failure);
    });
  }
}

/** One line for a failed write to stdout or stderr, with the next step. */
export function outputErrorMessage(err: NodeJS.ErrnoException, name: 'stdout' | 'stderr'): string {
  const what = `Cannot write to ${name}`;
  switch (err.code) {
    case 'ENOSPC':
      return `${what}: the disk is full. Free some space, or send the output elsewhere, and run the command again.`;
    case 'EDQUOT':
      return `${what}: the disk quota is used up. Free some space, or send the output elsewhere, and run the command again.`;
    case 'EIO':
      return `${what}: input/output error (EIO). Check the device or file it goes to, or send the output elsewhere.`;
    default:
      return `${what} (${errorMessage(err).split('\n')[0]}). Send the output elsewhere and run the command again.`;
  }
}
