import Database from 'better-sqlite3';
import type { Db } from './open.js';
import { isDamagedDatabaseError } from './database-errors.js';
import { errorMessage } from '../shared/errors.js';

/** better-sqlite3 caps a step at this many pages: as a step size it means "all of them". */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the database into `dest` with SQLite's online backup, which reads through SQLite (the
 * write-ahead log included) while interviews go on writing. All pages are copied in one step,
 * under one read snapshot: copied a few pages at a time (better-sqlite3's default), the backup
 * starts over whenever another connection commits between two steps, so a busy writer could
 * keep it from ever ending. A reader in WAL mode blocks no writer.
 */
export async function backupDatabase(source: Db, dest: string): Promise<void> {
  await source.backup(dest, { progress: () => ALL_PAGES });
}

export interface CopyCheck {
  /** SQLite's quick check of the copy: empty when it passed. */
  problems: string[];
  /** Sessions in the copy, when it could be counted. */
  sessions: number | null;
}

/**
 * Reads a finished copy back through SQLite. It is opened writable because it is ours and no
 * one else has it open: closing it then removes the -wal and -shm files that opening creates.
 */
export function checkCopy(file: string): CopyCheck {
  const db = new Database(file, { fileMustExist: true });
  try {
    const rows = db.pragma('quick_check(10)') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((line) => line !== 'ok');
    return { problems, sessions: problems.length ? null : sessionCount(db) };
  } catch (err) {
    if (!isDamagedDatabaseError(err)) throw err;
    return { problems: [errorMessage(err)], sessions: null };
  } finally {
    db.close();
  }
}

function sessionCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
}
