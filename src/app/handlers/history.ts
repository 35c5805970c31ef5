import chalk from 'chalk';
import { openDatabase } from '../../db/open.js';
import { iterateHistory, listHistory, searchHistory } from '../../db/history.js';
import type { HistoryEntry, SearchHit } from '../../model/history.js';
import { effectiveStatus } from '../../db/session-status.js';
import { scoreBand } from '../../core/evaluation/band.js';
import { notEvaluated, statusLabel } from '../../core/status-label.js';
import { evaluateCommandFor } from '../next-steps.js';
import { databasePath, savedDatabaseExists } from '../../shared/paths.js';
import { ExitCode } from '../../shared/errors.js';
import { info, outputColumns, printLine, writeStreamed } from '../output.js';
import { jsonArrayChunks, mapItems } from '../../shared/text-chunks.js';
import { duration, localDateTime, shortId } from '../../shared/format.js';
import { prepareWidths, truncate } from '../../shared/text.js';
import { fitTable, type TableColumn } from '../../shared/table.js';
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
    if (flags.json) {
      // Streamed, one session at a time: memory stays flat however many sessions there are.
      const rows = flags.search !== undefined ? searchHistory(db, flags.search, filter) : iterateHistory(db, filter);
      const attempts = evaluationAttemptsReader(db);
      await writeStreamed(process.stdout, jsonLines(rows, attempts));
      return ExitCode.ok;
    }
    const rows: (HistoryEntry | SearchHit)[] =
      flags.search !== undefined ? searchHistory(db, flags.search, filter) : listHistory(db, filter);
    if (rows.length === 0) {
      const filtered = flags.role !== undefined || flags.since !== undefined;
      if (flags.search !== undefined) info(`No session mentions "${flags.search}".`);
      else if (filtered) info('No sessions match these filters.');
      else info('No sessions yet. Start one with: interview-coach start --role backend');
      return ExitCode.ok;
    }
    await printTable(rows);
    const waiting = rows.find((r) => notEvaluated(statusOf(r)));
    if (waiting) info(`Evaluate a session that is not evaluated with: ${evaluateCommandFor(waiting.id)}`);
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

const statusOf = (r: HistoryEntry) => ({
  status: effectiveStatus(r),
  answers: r.answers,
  evaluated: r.evaluation !== null,
});

const mode = (r: HistoryEntry) => (r.interviewer === 'question-bank' ? 'offline' : r.inputMode);

function score(r: HistoryEntry): string {
  const e = r.evaluation;
  if (!e) return '—';
  if (e.status !== 'ok') return e.status; // failed, unreadable
  return e.kind === 'heuristic' ? 'h' : String(e.score);
}

/**
 * What a person should read as the session's state: its status (a killed process reads as
 * interrupted), or "no answers" for one that ended before its first answer (kept, but not `last`).
 */
function stateText(r: HistoryEntry): string {
  const status = effectiveStatus(r);
  if (status !== 'in_progress' && r.answers === 0) return 'no answers';
  return statusLabel(statusOf(r));
}

// Fitted to the width: headers shorten, the role and status are cut with '…', and at the
// narrowest the mode, then the duration, are left out.
const COLUMNS: TableColumn[] = [
  { header: 'ID' },
  { header: 'DATE' },
  { header: 'ROLE', minWidth: 10 },
  { header: 'MODE', dropOrder: 1 },
  { header: 'DURATION', shortHeader: 'TIME', align: 'end', dropOrder: 2 },
  { header: 'ANSWERS', shortHeader: 'ANS', align: 'end' },
  { header: 'SCORE', align: 'end', minWidth: 6, cutOrder: 2 },
  { header: 'STATUS', minWidth: 11, cutOrder: 1 },
];

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
    stateText(r),
  ]);
  const snippets = rows.map((r) => ('snippet' in r ? r.snippet : ''));
  await prepareWidths([...cells.flat(), ...snippets]);
  const width = outputColumns();
  const table = fitTable(COLUMNS, cells, width);
  printLine(process.stdout, color ? chalk.bold(table.header) : table.header);
  rows.forEach((r, i) => {
    printLine(process.stdout, table.rows[i] ?? '');
    const failed = r.evaluation?.laterFailure;
    if (failed && r.evaluation) {
      printLine(process.stdout, truncate(`  ${cleanLine(laterFailureNote(failed, r.evaluation.createdAt))}`, width));
    }
    const grounded = groundingLine(r);
    if (grounded) printLine(process.stdout, truncate(`  ${grounded}`, width));
    if ('snippet' in r) {
      // A turn saved before answers were cleaned may hold escapes: cleaned before our colour is added.
      const text = truncate(cleanLine(r.snippet), width - 2);
      const snippet = color ? text.replace(/\[([^\]]*)\]/g, (_, w: string) => chalk.yellow.bold(w)) : text;
      printLine(process.stdout, `  ${snippet}`);
    }
  });
}

/** `JD: Senior Backend Engineer · résumé: Jane Doe (text not stored)`, or '' for a session without documents. */
function groundingLine(r: HistoryEntry): string {
  const named = (name: string, d: HistoryEntry['jd']) =>
    d ? [`${name}: ${cleanLine(d.title)}${d.textStored ? '' : ' (text not stored)'}`] : [];
  return [...named('JD', r.jd), ...named('résumé', r.resume)].join(' · ');
}

/** The rows as a JSON array, the same bytes as JSON.stringify(rows, null, 2) and a line break. */
function* jsonLines(
  rows: Iterable<HistoryEntry | SearchHit>,
  attempts: (id: string) => EvaluationAttempt[],
): Generator<string> {
  yield* jsonArrayChunks(mapItems(rows, (r) => toJson(r, attempts(r.id))));
  yield '\n';
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
    // start --jd/--resume: {title, sha256, textStored}, else null.
    jd: r.jd,
    resume: r.resume,
    // No answers: kept, shown as "no answers", passed over by `last`, removed by `purge --empty`.
    empty: r.answers === 0,
    ...('snippet' in r ? { match: { snippet: r.snippet, rank: r.rank, hits: r.hits } } : {}),
  };
}
