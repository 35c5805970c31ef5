import { CoachError, errorMessage } from '../shared/errors.js';
import { openReadOnly } from '../db/read-only.js';
import { databaseFileProblem } from '../db/database-errors.js';
import type { Db } from '../db/open.js';

/**
 * Runs `fn` over the saved database opened read-only (see openReadOnly): nothing is migrated or
 * written. A damaged file gets the usual one line; one that cannot be opened says why.
 */
export function readDatabase<T>(file: string, fn: (db: Db) => T): T {
  let db: Db;
  try {
    db = openReadOnly(file);
  } catch (err) {
    throw readError(file, err);
  }
  try {
    return fn(db);
  } catch (err) {
    throw readError(file, err);
  } finally {
    db.close();
  }
}

/** What to throw for a failure reading the database: SQLite's errors in one line, others as they are. */
export function readError(file: string, err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (err instanceof CoachError || typeof code !== 'string' || !code.startsWith('SQLITE_')) return err;
  return (
    databaseFileProblem(err, file) ??
    new CoachError(`Cannot read the database ${file} (${errorMessage(err)}).`, {
      hint: 'Check that you can read it and its folder, or set INTERVIEW_COACH_HOME to another folder.',
      cause: err,
    })
  );
}
