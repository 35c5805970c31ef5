import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CoachError, UsageError, errorMessage } from './errors.js';

/**
 * Writes `data` to `path` so that a reader sees either the old file or the whole new one,
 * never a half-written file: a temp file in the same directory (mode 0600), fsync, then a
 * rename over the target. On any failure the temp file is removed and a CoachError with a
 * one-line message is thrown. Only a regular file is ever replaced: a rename over a device, a
 * fifo or a symlink would turn it into a plain file (as root, /dev/null for the whole machine).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  writeFileAtomicChunks(path, [data]);
}

/**
 * writeFileAtomic for data made piece by piece (an export of every session): each piece is
 * written to the temp file as it comes, so the whole never sits in memory. A piece that cannot
 * be made (its error thrown by `chunks`) leaves nothing behind either, and its error is thrown
 * as it is: it says what went wrong, not the file.
 */
export function writeFileAtomicChunks(path: string, chunks: Iterable<string | Uint8Array>): void {
  const target = resolve(path);
  const dir = dirname(target);
  refuseIfNotRegularFile(path, target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  let created = false;
  let writing = true;
  try {
    fd = openSync(temp, 'wx', 0o600);
    created = true;
    if (process.platform !== 'win32') fchmodSync(fd, 0o600);
    writing = false;
    for (const chunk of chunks) {
      writing = true;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      writing = false;
    }
    writing = true;
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, target);
    created = false;
  } catch (err) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    if (created) rmSync(temp, { force: true });
    if (!writing) throw err;
    throw new CoachError(atomicWriteMessage(err, path), { cause: err });
  }
  syncDirectory(dir);
}

/** A target that exists and is not a regular file is refused, in one line, before anything is written. */
export function refuseIfNotRegularFile(
  path: string,
  target: string,
  nextStep = 'Give a new file name, or `-o -` for stdout.',
): void {
  let stats: Stats;
  try {
    stats = lstatSync(target);
  } catch {
    return; // nothing there (or unreadable): the write itself reports what is wrong
  }
  if (stats.isFile()) return;
  throw new UsageError(
    `Not writing to ${path}: it is ${fileKind(stats)}, not a regular file; nothing was written. ${nextStep}`,
  );
}

function fileKind(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (fifo)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a plain file';
}

/** One line for a failed write, naming the file and saying that nothing was written. */
export function atomicWriteMessage(err: unknown, path: string): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const dir = dirname(path) || '.';
  switch (code) {
    case 'ENOSPC':
      return `Disk full while writing ${path}; nothing was written.`;
    case 'EDQUOT':
      return `Disk quota exceeded while writing ${path}; nothing was written.`;
    case 'ENOENT':
      return `Cannot write ${path}: the directory ${dir} does not exist; nothing was written.`;
    case 'ENOTDIR':
      return `Cannot write ${path}: ${dir} is not a directory; nothing was written.`;
    case 'EACCES':
    case 'EPERM':
      return `Cannot write ${path}: permission denied in ${dir}; nothing was written.`;
    case 'EROFS':
      return `Cannot write ${path}: ${dir} is on a read-only file system; nothing was written.`;
    case 'EISDIR':
      return `Cannot write ${path}: it is a directory; nothing was written.`;
    default:
      return `Cannot write ${path} (${errorMessage(err).split('\n')[0]}); nothing was written.`;
  }
}

/** Makes the rename itself durable; some platforms cannot open a directory, which is fine. */
export function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the data itself is already synced.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
