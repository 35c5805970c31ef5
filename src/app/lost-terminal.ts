import { closeSync, openSync } from 'node:fs';
import { isatty } from 'node:tty';

/**
 * When the terminal closed under the process (SIGHUP), Node 20 aborts on the way out instead of
 * exiting with the code it was given: it restores the terminal's settings on stdin, stdout and
 * stderr, and a terminal that hung up refuses them (EIO), which it asserts never happens
 * (nodejs/node#51519, fixed in Node 24 by #58200). It skips a descriptor that no longer refers to
 * the file it had at start, so at exit each one that was a terminal and is not any more (it
 * hung up: isatty fails with EIO) is pointed at /dev/null. Nothing can be shown there any more.
 */
export function releaseLostTerminalAtExit(): void {
  const wereTerminals = [0, 1, 2].filter((fd) => isatty(fd));
  if (wereTerminals.length === 0) return;
  process.once('exit', () => {
    for (const fd of wereTerminals) {
      if (isatty(fd)) continue;
      try {
        closeSync(fd);
        // The lowest free descriptor is the one just closed (the ones below it are open).
        openSync('/dev/null', fd === 0 ? 'r' : 'w');
      } catch {
        // Left as it is: the exit may then fail the way it would have anyway.
      }
    }
  });
}
