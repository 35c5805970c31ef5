import { z } from 'zod';
import type { Difficulty } from './difficulty.js';
import type { Unreadable } from './unreadable.js';
import type { GroundingFacts, SessionDocumentRef } from './grounding.js';

/** A session's life: in progress while its process runs, then completed or interrupted. */
export type SessionStatus = 'in_progress' | 'completed' | 'interrupted';

/** Who asks the questions: a model on Ollama, or the role's built-in question bank. */
export type Interviewer = 'ollama' | 'question-bank';

/** How the candidate answers. */
export type InputMode = 'text' | 'voice';

/** One main question chosen for a session, saved with it (resume and retry ask the same ones). */
export const PlannedQuestion = z.object({
  text: z.string(),
  difficulty: z.string(),
  topics: z.array(z.string()),
  /** Derived by the model from the job description or the résumé (`start --jd/--resume`); absent: the role's pool. */
  source: z.enum(['jd', 'resume']).optional(),
  /** Deep round: what the judge grades this phase on ("High-level design: architecture (…)"). */
  focus: z.string().optional(),
});
export type PlannedQuestion = z.infer<typeof PlannedQuestion>;

/** sessions.plan_json: the main questions in order. */
export const SessionPlan = z.array(PlannedQuestion);

/** One saved interview session, as the app sees it (db/sessions.ts maps its row). */
export interface Session {
  id: string;
  roleId: string;
  roleTitle: string;
  difficulty: Difficulty;
  plannedQuestions: number;
  /** The main questions chosen at the start, in order; Unreadable when the stored plan is damaged. */
  plan: PlannedQuestion[] | Unreadable;
  /** The interviewer model and its Ollama host (null: the question bank from the start). */
  model: string | null;
  host: string | null;
  /** The model that grades it: chosen at the start, then the one that last graded it successfully. */
  judgeModel: string | null;
  inputMode: InputMode;
  interviewer: Interviewer;
  offlineReason: string | null;
  /** As stored: a session whose process died still says in_progress (see effectiveStatus). */
  status: SessionStatus;
  endReason: string | null;
  /** ISO 8601, UTC. */
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  /** The process that runs (or ran) the session. */
  pid: number | null;
  /** When that process started (shared/process.ts processStart); null for sessions saved before it was kept. */
  processStart: string | null;
  /** The machine it ran on; null for sessions saved before it was kept. */
  hostname: string | null;
  /** Set for `interview-coach retry`: the session and question answered again. */
  retryOf: string | null;
  retryQuestion: number | null;
  /** The job description and the résumé it was grounded in (`start --jd/--resume`); null when none was given. */
  jd: SessionDocumentRef | null;
  resume: SessionDocumentRef | null;
  /**
   * What the model read in them (the requirements the judge grades against, the claims the
   * interviewer probes); null without documents, with --no-store, or when no model read them.
   */
  grounding: GroundingFacts | Unreadable | null;
}
