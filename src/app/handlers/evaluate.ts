import { openDatabase } from '../../db/open.js';
import { databasePath } from '../../shared/paths.js';
import { ExitCode } from '../../shared/errors.js';
import { readSettings } from '../settings.js';
import { resolveLlmTarget } from '../start-options.js';
import { OllamaLlm } from '../../core/llm/ollama-client.js';
import { tuneRuntime } from '../../core/llm/runtime.js';
import { llmTimeouts } from '../../core/llm/timeouts.js';
import { PREFLIGHT_TIMEOUT_MS } from '../../core/llm/preflight.js';
import { followUpsPerQuestion } from '../../core/interview/plan.js';
import { CallsLog } from '../calls-log.js';
import { evaluateSession, type Judge } from '../../core/evaluation/evaluate-session.js';
import { sessionDocument } from '../../core/session-document.js';
import { resolveSession, sessionRole } from '../resolve-session.js';
import { runEvaluation } from '../interview/run-evaluation.js';
import { printLine } from '../output.js';
import { watchStops } from '../interrupt.js';

export interface EvaluateFlags {
  model?: string;
  host?: string;
  heuristic?: boolean;
  json?: boolean;
  /** Judgements to take the median of (the AI judge only; default 1). */
  samples?: number;
}

export async function evaluateCommand(ref: string, flags: EvaluateFlags): Promise<ExitCode> {
  const db = openDatabase(databasePath());
  const stop = watchStops();
  try {
    const session = resolveSession(db, ref);
    const role = await sessionRole(db, session);
    let judge: Judge = { kind: 'heuristic' };
    if (!flags.heuristic) {
      // evaluate's --model is the judge: it comes first, then config judgeModel, then the model that interviewed.
      const {
        host,
        judgeModel: model,
        keepAlive,
        llmTimeoutSec,
      } = resolveLlmTarget(
        { host: flags.host, judgeModel: flags.model },
        readSettings(),
        process.env,
        session.interviewer === 'ollama' ? session.model : null,
      );
      const calls = new CallsLog(db);
      calls.attach(session.id);
      const llm = new OllamaLlm(host, model, { keepAlive, calls, timeouts: llmTimeouts(llmTimeoutSec) });
      // The same context window the interview used, so a model still loaded is not reloaded.
      await tuneRuntime(
        llm,
        { plannedQuestions: session.plannedQuestions, followUpsPerQuestion: followUpsPerQuestion(session.difficulty) },
        AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS),
      );
      judge = { kind: 'ai', llm };
    }
    const outcome = await runEvaluation(
      (signal, onProgress) =>
        evaluateSession(db, session.id, role, judge, { signal, onProgress, samples: flags.samples }),
      {
        model: judge.kind === 'ai' ? judge.llm.model : null,
        sessionId: session.id,
        print: !flags.json,
        difficulty: session.difficulty,
      },
      stop.signal,
    );
    if (flags.json) printLine(process.stdout, JSON.stringify(sessionDocument(db, session.id), null, 2));
    if (outcome === 'cancelled') return ExitCode.cancelled;
    return outcome === 'failed' ? ExitCode.failure : ExitCode.ok;
  } finally {
    db.close();
    stop.dispose();
  }
}
