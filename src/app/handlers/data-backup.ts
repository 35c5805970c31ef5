import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CoachError, ExitCode, UsageError } from '../../shared/errors.js';
import { databasePath, savedDatabaseExists } from '../../shared/paths.js';
import { atomicWriteMessage, refuseIfNotRegularFile } from '../../shared/atomic-write.js';
import { replaceFileAtomic } from '../../shared/atomic-replace.js';
import { byteSize, plural } from '../../shared/format.js';
import { shellArg } from '../../shared/shell.js';
import { openReadOnly } from '../../db/read-only.js';
import type { Db } from '../../db/open.js';
import { backupDatabase, checkCopy, type CopyCheck } from '../../db/backup.js';
import { readError } from '../read-database.js';
import { info, printLine, warn } from '../output.js';

const EXAMPLE = 'Example: interview-coach data backup ~/interview-coach-backup.db';

/**
 * `data backup <file>`: a copy of the database made by SQLite's online backup (consistent even
 * while an interview writes), put in place whole or not at all, mode 0600, then read back with
 * SQLite's quick check. The full path goes to stdout, what it holds to stderr. A copy of a
 * damaged database is still written (it is what a salvage starts from), with exit 1.
 */
export async function dataBackup(target: string, flags: { force?: boolean }): Promise<ExitCode> {
  if (target === '-')
    throw new UsageError('A backup is a SQLite database file, not text for stdout: give a file name, not -.', EXAMPLE);
  const file = databasePath();
  if (!savedDatabaseExists()) {
    throw new CoachError(`No sessions yet: there is no database at ${file} to back up.`, {
      hint: 'Your first interview creates it: interview-coach start --role backend',
    });
  }
  const dest = resolve(target);
  refuseTheDatabaseItself(target, dest, file);
  refuseIfNotRegularFile(target, dest, 'Give a new file name.');
  if (existsSync(dest) && !flags.force)
    throw new UsageError(
      `${target} already exists; nothing was written.`,
      'Give a new file name, or add --force to replace it.',
    );
  refuseLeftoverJournal(target, dest);
  const copy = await writeBackup(file, dest, target);
  printLine(process.stdout, dest);
  const size = byteSize(statSync(dest).size);
  if (copy.problems.length === 0) {
    info(`Backed up ${plural(copy.sessions ?? 0, 'session')} (${size}); SQLite's quick check of the copy passed.`);
    return ExitCode.ok;
  }
  warn(
    `The backup (${size}) holds the same damage as the database: ${copy.problems[0] ?? ''}`,
    'It keeps everything the file holds, for a salvage: `interview-coach data check` says what to do.',
  );
  return ExitCode.failure;
}

async function writeBackup(file: string, dest: string, target: string): Promise<CopyCheck> {
  let copy: CopyCheck = { problems: [], sessions: null };
  let source: Db;
  try {
    source = openReadOnly(file);
  } catch (err) {
    throw readError(file, err);
  }
  try {
    await replaceFileAtomic(dest, async (temp) => {
      await backupDatabase(source, temp);
      copy = checkCopy(temp);
    });
  } catch (err) {
    // The source is only read: a full disk can only be the backup's.
    if ((err as { code?: unknown }).code === 'SQLITE_FULL')
      throw new CoachError(atomicWriteMessage({ code: 'ENOSPC' }, target), { cause: err });
    throw readError(file, err);
  } finally {
    source.close();
  }
  return copy;
}

/** Renamed over the database or one of its journals, a backup would destroy what it copies. */
function refuseTheDatabaseItself(target: string, dest: string, file: string): void {
  const own = ['', '-wal', '-shm', '-journal'].map((suffix) => `${file}${suffix}`);
  if (own.some((path) => resolve(path) === dest || sameFile(path, dest)))
    throw new UsageError(
      `Not writing to ${target}: it is the database itself (or its journal); nothing was written.`,
      `Give a file name of its own. ${EXAMPLE}`,
    );
}

/**
 * SQLite applies a journal it finds beside a database when the database is opened: a log left
 * at the target by a database that was open there would be replayed into the new backup.
 */
function refuseLeftoverJournal(target: string, dest: string): void {
  for (const suffix of ['-wal', '-journal']) {
    if (fileSize(`${dest}${suffix}`) > 0)
      throw new UsageError(
        `Not writing to ${target}: ${target}${suffix} is beside it, left by a database that was open there, and SQLite would apply it to the backup; nothing was written.`,
        `Give another file name, or move that file away (mv ${shellArg(`${dest}${suffix}`)} ${shellArg(`${dest}${suffix}.old`)}).`,
      );
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
