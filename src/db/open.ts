import Database from 'better-sqlite3';
import { chmodSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { CoachError, errorMessage } from '../shared/errors.js';
import { ensurePrivateDir } from '../shared/paths.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Db = Database.Database;

/** Opens (creating if needed) the database with our pragmas and brings its schema up to date. */
export function openDatabase(file: string, migrations: Migration[] = MIGRATIONS): Db {
  if (file !== ':memory:') ensurePrivateDir(dirname(file));
  const isNew = file === ':memory:' || !existsSync(file);
  let db: Db;
  try {
    // `timeout` is better-sqlite3's busy timeout: wait for another writer instead of failing at once.
    db = new Database(file, { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
  } catch (err) {
    throw new CoachError(`Cannot open the database ${file} (${errorMessage(err)}).`, {
      hint: 'Check the file and its directory are writable, or set INTERVIEW_COACH_HOME to another directory.',
      cause: err,
    });
  }
  if (isNew && file !== ':memory:' && process.platform !== 'win32') chmodSync(file, 0o600);
  try {
    migrate(db, migrations);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

export function migrate(db: Db, migrations: Migration[] = MIGRATIONS): void {
  checkOrder(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > latest) {
    throw new CoachError(
      `This database was written by a newer interview-coach (schema ${current}, this version knows ${latest}).`,
      {
        hint: 'Upgrade interview-coach (npm install -g interview-coach@latest), or point INTERVIEW_COACH_HOME elsewhere.',
      },
    );
  }
  if (current === latest) return;
  // All pending migrations in one transaction: a failure leaves the database as it was. The
  // version is read again under the write lock: another process opening the same new database
  // at the same moment may have migrated it while this one waited for the lock.
  db.transaction(() => {
    const now = Number(db.pragma('user_version', { simple: true }));
    if (now >= latest) return;
    for (const m of migrations.filter((m) => m.version > now)) m.up(db);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
}

function checkOrder(migrations: Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration list is broken: expected version ${i + 1}, found ${m.version} (${m.name})`);
  });
}
