import { openDatabase } from '../../db/open.js';
import { latestEvaluation, type AnswerFeedback, type EvaluationRecord } from '../../db/evaluations.js';
import { sessionPlan } from '../../db/sessions.js';
import { databasePath } from '../../shared/paths.js';
import { UsageError } from '../../shared/errors.js';
import { openSettings } from '../settings.js';
import { resolveLlmTarget, type StartOptions } from '../start-options.js';
import { describeFacts } from '../../core/evaluation/describe-facts.js';
import type { HeuristicAnswer } from '../../core/evaluation/heuristic-evaluation.js';
import type { Difficulty } from '../../model/role.js';
import type { InterviewFlags } from '../../commands/interview-flags.js';
import { prepareInterview } from '../interview/prepare-interview.js';
import { runPreparedInterview } from '../interview/run-interview.js';
import { resolveSession, sessionRole } from '../resolve-session.js';
import { printLine } from '../output.js';

export async function retryCommand(ref: string, flags: InterviewFlags & { question: string }): Promise<number> {
  const { session, plan, role, before } = await readOriginal(ref);
  const n = Number(flags.question);
  if (!Number.isInteger(n) || n < 1 || n > plan.length) {
    throw new UsageError(
      `Invalid --question "${flags.question}": session ${session.id.slice(0, 8)} has questions 1 to ${plan.length}.`,
    );
  }
  const target = resolveLlmTarget(
    flags,
    openSettings().store,
    process.env,
    session.interviewer === 'ollama' ? session.model : null,
  );
  const options: StartOptions = {
    role: role.id,
    roleFile: null,
    difficulty: session.difficulty as Difficulty,
    questions: 1,
    ...target,
    offline: Boolean(flags.offline),
    evaluate: flags.evaluate !== false,
    json: Boolean(flags.json),
  };
  // The retry is a one-question session of its own; runPreparedInterview closes this database.
  const prepared = await prepareInterview(options, {
    role,
    interview: { plan: [plan[n - 1]], retryOf: session.id, retryQuestion: n },
  });
  const code = await runPreparedInterview(prepared);
  if (!flags.json) {
    const check = openDatabase(databasePath());
    try {
      const retry = check
        .prepare('SELECT id FROM sessions WHERE retry_of = ? ORDER BY started_at DESC, rowid DESC LIMIT 1')
        .get(session.id) as { id: string } | undefined;
      const after = retry ? latestEvaluation(check, retry.id) : undefined;
      printLine(process.stdout, compareFeedback(n, plan[n - 1].text, before, after));
    } finally {
      check.close();
    }
  }
  return code;
}

async function readOriginal(ref: string) {
  const db = openDatabase(databasePath());
  try {
    const session = resolveSession(db, ref);
    return {
      session,
      plan: sessionPlan(db, session.id),
      role: await sessionRole(db, session),
      before: latestEvaluation(db, session.id),
    };
  } finally {
    db.close();
  }
}

/** Old and new feedback on one question, one block each. */
export function compareFeedback(
  n: number,
  question: string,
  before: EvaluationRecord | undefined,
  after: EvaluationRecord | undefined,
): string {
  const lines = [`## Question ${n}, before and now`, '', question, ''];
  lines.push(`Before: ${describe(before, n)}`, '', `Now:    ${describe(after, 1)}`);
  return lines.join('\n');
}

function describe(e: EvaluationRecord | undefined, n: number): string {
  if (!e) return 'not evaluated';
  if (e.status === 'failed') return `evaluation failed (${e.error})`;
  if (e.kind === 'heuristic') {
    const a = (e.perAnswer as HeuristicAnswer[]).find((x) => x.questionNumber === n);
    return a ? (a.skipped ? 'skipped' : `${describeFacts(a.facts)} (heuristic)`) : 'no answer';
  }
  const a = (e.perAnswer as AnswerFeedback[]).find((x) => x.questionNumber === n);
  if (!a) return 'no answer';
  return `${a.score}/5. Landed: ${a.landed} Missing: ${a.missing}`;
}
