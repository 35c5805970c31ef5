import type Database from 'better-sqlite3';
import type { Db } from './open.js';

const cache = new WeakMap<Db, Map<string, Database.Statement<unknown[], unknown>>>();

/**
 * A prepared statement, compiled once per database connection. For the statements every
 * interview turn runs (save a turn, read the turns back): compiling SQL again each time sits
 * between the candidate's answer and the interviewer's first word (bench/first-token.mjs).
 */
export function statement<P extends unknown[], R = unknown>(db: Db, sql: string): Database.Statement<P, R> {
  let byDb = cache.get(db);
  if (!byDb) cache.set(db, (byDb = new Map<string, Database.Statement<unknown[], unknown>>()));
  let prepared = byDb.get(sql);
  if (!prepared) byDb.set(sql, (prepared = db.prepare<unknown[], unknown>(sql)));
  // The SQL text fixes the statement's parameters and row shape, so it is the one the caller typed.
  return prepared as unknown as Database.Statement<P, R>;
}
