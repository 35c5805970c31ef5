import type { TurnMetrics } from './turn-metrics.js';
import type { Unreadable } from './unreadable.js';

export type Speaker = 'interviewer' | 'candidate';

export type InterviewerTurnKind = 'greeting' | 'question' | 'follow-up' | 'closing';
export type CandidateTurnKind = 'answer' | 'skipped';
export type TurnKind = InterviewerTurnKind | CandidateTurnKind;

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
}

/** A turn about to be saved: the database numbers it (id, seq) and stamps the time. */
export type NewTurn = Pick<Turn, 'speaker' | 'kind' | 'questionNumber' | 'content'> &
  Partial<Pick<Turn, 'durationMs' | 'cancelled' | 'audioUrl'>> & { metrics?: TurnMetrics | null };
