import { statSync } from 'node:fs';
import { ExitCode } from '../../shared/errors.js';
import { dataDir, databasePath, savedDatabaseExists } from '../../shared/paths.js';
import { audioRoot } from '../../shared/audio-files.js';
import { byteSize, localDateTime } from '../../shared/format.js';
import { checkIntegrity, type IntegrityReport } from '../../db/integrity.js';
import { dataCounts, type DataCounts } from '../../db/data-status.js';
import { APP_SCHEMA_VERSION, schemaVersion } from '../../db/read-only.js';
import { healthyLine, nextSteps, problemLines, problemText, schemaText } from '../data-check-report.js';
import { readDatabase, readError } from '../read-database.js';
import { settingsPath } from '../settings.js';
import { info, printLine } from '../output.js';

const NO_DATABASE_YET = 'your first interview creates it (interview-coach start --role backend)';

/** `data path`: where the database is; with --json, every place the app keeps something. */
export function dataPath(flags: { json?: boolean }): ExitCode {
  const database = databasePath();
  if (flags.json) {
    const places = { dataDir: dataDir(), database, config: settingsPath(), audio: audioRoot() };
    printLine(process.stdout, JSON.stringify(places, null, 2));
    return ExitCode.ok;
  }
  printLine(process.stdout, database);
  if (!savedDatabaseExists()) info(`No database there yet: ${NO_DATABASE_YET}.`);
  return ExitCode.ok;
}

/** `data status --json`. */
export interface DataStatusJson {
  database: string;
  exists: boolean;
  databaseBytes: number;
  walBytes: number;
  schemaVersion: number | null;
  appSchemaVersion: number;
  sessions: { total: number; completed: number; interrupted: number; inProgress: number };
  turns: number;
  lastSessionAt: string | null;
}

/** `data status`: sizes, what is saved, and the schema, read without changing anything. */
export function dataStatus(flags: { json?: boolean }): ExitCode {
  const file = databasePath();
  const exists = savedDatabaseExists();
  const read = exists ? readDatabase(file, (db) => ({ version: schemaVersion(db), counts: dataCounts(db) })) : null;
  const counts: DataCounts = read?.counts ?? {
    sessions: { completed: 0, interrupted: 0, in_progress: 0 },
    turns: 0,
    last: null,
  };
  const status: DataStatusJson = {
    database: file,
    exists,
    databaseBytes: fileSize(file),
    walBytes: fileSize(`${file}-wal`),
    schemaVersion: read?.version ?? null,
    appSchemaVersion: APP_SCHEMA_VERSION,
    sessions: {
      total: counts.sessions.completed + counts.sessions.interrupted + counts.sessions.in_progress,
      completed: counts.sessions.completed,
      interrupted: counts.sessions.interrupted,
      inProgress: counts.sessions.in_progress,
    },
    turns: counts.turns,
    lastSessionAt: counts.last?.startedAt ?? null,
  };
  if (flags.json) printLine(process.stdout, JSON.stringify(status, null, 2));
  else if (!exists) info(`No sessions yet: there is no database at ${file}; ${NO_DATABASE_YET}.`);
  else printLine(process.stdout, statusLines(status, counts).join('\n'));
  return ExitCode.ok;
}

function statusLines(s: DataStatusJson, counts: DataCounts): string[] {
  const wal = s.walBytes > 0 ? `, and ${byteSize(s.walBytes)} in the write-ahead log` : '';
  const byStatus = [
    `${s.sessions.completed} completed`,
    `${s.sessions.interrupted} interrupted`,
    `${s.sessions.inProgress} in progress`,
  ].join(', ');
  return [
    `Database  ${s.database}`,
    `Size      ${byteSize(s.databaseBytes)}${wal}`,
    `Schema    ${schemaText(s.schemaVersion)}`,
    `Sessions  ${s.sessions.total}${s.sessions.total ? `: ${byStatus}` : ''}`,
    `Turns     ${s.turns}`,
    `Latest    ${counts.last ? `${localDateTime(counts.last.startedAt)}, ${counts.last.roleId}` : '—'}`,
  ];
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * `data check`: SQLite's integrity check of the saved file, then what to do. No problems: one
 * line, exit 0. Problems (a file SQLite cannot read among them): what was found and the steps,
 * exit 1. Nothing is written and nothing is migrated.
 */
export function dataCheck(flags: { json?: boolean }): ExitCode {
  const file = databasePath();
  if (!savedDatabaseExists()) {
    if (flags.json) printLine(process.stdout, JSON.stringify(checkJson(file, null), null, 2));
    else printLine(process.stdout, `No database yet at ${file}: nothing to check; ${NO_DATABASE_YET}.`);
    return ExitCode.ok;
  }
  let report: IntegrityReport;
  try {
    report = checkIntegrity(file);
  } catch (err) {
    throw readError(file, err);
  }
  const ok = report.problems.length === 0;
  if (flags.json) printLine(process.stdout, JSON.stringify(checkJson(file, report), null, 2));
  else printLine(process.stdout, ok ? healthyLine(file, report) : problemLines(file, report).join('\n'));
  return ok ? ExitCode.ok : ExitCode.failure;
}

/** `data check --json`: null report = no database yet. */
function checkJson(file: string, report: IntegrityReport | null) {
  const problems = report?.problems ?? [];
  return {
    database: file,
    exists: report !== null,
    ok: problems.length === 0,
    schemaVersion: report?.schemaVersion ?? null,
    appSchemaVersion: APP_SCHEMA_VERSION,
    problems: problems.map((p) => ({ ...p, message: problemText(p) })),
    truncated: report?.truncated ?? false,
    skipped: report?.skipped ?? [],
    nextSteps: report && problems.length ? nextSteps(file, report) : [],
  };
}
