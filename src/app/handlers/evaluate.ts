import { openDatabase } from '../../db/open.js';
import { databasePath } from '../../shared/paths.js';
import { ExitCode } from '../../shared/errors.js';
import { readSettings } from '../settings.js';
import { resolveLlmTarget } from '../start-options.js';
import { OllamaLlm } from '../../core/llm/ollama-client.js';
import { evaluateSession, type Judge } from '../../core/evaluation/evaluate-session.js';
import { sessionDocument } from '../../core/session-document.js';
import { resolveSession, sessionRole } from '../resolve-session.js';
import { runEvaluation } from '../interview/run-evaluation.js';
import { printLine } from '../output.js';

export interface EvaluateFlags {
  model?: string;
  host?: string;
  heuristic?: boolean;
  json?: boolean;
}

export async function evaluateCommand(ref: string, flags: EvaluateFlags): Promise<ExitCode> {
  const db = openDatabase(databasePath());
  try {
    const session = resolveSession(db, ref);
    const role = await sessionRole(db, session);
    let judge: Judge = { kind: 'heuristic' };
    if (!flags.heuristic) {
      const { host, model } = resolveLlmTarget(
        flags,
        readSettings(),
        process.env,
        session.interviewer === 'ollama' ? session.model : null,
      );
      judge = { kind: 'ai', llm: new OllamaLlm(host, model) };
    }
    const outcome = await runEvaluation(
      (signal, onProgress) => evaluateSession(db, session.id, role, judge, { signal, onProgress }),
      {
        model: judge.kind === 'ai' ? judge.llm.model : null,
        sessionId: session.id,
        print: !flags.json,
      },
    );
    if (flags.json) printLine(process.stdout, JSON.stringify(sessionDocument(db, session.id), null, 2));
    if (outcome === 'cancelled') return ExitCode.cancelled;
    return outcome === 'failed' ? ExitCode.failure : ExitCode.ok;
  } finally {
    db.close();
  }
}
