import { dirname, join } from 'node:path';
import type { IntegrityProblem, IntegrityReport } from '../db/integrity.js';
import { moveAsideCommand } from '../db/database-errors.js';
import { APP_SCHEMA_VERSION } from '../db/read-only.js';
import { shellArg } from '../shared/shell.js';
import { plural } from '../shared/format.js';

/** Findings printed as text; --json has all of them (at most FINDINGS_LIMIT). */
const SHOWN = 10;
/** The FTS5 index over the saved turns (migration 3): rebuilt from them after a salvage. */
const SEARCH_INDEX = 'transcripts_fts';
const SEARCH_INDEX_SINCE = 3;

export function problemText(p: IntegrityProblem): string {
  switch (p.kind) {
    case 'unreadable':
      return `SQLite cannot read it: ${p.detail}`;
    case 'page':
      return p.detail;
    case 'orphans':
      return `${plural(p.rows, 'row')} of ${p.table} ${p.rows === 1 ? 'points' : 'point'} to a ${p.parent} row that no longer exists (${p.table}.${p.column})`;
    case 'search-index':
      return `the search index ${p.table} does not match the text it indexes (FTS5 integrity-check: ${p.detail})`;
  }
}

/** The one line for a database with no problems: what was checked and how its schema stands. */
export function healthyLine(file: string, report: IntegrityReport): string {
  const skipped = report.skipped.length ? `; not checked: ${report.skipped.join('; ')}` : '';
  return `✔ No problems found in ${file} (SQLite's integrity check, foreign keys, search index); schema ${schemaText(report.schemaVersion)}${skipped}.`;
}

/** The stored schema version against this version's: `6, current`. */
export function schemaText(version: number | null): string {
  if (version === null) return 'unreadable';
  if (version === APP_SCHEMA_VERSION) return `${version}, current`;
  if (version < APP_SCHEMA_VERSION)
    return `${version}: this version upgrades it to ${APP_SCHEMA_VERSION} the next time it opens it`;
  return `${version}, from a newer interview-coach (this one knows ${APP_SCHEMA_VERSION}): upgrade to use it`;
}

/** What was found, at most SHOWN lines of it, then the steps to take. */
export function problemLines(file: string, report: IntegrityReport): string[] {
  const { problems } = report;
  const more = problems.length - SHOWN;
  const moreText = report.truncated ? `${more} or more (SQLite stops listing at ${problems.length})` : `${more} more`;
  return [
    `✖ Problems in the database at ${file} (schema ${schemaText(report.schemaVersion)}):`,
    ...problems.slice(0, SHOWN).map((p) => `  - ${problemText(p)}`),
    ...(more > 0 ? [`  - and ${moreText}`] : []),
    '',
    'What to do (first end any interview that is running):',
    ...nextSteps(file, report).map((line) => `  ${line}`),
  ];
}

/**
 * Concrete steps, worst problem first. Damaged pages: keep a copy, then put a backup in place
 * or save what SQLite can still read (`.dump` reads around the damage, and works with every
 * sqlite3; `.recover` is missing from many distributions' builds). Only orphaned rows or a stale
 * search index: the data is whole, so one statement repairs it.
 */
export function nextSteps(file: string, report: IntegrityReport): string[] {
  const unreadable = report.problems.find((p) => p.kind === 'unreadable');
  const damaged = unreadable !== undefined || report.problems.some((p) => p.kind === 'page');
  const dir = dirname(file);
  const again = (n: number) => `${n}. Check again: interview-coach data check`;
  const restore = (n: number) => [
    `${n}. If you have a backup (interview-coach data backup), put it in place:`,
    `     ${moveAsideCommand(file)} && cp YOUR-BACKUP.db ${shellArg(file)}`,
  ];
  if (unreadable?.notADatabase)
    return [
      ...restore(1),
      '2. Otherwise start fresh (your settings are kept; the file stays beside it as .bak):',
      `     ${moveAsideCommand(file)}`,
    ];
  const copy = shellArg(join(dir, damaged ? 'interview-coach-damaged.db' : 'interview-coach-before-repair.db'));
  const keep = `1. Keep a copy of the file as it is: interview-coach data backup ${copy}`;
  if (!damaged) return [keep, '2. Repair it (needs the sqlite3 tool):', ...repairs(file, report.problems), again(3)];
  const version = report.schemaVersion;
  const salvage = version === null ? [] : salvageSteps(file, join(dir, 'interview-coach-salvaged.db'), version);
  return [
    keep,
    '   (it warns that the copy holds the same damage: it is kept for what follows)',
    ...restore(2),
    ...salvage,
    again(salvage.length ? 4 : 3),
  ];
}

function salvageSteps(file: string, salvaged: string, version: number): string[] {
  const rebuild = version >= SEARCH_INDEX_SINCE ? ` ${rebuildStatement(SEARCH_INDEX)}` : '';
  return [
    '3. Otherwise save what SQLite can still read into a new file, and use that (needs the sqlite3 tool):',
    // .dump ends with ROLLBACK when it met damage, which would throw away everything it read.
    `     (umask 077 && sqlite3 ${shellArg(file)} .dump | sed 's/^ROLLBACK; -- due to errors$/COMMIT;/' | sqlite3 ${shellArg(salvaged)})`,
    `     sqlite3 ${shellArg(salvaged)} "PRAGMA user_version = ${version};${rebuild}"`,
    `     ${moveAsideCommand(file)} && mv ${shellArg(salvaged)} ${shellArg(file)}`,
  ];
}

function repairs(file: string, problems: IntegrityProblem[]): string[] {
  return problems.flatMap((p) => {
    if (p.kind === 'search-index') return [`     sqlite3 ${shellArg(file)} "${rebuildStatement(p.table)}"`];
    if (p.kind !== 'orphans') return [];
    const t = sqlId(p.table);
    const column = `${t}.${sqlId(p.column)}`;
    const missing = `${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${sqlId(p.parent)} AS parent WHERE parent.${sqlId(p.parentColumn)} = ${column})`;
    // A column that may be empty loses only the broken link; otherwise the row goes (no command shows it).
    const sql = p.nullable
      ? `UPDATE ${t} SET ${sqlId(p.column)} = NULL WHERE ${missing};`
      : `DELETE FROM ${t} WHERE ${missing};`;
    return [`     sqlite3 ${shellArg(file)} "${sql}"`];
  });
}

function rebuildStatement(table: string): string {
  return `INSERT INTO ${sqlId(table)} (${sqlId(table)}) VALUES ('rebuild');`;
}

/** An SQL name as it can sit inside a double-quoted shell word. */
function sqlId(name: string): string {
  return /^\w+$/.test(name) ? name : `[${name.replaceAll(']', ']]')}]`;
}
