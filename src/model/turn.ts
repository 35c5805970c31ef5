import type { TurnMetrics } from './turn-metrics.js';
import type { Unreadable } from './unreadable.js';

export type Speaker = 'interviewer' | 'candidate';

/**
 * 'clarify': the interviewer answers the candidate's clarifying question with stated assumptions
 * (the deep system-design round); it is not a follow-up and does not count against their cap.
 */
export type InterviewerTurnKind = 'greeting' | 'question' | 'follow-up' | 'clarify' | 'closing';
export type CandidateTurnKind = 'answer' | 'skipped';
export type TurnKind = InterviewerTurnKind | CandidateTurnKind;

/**
 * Who worded an interviewer turn: the model ('model', possibly trimmed to its question), the app
 * ('app': the planned question, a follow-up template, the question bank's fixed lines), or the
 * model's words with the planned question added by the app ('model+app').
 */
export type AskedBy = 'model' | 'app' | 'model+app';

export function isInterviewerKind(kind: TurnKind): kind is InterviewerTurnKind {
  return kind !== 'answer' && kind !== 'skipped';
}

/** One saved turn of an interview: the one shape the whole app uses (db/transcripts.ts maps its row). */
export interface Turn {
  id: number;
  sessionId: string;
  /** Order within the session, from 1. */
  seq: number;
  speaker: Speaker;
  kind: TurnKind;
  /** The main question this turn belongs to (follow-ups and their answers share it); null for greeting/closing. */
  questionNumber: number | null;
  content: string;
  /** ISO 8601 (UTC): when the turn was complete. */
  createdAt: string;
  /** For answers: how long the candidate took. */
  durationMs: number | null;
  /** The interviewer's reply was stopped (Esc) while streaming; the part shown is kept. */
  cancelled: boolean;
  /** Recorded audio of the turn (voice mode), or null. */
  audioUrl: string | null;
  /** Speech metrics of the turn (voice mode), null when there are none, Unreadable when damaged. */
  metrics: TurnMetrics | Unreadable | null;
  /** Interviewer turns: who worded it; null for answers and for turns saved before it was recorded. */
  askedBy: AskedBy | null;
}

/** A turn about to be saved: the database numbers it (id, seq) and stamps the time. */
export type NewTurn = Pick<Turn, 'speaker' | 'kind' | 'questionNumber' | 'content'> &
  Partial<Pick<Turn, 'durationMs' | 'cancelled' | 'audioUrl' | 'askedBy'>> & { metrics?: TurnMetrics | null };
