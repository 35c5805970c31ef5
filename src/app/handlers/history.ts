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
import { info, printLine, writeStreamed } from '../output.js';
import { jsonArrayChunks, mapItems } from '../../shared/text-chunks.js';
import { duration, localDateTime, shortId } from '../../shared/format.js';
import { displayWidth, pad, prepareWidths } from '../../shared/text.js';
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
      await writeStreamed(process.stdout, jsonLines(rows));
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
    statusLabel(statusOf(r)),
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
    if ('snippet' in r) {
      // A turn saved before answers were cleaned may hold escapes: cleaned before our colour is added.
      const text = cleanLine(r.snippet);
      const snippet = color ? text.replace(/\[([^\]]*)\]/g, (_, w: string) => chalk.yellow.bold(w)) : text;
      printLine(process.stdout, `  ${snippet}`);
    }
  });
}

/** The rows as a JSON array, the same bytes as JSON.stringify(rows, null, 2) and a line break. */
function* jsonLines(rows: Iterable<HistoryEntry | SearchHit>): Generator<string> {
  yield* jsonArrayChunks(mapItems(rows, toJson));
  yield '\n';
}

function toJson(r: HistoryEntry | SearchHit) {
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
    evaluation: e ? { kind: e.kind, status: e.status, ...(e.status === 'unreadable' ? { error: e.error } : {}) } : null,
    status: effectiveStatus(r),
    ...('snippet' in r ? { match: { snippet: r.snippet, rank: r.rank, hits: r.hits } } : {}),
  };
}
