import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { CoachError, errorMessage } from '../shared/errors.js';
import { shellArg } from '../shared/shell.js';

/**
 * What a SQLite failure means for the person, when it is about the database file itself: a
 * damaged file (SQLITE_CORRUPT, SQLITE_NOTADB) or one that cannot be written (SQLITE_READONLY).
 * One line each, naming the file and the next step. null for everything else.
 */
export function databaseFileProblem(err: unknown, file: string): CoachError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (isDamagedDatabaseError(err)) return damagedDatabase(file, err);
  if (code.startsWith('SQLITE_READONLY')) return readOnlyDatabase(file, errorMessage(err));
  return null;
}

/** SQLite could not read the file as a database: damaged pages (SQLITE_CORRUPT*) or no database at all. */
export function isDamagedDatabaseError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

export function damagedDatabase(file: string, cause: unknown): CoachError {
  return new CoachError(
    `The database at ${file} is damaged (${errorMessage(cause)}). Move it aside to start fresh: ${moveAsideCommand(file)}; your settings are kept.`,
    { cause },
  );
}

/**
 * The shell command that moves a database out of the way, to `<file>.bak`. Its write-ahead log
 * belongs to it: it moves with it, or a new database would replay it. An empty one (as opening
 * a damaged file can leave) holds nothing to replay.
 */
export function moveAsideCommand(file: string): string {
  const wal = hasContent(`${file}-wal`) ? ` && mv ${shellArg(`${file}-wal`)} ${shellArg(`${file}.bak-wal`)}` : '';
  return `mv ${shellArg(file)} ${shellArg(`${file}.bak`)}${wal}`;
}

export function readOnlyDatabase(file: string, why: string): CoachError {
  return new CoachError(
    `The database at ${file} is read-only (${why}), so nothing can be saved. Make it writable (chmod u+w ${shellArg(file)} ${shellArg(dirname(file))}), or set INTERVIEW_COACH_HOME to another folder.`,
  );
}

function hasContent(path: string): boolean {
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}
