import { openDatabase } from '../../db/open.js';
import { databasePath } from '../../shared/paths.js';
import { ExitCode, UsageError } from '../../shared/errors.js';
import { readSettings } from '../settings.js';
import { resolveLlmTarget } from '../start-options.js';
import { sayRemembered } from '../remembered-llm.js';
import { openLlm } from '../llm-client.js';
import type { ProviderName } from '../../core/llm/provider.js';
import { tuneRuntime } from '../../core/llm/runtime.js';
import { PREFLIGHT_TIMEOUT_MS } from '../../core/llm/preflight.js';
import { followUpsPerQuestion } from '../../core/interview/plan.js';
import { CallsLog } from '../calls-log.js';
import { evaluateSession, type EvaluationOutcome, type Judge } from '../../core/evaluation/evaluate-session.js';
import { sessionDocument } from '../../core/session-document.js';
import { resolveSession, sessionRole } from '../resolve-session.js';
import { runEvaluation } from '../interview/run-evaluation.js';
import type { Db } from '../../db/open.js';
import { sessionRound } from '../../db/session-round.js';
import { isUnreadable } from '../../model/unreadable.js';
import { phaseSpec } from '../../core/interview/deep-phases.js';
import { printAttempts } from '../evaluation-attempts-report.js';
import { hasScore } from '../../core/evaluation/grade-text.js';
import type { AiEvaluation, HeuristicEvaluation } from '../../model/evaluation.js';
import { localDateTime } from '../../shared/format.js';
import { shownEvaluation } from '../../db/evaluations.js';
import { info, printLine } from '../output.js';
import { watchStops } from '../interrupt.js';

export interface EvaluateFlags {
  model?: string;
  host?: string;
  provider?: ProviderName;
  baseUrl?: string;
  heuristic?: boolean;
  json?: boolean;
  /** Judgements to take the median of (the AI judge only; default 1). */
  samples?: number;
  /** Lists every evaluation attempt of the session instead of evaluating. */
  list?: boolean;
}

/** A deep round's phase titles, for its per-phase grades; null for questions (or a damaged round). */
function phaseTitles(db: Db, sessionId: string): string[] | null {
  const round = sessionRound(db, sessionId);
  return round && !isUnreadable(round) ? round.phases.map((p) => phaseSpec(p.id).title) : null;
}

export async function evaluateCommand(ref: string, flags: EvaluateFlags): Promise<ExitCode> {
  if (flags.list) refuseWithList(flags);
  const db = openDatabase(databasePath());
  const stop = watchStops();
  try {
    const session = resolveSession(db, ref);
    if (flags.list) return await printAttempts(db, session.id, { json: Boolean(flags.json) });
    const role = await sessionRole(db, session);
    let judge: Judge = { kind: 'heuristic' };
    if (!flags.heuristic) {
      // evaluate's --model is the judge. Without flags: the session's host and judge model, then config.
      const settings = readSettings();
      const given = { host: flags.host, judgeModel: flags.model, provider: flags.provider, baseUrl: flags.baseUrl };
      sayRemembered({ ...given, judgeModel: flags.model }, settings, process.env, session, {
        host: '--host',
        judgeModel: '--model',
      });
      const target = resolveLlmTarget(given, settings, process.env, session);
      const calls = new CallsLog(db);
      calls.attach(session.id);
      const llm = openLlm(target, target.judgeModel, calls);
      // The same context window the interview used, so a model still loaded is not reloaded.
      await tuneRuntime(
        llm,
        { plannedQuestions: session.plannedQuestions, followUpsPerQuestion: followUpsPerQuestion(session.difficulty) },
        AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS),
      );
      judge = { kind: 'ai', llm };
    }
    let outcome: EvaluationOutcome | undefined;
    const result = await runEvaluation(
      async (signal, onProgress) =>
        (outcome = await evaluateSession(db, session.id, role, judge, {
          signal,
          onProgress,
          samples: flags.samples,
        })),
      {
        model: judge.kind === 'ai' ? judge.llm.model : null,
        sessionId: session.id,
        print: !flags.json,
        difficulty: session.difficulty,
        phases: phaseTitles(db, session.id),
      },
      stop.signal,
    );
    const made = outcome && 'evaluation' in outcome ? outcome.evaluation : undefined;
    if (flags.json) {
      printLine(process.stdout, JSON.stringify(sessionDocument(db, session.id, { evaluationId: made?.id }), null, 2));
    }
    if (result === 'failed') {
      // An earlier result is not lost: say which one history, replay and stats keep showing.
      const shown = shownEvaluation(db, session.id)?.evaluation;
      if (shown && shown.status === 'ok') info(keptEvaluationLine(shown));
    }
    if (result === 'cancelled') return ExitCode.cancelled;
    return result === 'failed' ? ExitCode.failure : ExitCode.ok;
  } finally {
    db.close();
    stop.dispose();
  }
}

/** `--list` only reads: flags that choose how to grade make no sense with it. */
function refuseWithList(flags: EvaluateFlags): void {
  const grading = [
    flags.model !== undefined && '--model',
    flags.host !== undefined && '--host',
    flags.provider !== undefined && '--provider',
    flags.baseUrl !== undefined && '--base-url',
    flags.heuristic && '--heuristic',
    flags.samples !== undefined && '--samples',
  ].filter(Boolean);
  if (grading.length) {
    throw new UsageError(
      `--list shows the saved attempts and grades nothing: leave out ${grading.join(', ')}.`,
      'To grade again, run `interview-coach evaluate <session>` without --list.',
    );
  }
}

/** After a failed attempt, the earlier result that is still shown: `The 2026-12-01 12:03 evaluation (62/100) is kept: …`. */
function keptEvaluationLine(e: AiEvaluation | HeuristicEvaluation): string {
  const what = e.kind === 'ai' ? (hasScore(e) ? `${e.overallScore}/100` : 'no score') : 'heuristic feedback';
  return `The ${localDateTime(e.createdAt)} evaluation (${what}) is kept: history, replay and stats still show it.`;
}
