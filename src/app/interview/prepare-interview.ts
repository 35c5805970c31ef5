import type { Db } from '../../db/open.js';
import { openDatabase } from '../../db/open.js';
import { upsertRoles } from '../../db/roles.js';
import { answeredQuestions } from '../../db/question-history.js';
import { rememberLlm, saveGrounding } from '../../db/sessions.js';
import { databasePath } from '../../shared/paths.js';
import { CoachError, UsageError } from '../../shared/errors.js';
import { builtinRoles, findRole } from '../../core/roles/catalog.js';
import { loadRoleFile } from '../../core/roles/role-file.js';
import { Interview, type InterviewConfig } from '../../core/interview/interview.js';
import { checkAvailability, PREFLIGHT_TIMEOUT_MS } from '../../core/llm/preflight.js';
import { tuneRuntime, type SessionSize } from '../../core/llm/runtime.js';
import { openLlm } from '../llm-client.js';
import { followUpsPerQuestion } from '../../core/interview/plan.js';
import { CallsLog } from '../calls-log.js';
import type { StartOptions } from '../start-options.js';
import type { LlmClient } from '../../core/llm/types.js';
import type { RoleTemplate } from '../../model/role.js';
import { evaluateSession, type EvaluationOutcome, type Judge } from '../../core/evaluation/evaluate-session.js';
import type { EvaluateProgress } from '../../core/evaluation/ai-evaluation.js';
import type { VoiceSession } from '../../voice/session.js';
import { prepareVoice } from './prepare-voice.js';
import { info, isInteractive, warn } from '../output.js';
import { plural } from '../../shared/format.js';
import { groundedPlan, type GroundedPlan } from '../../core/grounding/grounded-plan.js';
import { documentNouns, readGroundingDocuments, withholdDocuments } from './prepare-grounding.js';
import { buildRound, chooseProblem } from '../../core/interview/deep-phases.js';
import { PHASE_FOLLOW_UPS } from '../../core/interview/deep-next-turn.js';
import { recentProblems } from '../../db/session-round.js';
import type { DesignRound } from '../../model/design-round.js';

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
  /** Stops the model warm-up if it is still loading (the interview is over). */
  stopWarmUp: () => void;
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
  // Bad files are said before anything starts (exit code 2).
  const documents = await readGroundingDocuments(options);
  const db = overrides.db ?? openDatabase(databasePath());
  try {
    upsertRoles(db, builtinRoles(), true);
    if (options.roleFile) upsertRoles(db, [role], false, options.roleFile);

    // The deep round: one problem from the role's bank (checked before Ollama is asked anything).
    const round = options.deep ? deepRound(db, role, options.deep) : undefined;
    const questions = round ? round.phases.length : Math.min(options.questions, role.questions.length);
    // Resume and retry bring their own plan; a new interview says when the pool is too small.
    if (!round && !overrides.interview?.plan && questions < options.questions) {
      warn(`The ${role.id} pool has ${plural(role.questions.length, 'question')}; asking ${questions}.`);
    }
    const calls = new CallsLog(db, documents && !options.store ? { redact: withholdDocuments } : {});
    const model = options.offline
      ? offline('Offline mode (--offline): questions come from the built-in question bank, without follow-ups.')
      : await connect(options, calls, {
          plannedQuestions: questions,
          followUpsPerQuestion: round ? PHASE_FOLLOW_UPS : followUpsPerQuestion(options.difficulty),
        });
    const { llm, judgeLlm, offlineReason, offlineHint } = model;
    // A new session asks what this person has not answered lately; resume and retry keep their plan.
    const fresh = !overrides.interview?.plan && !overrides.interview?.resumeSessionId;
    const askedBefore = fresh ? answeredQuestions(db, role.id) : undefined;
    let grounded: GroundedPlan | null = null;
    if (documents) {
      if (llm) info(`Reading the ${documentNouns(documents)} to plan the questions…`);
      grounded = await groundedPlan(llm, {
        role,
        difficulty: options.difficulty,
        questions,
        jd: documents.jd,
        resume: documents.resume,
        askedBefore,
      });
      for (const notice of grounded.notices) warn(notice);
    }
    const voice = options.voice
      ? (await prepareVoice(db, options.voice, { interactive: isInteractive() })).session
      : null;
    const interview = new Interview(
      {
        role,
        difficulty: options.difficulty,
        questions,
        model: llm ? options.model : null,
        host: llm ? options.host : null,
        inputMode: voice ? 'voice' : 'text',
        verbose: options.verbose,
        askedBefore,
        ...(grounded ? { plan: grounded.plan, grounding: grounded.facts } : {}),
        round,
        ...overrides.interview,
      },
      {
        db,
        llm,
        offlineReason,
        onSession: (id) => {
          if (documents) saveGrounding(db, id, { ...documents, facts: grounded?.facts ?? null, store: options.store });
          calls.attach(id);
          // What evaluate, resume and retry reuse: this run's host and models (a resume may name others).
          if (llm && judgeLlm)
            rememberLlm(db, id, { model: options.model, host: options.host, judgeModel: judgeLlm.model });
        },
      },
    );
    voice?.setBargeInHandler(() => interview.cancelReply());
    const judge: Judge = judgeLlm ? { kind: 'ai', llm: judgeLlm } : { kind: 'heuristic' };
    const evaluate = (sessionId: string, signal: AbortSignal, onProgress?: (p: EvaluateProgress) => void) =>
      evaluateSession(db, sessionId, role, judge, {
        signal,
        onProgress,
        samples: options.samples,
        // With --no-store the requirements are not saved: the judge of this run gets them from memory.
        requirements: grounded?.facts?.requirements,
      });
    return {
      db,
      interview,
      role,
      options,
      offlineReason,
      offlineHint,
      evaluate,
      judgeModel: judgeLlm ? judgeLlm.model : null,
      voice,
      stopWarmUp: model.stopWarmUp,
    };
  } catch (err) {
    db.close();
    throw err;
  }
}

