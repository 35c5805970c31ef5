import { writeSync } from 'node:fs';
import { ExitCode, errorMessage } from '../shared/errors.js';
import { isatty } from 'node:tty';
import { runStopping, stopForClosedOutput, stopForHangup } from './interrupt.js';
import { releaseLostTerminalAtExit } from './lost-terminal.js';

let failing = false;

/**
 * Errors on stdout or stderr arrive as stream `error` events, outside the try/catch of cli.ts,
 * so they are funnelled here. A reader that closed early (`history | head`, EPIPE) ends the
 * process quietly with the code it already had, or, during an interview, ends the session early
 * (interrupt.ts) and then the process with 0; any other write error (a full disk, ENOSPC; a
 * broken device, EIO) gets one line on stderr, if stderr can still take it, and exit 1. Once a
 * run was stopped (a closed terminal is SIGHUP) output errors are expected and change nothing:
 * the run is saving the session on its way out.
 */
export function installPipeGuards(): void {
  releaseLostTerminalAtExit();
  for (const [stream, name] of [
    [process.stdout, 'stdout'],
    [process.stderr, 'stderr'],
  ] as const) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (runStopping()) return;
      if (err.code === 'EPIPE') {
        if (stopForClosedOutput()) return;
        process.exit(process.exitCode ?? ExitCode.ok);
      }
      // A terminal that hung up fails writes with EIO, possibly before its SIGHUP arrives: the same stop.
      if (err.code === 'EIO' && stream.isTTY && !isatty(name === 'stdout' ? 1 : 2) && stopForHangup()) return;
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
