import type { Interviewer } from '../db/sessions.js';

export type InterviewerTurnKind = 'greeting' | 'question' | 'follow-up' | 'closing';

export type InterviewEvent =
  | {
      type: 'started';
      sessionId: string;
      roleTitle: string;
      difficulty: string;
      plannedQuestions: number;
      interviewer: Interviewer;
      model: string | null;
      offlineReason: string | null;
    }
  /** A resumed session: the turns saved before the interruption, to show again. */
  | {
      type: 'resumed';
      turns: { speaker: 'interviewer' | 'candidate'; kind: string; text: string; questionNumber: number }[];
    }
  | { type: 'notice'; level: 'info' | 'warning'; message: string; hint?: string }
  /** Waiting for the model's first token (model load + prompt eval): show a spinner. */
  | { type: 'thinking'; since: number }
  /** A piece of the interviewer's reply, already stripped of control sequences. */
  | { type: 'question-delta'; text: string }
  /** A finished interviewer turn (saved). */
  | {
      type: 'question';
      kind: InterviewerTurnKind;
      text: string;
      questionNumber: number;
      cancelled: boolean;
      turnId: number;
    }
  | { type: 'awaiting-answer'; questionNumber: number; followUp: boolean }
  /** A finished candidate turn (saved). */
  | { type: 'answer'; text: string; questionNumber: number; skipped: boolean; metrics?: Record<string, unknown> }
  | { type: 'done'; sessionId: string; status: 'completed' | 'interrupted'; reason: string };

export type AnswerAction =
  | {
      type: 'answer';
      text: string;
      durationMs?: number;
      /** Spoken answers: delivery metrics and latencies, stored with the turn. */
      metrics?: Record<string, unknown>;
      /** Spoken answers: the recording, kept for replay. */
      audioPath?: string;
    }
  | { type: 'skip' }
  | { type: 'end' };

/** Where answers come from: the TUI's input box, stdin paragraphs, or (later) the microphone. */
export interface AnswerSource {
  next(ctx: { questionNumber: number; signal: AbortSignal }): Promise<AnswerAction>;
}
