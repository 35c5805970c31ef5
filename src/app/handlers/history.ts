import chalk from 'chalk';
import { openDatabase } from '../../db/open.js';
import { listHistory, searchHistory } from '../../db/history.js';
import type { HistoryEntry, SearchHit } from '../../model/history.js';
import { effectiveStatus } from '../../db/session-status.js';
import { scoreBand } from '../../core/evaluation/band.js';
import { databasePath, savedDatabaseExists } from '../../shared/paths.js';
import { ExitCode } from '../../shared/errors.js';
import { info, printLine } from '../output.js';
import { duration, localDateTime, shortId } from '../../shared/format.js';
import { displayWidth, pad, prepareWidths, truncate } from '../../shared/text.js';
import { evaluationAttemptsReader } from '../../db/evaluation-attempts.js';
import type { EvaluationAttempt } from '../../model/evaluation.js';
import { laterFailureNote } from '../../core/evaluation/failure-message.js';
import { cleanLine } from '../../shared/sanitize.js';

export interface HistoryFlags {
  limit: number;
  role?: string;
  since?: Date;
  search?: string;
  json?: boolean;
}

export async function historyCommand(flags: HistoryFlags): Promise<ExitCode> {
  const filter = { limit: flags.limit, role: flags.role, since: flags.since?.toISOString() };
  if (!savedDatabaseExists()) return printEmpty(flags);
  const db = openDatabase(databasePath());
  try {
    const rows: (HistoryEntry | SearchHit)[] =
      flags.search !== undefined ? searchHistory(db, flags.search, filter) : listHistory(db, filter);
    if (flags.json) {
      const attempts = evaluationAttemptsReader(db);
      printLine(
        process.stdout,
        JSON.stringify(
          rows.map((r) => toJson(r, attempts(r.id))),
          null,
          2,
        ),
      );
      return ExitCode.ok;
    }
    if (rows.length === 0) {
      const filtered = flags.role !== undefined || flags.since !== undefined;
      if (flags.search !== undefined) info(`No session mentions "${flags.search}".`);
      else if (filtered) info('No sessions match these filters.');
      else info('No sessions yet. Start one with: interview-coach start --role backend');
      return ExitCode.ok;
    }
    await printTable(rows);
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

const mode = (r: HistoryEntry) => (r.interviewer === 'question-bank' ? 'offline' : r.inputMode);

function score(r: HistoryEntry): string {
  const e = r.evaluation;
  if (!e) return '—';
  if (e.status !== 'ok') return e.status; // failed, unreadable
  return e.kind === 'heuristic' ? 'h' : String(e.score);
}

async function printTable(rows: (HistoryEntry | SearchHit)[]): Promise<void> {
  const color = Boolean(process.stdout.isTTY);
  const cells = rows.map((r) => [
    shortId(r.id),
    localDateTime(r.startedAt),
    r.roleId,
    mode(r),
    duration(r.durationMs),
    String(r.answers),
    score(r),
    effectiveStatus(r).replace('_', ' '),
  ]);
  const header = ['ID', 'DATE', 'ROLE', 'MODE', 'DURATION', 'ANSWERS', 'SCORE', 'STATUS'];
  await prepareWidths(cells.flat());
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c[i] ?? ''))));
  const line = (c: string[]) =>
    c
      .map((v, i) => pad(v, widths[i] ?? 0, i === 4 || i === 5 || i === 6 ? 'start' : 'end'))
      .join('  ')
      .trimEnd();
  printLine(process.stdout, color ? chalk.bold(line(header)) : line(header));
  rows.forEach((r, i) => {
    printLine(process.stdout, line(cells[i] ?? []));
    const failed = r.evaluation?.laterFailure;
    if (failed && r.evaluation) {
      printLine(process.stdout, truncate(`  ${cleanLine(laterFailureNote(failed, r.evaluation.createdAt))}`, 80));
    }
    if ('snippet' in r) {
      // A turn saved before answers were cleaned may hold escapes: cleaned before our colour is added.
      const text = cleanLine(r.snippet);
      const snippet = color ? text.replace(/\[([^\]]*)\]/g, (_, w: string) => chalk.yellow.bold(w)) : text;
      printLine(process.stdout, `  ${snippet}`);
    }
  });
}

function toJson(r: HistoryEntry | SearchHit, attempts: EvaluationAttempt[]) {
  const e = r.evaluation;
  return {
    id: r.id,
    shortId: shortId(r.id),
    startedAt: r.startedAt,
    role: { id: r.roleId, title: r.roleTitle },
    mode: mode(r),
    durationMs: r.durationMs,
    answers: r.answers,
    score: e ? e.score : null,
    // Where that score stands at the session's difficulty: "below" | "meets" | "above", null without a score.
    band: scoreBand(e?.score, r.difficulty),
    // An unreadable evaluation also says why (a damaged row); ok and failed ones keep their documented shape.
    evaluation: e
      ? {
          kind: e.kind,
          status: e.status,
          ...(e.status === 'unreadable' ? { error: e.error } : {}),
          // A failed attempt after the one shown (its score stays the one above).
          laterFailure: e.laterFailure,
        }
      : null,
    // Every attempt, oldest first, as `evaluate --list --json` gives them.
    evaluations: attempts,
    status: effectiveStatus(r),
    ...('snippet' in r ? { match: { snippet: r.snippet, rank: r.rank, hits: r.hits } } : {}),
  };
}
