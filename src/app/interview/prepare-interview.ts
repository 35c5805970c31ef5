import type { Db } from '../../db/open.js';
import { openDatabase } from '../../db/open.js';
import { upsertRoles } from '../../db/roles.js';
import { answeredQuestions } from '../../db/question-history.js';
import { databasePath } from '../../shared/paths.js';
import { UsageError } from '../../shared/errors.js';
import { builtinRoles, findRole } from '../../core/roles/catalog.js';
import { loadRoleFile } from '../../core/roles/role-file.js';
import { Interview, type InterviewConfig } from '../../core/interview/interview.js';
import { OllamaLlm } from '../../core/llm/ollama-client.js';
import { checkAvailability } from '../../core/llm/preflight.js';
import type { StartOptions } from '../start-options.js';
import type { LlmClient } from '../../core/llm/types.js';
import type { RoleTemplate } from '../../model/role.js';
import { evaluateSession, type EvaluationOutcome, type Judge } from '../../core/evaluation/evaluate-session.js';
import type { EvaluateProgress } from '../../core/evaluation/ai-evaluation.js';
import type { VoiceSession } from '../../voice/session.js';
import { prepareVoice } from './prepare-voice.js';
import { isInteractive } from '../output.js';

export interface PreparedInterview {
  db: Db;
  /** Grades a finished session: the AI judge when Ollama answered at start, else the heuristics. */
  evaluate: (
    sessionId: string,
    signal: AbortSignal,
    onProgress?: (p: EvaluateProgress) => void,
  ) => Promise<EvaluationOutcome>;
  judgeModel: string | null;
  /** Voice mode: engines started and checked (null when answers are typed). */
  voice: VoiceSession | null;
  interview: Interview;
  role: RoleTemplate;
  options: StartOptions;
  /** Why the question bank is used instead of Ollama (null when Ollama is used). */
  offlineReason: string | null;
  offlineHint?: string;
}

/** What `resume` and `retry` change about a new interview. */
export interface InterviewOverrides {
  db?: Db;
  role?: RoleTemplate;
  interview?: Pick<InterviewConfig, 'plan' | 'resumeSessionId' | 'retryOf' | 'retryQuestion'>;
}

/** Everything `start` needs, checked before the first question: role, database, Ollama. */
export async function prepareInterview(
  options: StartOptions,
  overrides: InterviewOverrides = {},
): Promise<PreparedInterview> {
  const role: RoleTemplate = overrides.role ?? chosenRole(options);
  const db = overrides.db ?? openDatabase(databasePath());
  try {
    upsertRoles(db, builtinRoles(), true);
    if (options.roleFile) upsertRoles(db, [role], false, options.roleFile);

    let llm: LlmClient | null = null;
    let offlineReason: string | null = null;
    let offlineHint: string | undefined;
    if (options.offline) {
      offlineReason = 'Offline mode (--offline): questions come from the built-in question bank, without follow-ups.';
    } else {
      const candidate = new OllamaLlm(options.host, options.model);
      const availability = await checkAvailability(candidate);
      if (availability.ok) llm = candidate;
      else {
        offlineReason = `${availability.banner} Using the question bank (no follow-ups).`;
        offlineHint = availability.hint;
      }
    }
    // A new session asks what this person has not answered lately; resume and retry keep their plan.
    const fresh = !overrides.interview?.plan && !overrides.interview?.resumeSessionId;
    const askedBefore = fresh ? answeredQuestions(db, role.id) : undefined;
    const voice = options.voice
      ? (await prepareVoice(db, options.voice, { interactive: isInteractive() })).session
      : null;
    const interview = new Interview(
      {
        role,
        difficulty: options.difficulty,
        questions: Math.min(options.questions, role.questions.length),
        model: llm ? options.model : null,
        host: llm ? options.host : null,
        inputMode: voice ? 'voice' : 'text',
        askedBefore,
        ...overrides.interview,
      },
      { db, llm, offlineReason },
    );
    const judge: Judge = llm ? { kind: 'ai', llm } : { kind: 'heuristic' };
    const evaluate = (sessionId: string, signal: AbortSignal, onProgress?: (p: EvaluateProgress) => void) =>
      evaluateSession(db, sessionId, role, judge, { signal, onProgress });
    return {
      db,
      interview,
      role,
      options,
      offlineReason,
      offlineHint,
      evaluate,
      judgeModel: llm ? llm.model : null,
      voice,
    };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The role the options name: a role file, else a built-in role (resolveStartOptions checked one is given). */
function chosenRole(options: Pick<StartOptions, 'role' | 'roleFile'>): RoleTemplate {
  if (options.roleFile) return loadRoleFile(options.roleFile);
  if (options.role) return findRole(options.role);
  throw new UsageError(
    'Choose a role with --role (e.g. --role backend).',
    'Run `interview-coach roles` to see them all.',
  );
}
