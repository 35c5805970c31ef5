import Database from 'better-sqlite3';
import type { Db } from './open.js';
import { MIGRATIONS } from './migrations.js';

/** The schema version this build reads and writes: the number of its last migration. */
export const APP_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * Opens an existing database only to look at it (`data check`, `status`, `backup`): no migration
 * and no pragma that writes, and closing it never checkpoints the write-ahead log into the file
 * (a read-only connection cannot), so a damaged file stays exactly as it was. SQLite may create
 * an empty -wal and -shm beside it, as any reader of a WAL database does.
 */
export function openReadOnly(file: string): Db {
  return new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
}

/** The schema version stored in the file (`PRAGMA user_version`): what the migrations have reached. */
export function schemaVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}
