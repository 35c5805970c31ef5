import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CoachError } from './errors.js';
import { atomicWriteMessage, syncDirectory } from './atomic-write.js';

/**
 * Puts a file that another writer makes (SQLite's backup) at `path` the way writeFileAtomic puts
 * text there: `fill` writes a temp file in the same folder, created empty and private (0600),
 * and only a finished file is renamed over the target, so a reader never sees half a file. On
 * any failure the temp file and the journals SQLite keeps beside it are removed, and the error
 * from `fill` is thrown as it was (the caller knows what it means).
 */
export async function replaceFileAtomic(path: string, fill: (temp: string) => Promise<void>): Promise<void> {
  const target = resolve(path);
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    closeSync(openSync(temp, 'wx', 0o600));
    // The umask may have taken bits away: the file must stay writable by its owner for SQLite.
    if (process.platform !== 'win32') chmodSync(temp, 0o600);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new CoachError(atomicWriteMessage(err, path), { cause: err });
  }
  try {
    await fill(temp);
  } catch (err) {
    removeWithJournals(temp);
    throw err;
  }
  try {
    renameSync(temp, target);
  } catch (err) {
    removeWithJournals(temp);
    throw new CoachError(atomicWriteMessage(err, path), { cause: err });
  }
  syncDirectory(dir);
}

function removeWithJournals(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
