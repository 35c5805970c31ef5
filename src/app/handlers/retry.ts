import { openDatabase } from '../../db/open.js';
import { shownEvaluation } from '../../db/evaluations.js';
import type { Evaluation } from '../../model/evaluation.js';
import { latestRetryOf } from '../../db/sessions.js';
import { databasePath } from '../../shared/paths.js';
import { UsageError, type ExitCode } from '../../shared/errors.js';
import { readSettings } from '../settings.js';
import { INTERVIEW_LLM_FLAGS, sayRemembered } from '../remembered-llm.js';
import { sessionInterviewOptions, type InterviewFlags } from '../start-options.js';
import { describeFacts } from '../../core/evaluation/describe-facts.js';
import { answerGrade, answerQuote } from '../../core/evaluation/grade-text.js';
import { savedPlan } from '../../core/interview/plan.js';
import { prepareInterview } from '../interview/prepare-interview.js';
import { runPreparedInterview } from '../interview/run-interview.js';
import { resolveSession, sessionRole } from '../resolve-session.js';
import { printLine } from '../output.js';
import { shortId } from '../../shared/format.js';
import { sessionRound } from '../../db/session-round.js';
import { isUnreadable } from '../../model/unreadable.js';
import type { Session } from '../../model/session.js';
import type { DesignRound } from '../../model/design-round.js';
import type { Unreadable } from '../../model/unreadable.js';

export interface RetryFlags extends InterviewFlags {
  /** Which question of the session, 1 = the first. */
  question: number;
}

export async function retryCommand(ref: string, flags: RetryFlags): Promise<ExitCode> {
  const { session, plan, role, before } = await readOriginal(ref);
  const n = flags.question;
  const planned = plan[n - 1];
  if (!planned) {
    throw new UsageError(
      `Invalid --question "${n}": session ${shortId(session.id)} has questions 1 to ${plan.length}.`,
    );
  }
  const settings = readSettings();
  if (!flags.offline) sayRemembered(flags, settings, process.env, session, INTERVIEW_LLM_FLAGS);
  const options = sessionInterviewOptions(session, 1, flags, settings);
  // The retry is a one-question session of its own; runPreparedInterview closes this database.
  const prepared = await prepareInterview(options, {
    role,
    interview: { plan: [planned], retryOf: session.id, retryQuestion: n },
  });
  const code = await runPreparedInterview(prepared);
  if (!flags.json) {
    const check = openDatabase(databasePath());
    try {
      const retry = latestRetryOf(check, session.id);
      const after = retry ? shownEvaluation(check, retry)?.evaluation : undefined;
      printLine(process.stdout, compareFeedback(n, planned.text, before, after));
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
    // A deep round's phases are not questions to answer again on their own: a new round is the retry.
    const round = sessionRound(db, session.id);
    if (round) refuseDeepRound(session, round);
    return {
      session,
      plan: savedPlan(session),
      role: await sessionRole(db, session),
      before: shownEvaluation(db, session.id)?.evaluation,
    };
  } finally {
    db.close();
  }
}

function refuseDeepRound(session: Session, round: DesignRound | Unreadable): never {
  const problem = isUnreadable(round) ? '' : ` --problem ${round.problem.id}`;
  throw new UsageError(
    `retry does not go with a deep round: session ${shortId(session.id)} is one problem in phases, not questions.`,
    `Start a new round instead: interview-coach start --role ${session.roleId} --format deep${problem}`,
  );
}

/** Old and new feedback on one question, one block each. */
export function compareFeedback(
  n: number,
  question: string,
  before: Evaluation | undefined,
  after: Evaluation | undefined,
): string {
  const lines = [`## Question ${n}, before and now`, '', question, ''];
  lines.push(`Before: ${describe(before, n)}`, '', `Now:    ${describe(after, 1)}`);
  return lines.join('\n');
}

function describe(e: Evaluation | undefined, n: number): string {
  if (!e) return 'not evaluated';
  if (e.status === 'failed') return `evaluation failed (${e.error})`;
  if (e.status === 'unreadable') return `evaluation unreadable (${e.error})`;
  if (e.kind === 'heuristic') {
    const a = e.perAnswer.find((x) => x.questionNumber === n);
    return a ? (a.skipped ? 'skipped' : `${describeFacts(a.facts)} (heuristic)`) : 'no answer';
  }
  const a = e.perAnswer.find((x) => x.questionNumber === n);
  if (!a) return 'no answer';
  const words = answerQuote(a);
  return `${answerGrade(a)}.${words ? ` Your words: "${words}"` : ''} Landed: ${a.landed} Missing: ${a.missing}`;
}