interface ModelChoice {
  llm: LlmClient | null;
  /** The model that grades: the interviewer's client, or one of its own (--judge-model). */
  judgeLlm: LlmClient | null;
  offlineReason: string | null;
  offlineHint?: string;
  stopWarmUp: () => void;
}

function offline(reason: string, hint?: string): ModelChoice {
  return { llm: null, judgeLlm: null, offlineReason: reason, offlineHint: hint, stopWarmUp: () => {} };
}

/**
 * The preflight: is the host up and the model pulled (listModels), and what the model can do
 * (/api/show: its context length and whether it thinks), both at once. As soon as the model's
 * settings are known it is loaded with them, in the background, so the first question does
 * not pay the cold start; loading with other settings would make the first question reload it.
 */
async function connect(options: StartOptions, calls: CallsLog, size: SessionSize): Promise<ModelChoice> {
  const llm = openLlm(options, options.model, calls);
  const warmUp = new AbortController();
  const tuned = tuneRuntime(llm, size, AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS)).then((known) => {
    if (known) llm.load(warmUp.signal).catch(() => {}); // recorded in the calls log; the first question will load it anyway
  });
  const judgeLlm = options.judgeModel === options.model ? llm : openLlm(options, options.judgeModel, calls);
  const [availability, judgeAvailability] = await Promise.all([
    checkAvailability(llm, PREFLIGHT_TIMEOUT_MS),
    judgeLlm === llm ? null : checkAvailability(judgeLlm, PREFLIGHT_TIMEOUT_MS),
    tuned,
    judgeLlm === llm ? null : tuneRuntime(judgeLlm, size, AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS)),
  ]);
  if (!availability.ok) {
    warmUp.abort();
    return offline(`${availability.banner} Using the question bank (no follow-ups).`, availability.hint);
  }
  // A judge asked for by name that cannot grade is said now, not after a 20-minute interview.
  if (judgeAvailability && !judgeAvailability.ok) {
    warmUp.abort();
    throw new CoachError(
      `The judge model cannot be used: ${judgeAvailability.banner}`,
      judgeAvailability.reason === 'model-missing'
        ? {
            hint:
              judgeLlm.provider === 'ollama'
                ? `Run \`ollama pull ${options.judgeModel}\`, or leave out --judge-model (the interviewer model then grades).`
                : `Pass a --judge-model the server serves, or leave it out (the interviewer model then grades).`,
          }
        : { hint: judgeAvailability.hint },
    );
  }
  return { llm, judgeLlm, offlineReason: null, stopWarmUp: () => warmUp.abort() };
}

/** The round `--format deep` asks for: the problem named, else one not done lately, with the phases' budgets. */
function deepRound(db: Db, role: RoleTemplate, deep: NonNullable<StartOptions['deep']>): DesignRound {
  const problem = chooseProblem(role.problems ?? [], deep.problem, recentProblems(db, role.id));
  return buildRound(problem, deep.minutes);
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
