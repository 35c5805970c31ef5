import type { Db } from '../db/open.js';
import { evaluationAttemptsReader } from '../db/evaluation-attempts.js';
import type { EvaluationAttempt } from '../model/evaluation.js';
import { ExitCode } from '../shared/errors.js';
import { localDateTime, shortId } from '../shared/format.js';
import { cleanLine } from '../shared/sanitize.js';
import { displayWidth, pad, prepareWidths, truncate } from '../shared/text.js';
import { info, printLine } from './output.js';

/** The table fits a terminal of 80 columns: the judge and host are shortened with an ellipsis. */
const COLUMNS = 80;
const JUDGE_MAX = 16;
const HOST_MAX = 20;

/** `evaluate --list`: every attempt, oldest first, the one shown marked; `--json`: the same as an array. */
export async function printAttempts(db: Db, sessionId: string, opts: { json: boolean }): Promise<ExitCode> {
  const attempts = evaluationAttemptsReader(db)(sessionId);
  if (opts.json) {
    printLine(process.stdout, JSON.stringify(attempts, null, 2));
    return ExitCode.ok;
  }
  if (attempts.length === 0) {
    info(
      `Session ${shortId(sessionId)} has not been evaluated yet. Run: interview-coach evaluate ${shortId(sessionId)}`,
    );
    return ExitCode.ok;
  }
  const cells = attempts.map(row);
  await prepareWidths(cells.flat());
  const header = ['', 'DATE', 'JUDGE', 'HOST', 'SAMPLES', 'RESULT'];
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c[i] ?? ''))));
  const line = (c: string[]) =>
    c
      .map((v, i) => pad(v, widths[i] ?? 0, i === 4 ? 'start' : 'end'))
      .join('  ')
      .trimEnd();
  printLine(process.stdout, line(header));
  attempts.forEach((a, i) => {
    printLine(process.stdout, line(cells[i] ?? []));
    if (a.error) printLine(process.stdout, truncate(`   ${cleanLine(a.error)}`, COLUMNS));
  });
  printLine(process.stdout, '* the evaluation that history, replay and stats show');
  return ExitCode.ok;
}

function row(a: EvaluationAttempt): string[] {
  const none = '—';
  return [
    a.shown ? '*' : ' ',
    localDateTime(a.createdAt),
    a.model ? truncate(cleanLine(a.model), JUDGE_MAX) : a.kind === 'heuristic' ? 'heuristic' : none,
    a.host ? truncate(cleanLine(a.host.replace(/^https?:\/\//, '')), HOST_MAX) : none,
    a.samples === null ? none : String(a.samples),
    result(a),
  ];
}

function result(a: EvaluationAttempt): string {
  if (a.status !== 'ok') return a.status; // failed, unreadable: the reason follows on its own line
  if (a.kind === 'heuristic') return 'feedback'; // facts without AI: never a score
  return a.score === null ? 'no score' : `${a.score}/100`;
}
