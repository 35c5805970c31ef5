import Database from 'better-sqlite3';
import type { Db } from './open.js';
import { openReadOnly, schemaVersion } from './read-only.js';
import { isDamagedDatabaseError } from './database-errors.js';
import { errorMessage } from '../shared/errors.js';

/** At most this many of SQLite's integrity findings are collected: enough to judge, bounded to print. */
export const FINDINGS_LIMIT = 100;

export type IntegrityProblem =
  /** SQLite could not read the file at all: no database header, or a damaged schema page. */
  | { kind: 'unreadable'; detail: string; notADatabase: boolean }
  /** One line of `PRAGMA integrity_check`: a damaged page, a broken index, a bad record. */
  | { kind: 'page'; detail: string }
  /** Rows whose foreign key points at a row that no longer exists (`PRAGMA foreign_key_check`). */
  | {
      kind: 'orphans';
      table: string;
      column: string;
      parent: string;
      parentColumn: string;
      rows: number;
      nullable: boolean;
    }
  /** An FTS5 index that does not match its table (FTS5's own 'integrity-check'). */
  | { kind: 'search-index'; table: string; detail: string };

export interface IntegrityReport {
  /** `PRAGMA user_version`, or null when the file could not be read. */
  schemaVersion: number | null;
  problems: IntegrityProblem[];
  /** SQLite reported FINDINGS_LIMIT findings, where it stops: there may be more than the list holds. */
  truncated: boolean;
  /** Checks that could not run, each with the reason. */
  skipped: string[];
}

/**
 * SQLite's own checks of the file, reading only: the page structure (`integrity_check`), then,
 * when the pages are sound, the foreign keys and every FTS5 index against its table. A file
 * SQLite cannot read at all is a finding, not an error. Other failures (permissions) are thrown.
 */
export function checkIntegrity(file: string): IntegrityReport {
  const report: IntegrityReport = { schemaVersion: null, problems: [], truncated: false, skipped: [] };
  let db: Db | null = null;
  try {
    db = openReadOnly(file);
    report.schemaVersion = schemaVersion(db);
    const found = pageFindings(db);
    report.truncated = found.length >= FINDINGS_LIMIT;
    const lines = found.slice(0, FINDINGS_LIMIT);
    report.problems.push(...lines.map((detail) => ({ kind: 'page' as const, detail })));
    // Damaged pages make the other checks meaningless (and they may fail half-way): stop here.
    if (lines.length === 0) {
      report.problems.push(...orphanRows(db));
      searchIndexes(file, db, report);
    }
  } catch (err) {
    if (!isDamagedDatabaseError(err)) throw err;
    report.problems.push({
      kind: 'unreadable',
      detail: errorMessage(err),
      notADatabase: (err as { code?: unknown }).code === 'SQLITE_NOTADB',
    });
  } finally {
    db?.close();
  }
  return report;
}

/**
 * The lines of `integrity_check`, read one by one: on a badly damaged file SQLite can report
 * some pages and then fail, and the lines it gave are kept, with where it stopped.
 */
function pageFindings(db: Db): string[] {
  const lines: string[] = [];
  try {
    for (const row of db.prepare(`PRAGMA integrity_check(${FINDINGS_LIMIT})`).iterate() as Iterable<{
      integrity_check: string;
    }>) {
      // One row can hold several findings, under a `*** in database main ***` heading.
      for (const line of row.integrity_check.split('\n'))
        if (line.trim() && !/^\*\*\* in database \w+ \*\*\*$/.test(line)) lines.push(line);
    }
  } catch (err) {
    if (!isDamagedDatabaseError(err)) throw err;
    lines.push(`the check stopped: ${errorMessage(err)}`);
  }
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

interface ForeignKey {
  id: number;
  table: string;
  from: string;
  to: string | null;
}

/** Orphaned rows, one finding per foreign key (a table has few), each with its count. */
function orphanRows(db: Db): IntegrityProblem[] {
  const counts = new Map<string, { table: string; fkid: number; rows: number }>();
  for (const row of db.prepare('PRAGMA foreign_key_check').iterate() as Iterable<{ table: string; fkid: number }>) {
    const key = `${row.table}\u0000${row.fkid}`;
    const entry = counts.get(key) ?? { table: row.table, fkid: row.fkid, rows: 0 };
    entry.rows += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].map(({ table, fkid, rows }) => {
    const fk = (db.pragma(`foreign_key_list(${quoteId(table)})`) as ForeignKey[]).find((k) => k.id === fkid);
    const columns = db.pragma(`table_info(${quoteId(table)})`) as { name: string; notnull: number }[];
    const column = fk?.from ?? '?';
    return {
      kind: 'orphans' as const,
      table,
      column,
      parent: fk?.table ?? '?',
      parentColumn: fk?.to ?? primaryKey(db, fk?.table ?? ''),
      rows,
      nullable: columns.find((c) => c.name === column)?.notnull === 0,
    };
  });
}

function primaryKey(db: Db, table: string): string {
  const columns = db.pragma(`table_info(${quoteId(table)})`) as { name: string; pk: number }[];
  return columns.find((c) => c.pk === 1)?.name ?? 'rowid';
}

/**
 * FTS5's 'integrity-check' compares an index with its table, which `integrity_check` does not.
 * SQLite runs it as an INSERT, so it needs a writable connection: opened beside the read-only
 * one, inside a transaction that is rolled back (nothing is written). The read-only connection
 * stays open meanwhile, so closing this one is not the last close, which would checkpoint.
 */
function searchIndexes(file: string, reader: Db, report: IntegrityReport): void {
  const tables = reader
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%' AND lower(sql) LIKE '%using fts5%'`,
    )
    .all() as { name: string; sql: string }[];
  if (tables.length === 0) return;
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 5000 });
  } catch (err) {
    report.skipped.push(`the search index: ${errorMessage(err)}`);
    return;
  }
  try {
    for (const { name, sql } of tables) {
      const id = quoteId(name);
      // rank 1: also compare the index with the external content table (a contentless one has none).
      const insert = /content\s*=\s*'[^']+'/i.test(sql)
        ? `INSERT INTO ${id} (${id}, rank) VALUES ('integrity-check', 1)`
        : `INSERT INTO ${id} (${id}) VALUES ('integrity-check')`;
      db.exec('BEGIN');
      try {
        db.prepare(insert).run();
      } catch (err) {
        const code = String((err as { code?: unknown }).code);
        if (isDamagedDatabaseError(err))
          report.problems.push({ kind: 'search-index', table: name, detail: errorMessage(err) });
        else if (code.startsWith('SQLITE_READONLY'))
          report.skipped.push(`the search index ${name}: the database is read-only`);
        else if (code.startsWith('SQLITE_BUSY'))
          report.skipped.push(`the search index ${name}: another process kept the database busy`);
        else throw err;
      } finally {
        if (db.inTransaction) db.exec('ROLLBACK');
      }
    }
  } finally {
    db.close();
  }
}

function quoteId(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
