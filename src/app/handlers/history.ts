import { existsSync } from 'node:fs';
import chalk from 'chalk';
import { openDatabase } from '../../db/open.js';
import { listHistory, searchHistory, type HistoryRow, type SearchHit } from '../../db/history.js';
import { effectiveStatus } from '../../db/sessions.js';
import { databasePath } from '../../shared/paths.js';
import { ExitCode } from '../../shared/errors.js';
import { info, printLine } from '../output.js';
import { duration, localDateTime, shortId } from '../../shared/format.js';
import { displayWidth, pad } from '../../shared/text.js';

export interface HistoryFlags {
  limit: number;
  role?: string;
  since?: Date;
  search?: string;
  json?: boolean;
}

export async function historyCommand(flags: HistoryFlags): Promise<ExitCode> {
  const filter = { limit: flags.limit, role: flags.role, since: flags.since?.toISOString() };
  if (!existsSync(databasePath())) return printEmpty(flags);
  const db = openDatabase(databasePath());
  try {
    const rows: (HistoryRow | SearchHit)[] =
      flags.search !== undefined ? searchHistory(db, flags.search, filter) : listHistory(db, filter);
    if (flags.json) {
      printLine(process.stdout, JSON.stringify(rows.map(toJson), null, 2));
      return ExitCode.ok;
    }
    if (rows.length === 0) {
      const filtered = flags.role !== undefined || flags.since !== undefined;
      if (flags.search !== undefined) info(`No session mentions "${flags.search}".`);
      else if (filtered) info('No sessions match these filters.');
      else info('No sessions yet. Start one with: interview-coach start --role backend');
      return ExitCode.ok;
    }
    printTable(rows);
    return ExitCode.ok;
  } finally {
    db.close();
  }
}

function printEmpty(flags: HistoryFlags): ExitCode {
  if (flags.json) printLine(process.stdout, '[]');
  else info('No sessions yet. Start one with: interview-coach start --role backend');
  return ExitCode.ok;
}

const mode = (r: HistoryRow) => (r.interviewer === 'question-bank' ? 'offline' : r.input_mode);

function score(r: HistoryRow): string {
  if (!r.eval_kind) return '—';
  if (r.eval_status === 'failed') return 'failed';
  if (r.eval_kind === 'heuristic') return 'h';
  return String(r.score);
}

function printTable(rows: (HistoryRow | SearchHit)[]): void {
  const color = Boolean(process.stdout.isTTY);
  const cells = rows.map((r) => [
    shortId(r.id),
    localDateTime(r.started_at),
    r.role_id,
    mode(r),
    duration(r.duration_ms),
    String(r.answers),
    score(r),
    effectiveStatus(r).replace('_', ' '),
  ]);
  const header = ['ID', 'DATE', 'ROLE', 'MODE', 'DURATION', 'ANSWERS', 'SCORE', 'STATUS'];
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c[i]))));
  const line = (c: string[]) =>
    c
      .map((v, i) => pad(v, widths[i], i === 4 || i === 5 || i === 6 ? 'start' : 'end'))
      .join('  ')
      .trimEnd();
  printLine(process.stdout, color ? chalk.bold(line(header)) : line(header));
  rows.forEach((r, i) => {
    printLine(process.stdout, line(cells[i]));
    if ('snippet' in r) {
      const snippet = color ? r.snippet.replace(/\[([^\]]*)\]/g, (_, w: string) => chalk.yellow.bold(w)) : r.snippet;
      printLine(process.stdout, `  ${snippet}`);
    }
  });
}

function toJson(r: HistoryRow | SearchHit) {
  return {
    id: r.id,
    shortId: shortId(r.id),
    startedAt: r.started_at,
    role: { id: r.role_id, title: r.role_title },
    mode: mode(r),
    durationMs: r.duration_ms,
    answers: r.answers,
    score: r.eval_kind === 'ai' && r.eval_status === 'ok' ? r.score : null,
    evaluation: r.eval_kind ? { kind: r.eval_kind, status: r.eval_status } : null,
    status: effectiveStatus(r),
    ...('snippet' in r ? { match: { snippet: r.snippet, rank: r.rank, hits: r.hits } } : {}),
  };
}
