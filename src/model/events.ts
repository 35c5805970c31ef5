import type { Interviewer } from './session.js';
import type { AskedBy, InterviewerTurnKind, Turn } from './turn.js';
import type { TurnMetrics } from './turn-metrics.js';

export type { InterviewerTurnKind } from './turn.js';

/** A session row was opened (or reopened) and the interview begins. */
export interface StartedEvent {
  type: 'started';
  sessionId: string;
  roleTitle: string;
  difficulty: string;
  plannedQuestions: number;
  interviewer: Interviewer;
  model: string | null;
  offlineReason: string | null;
  /** The deep system-design round: its problem and phases (absent for an interview of questions). */
  round?: RoundView;
}

/** One phase of a deep round as the screens show it. */
export interface PhaseView {
  title: string;
  /** At most 9 columns, for the header. */
  short: string;
  budgetSec: number;
}

/** A deep round as the screens show it: the problem's title and the phases with their budgets. */
export interface RoundView {
  problemTitle: string;
  phases: PhaseView[];
}

/** Deep round: a phase begins (question number = phase number). Also sent when a round is resumed. */
export interface PhaseEvent extends PhaseView {
  type: 'phase';
  number: number;
  of: number;
}

/** A resumed session: the turns saved before the interruption, to show again. */
export interface ResumedEvent {
  type: 'resumed';
  turns: Turn[];
}

export interface NoticeEvent {
  type: 'notice';
  level: 'info' | 'warning';
  message: string;
  hint?: string;
  /** The model failed: from now on the questions come from the question bank. */
  questionBank?: boolean;
}

/** Waiting for the model's first token (model load + prompt eval): show a spinner. */
export interface ThinkingEvent {
  type: 'thinking';
  since: number;
}

/** A piece of the interviewer's reply, already stripped of control sequences. */
export interface QuestionDeltaEvent {
  type: 'question-delta';
  text: string;
}

/**
 * Interviewer text that passed the checks and will be stored: what a voice speaks. Deltas may
 * run ahead of it (they are shown while the reply is still being checked) and the stored text
 * may add words the model never said (the planned question, when the model left it out).
 */
export interface QuestionAcceptedEvent {
  type: 'question-accepted';
  text: string;
}

/** A finished interviewer turn (saved). `text` is what was stored: the screens end the turn with it. */
export interface QuestionEvent {
  type: 'question';
  kind: InterviewerTurnKind;
  text: string;
  questionNumber: number;
  cancelled: boolean;
  turnId: number;
  /** Who worded it: the model, the app (question bank, fallback), or the model with the app's question added. */
  askedBy: AskedBy;
}

export interface AwaitingAnswerEvent {
  type: 'awaiting-answer';
  questionNumber: number;
  followUp: boolean;
}

/** A finished candidate turn (saved). */
export interface AnswerEvent {
  type: 'answer';
  text: string;
  questionNumber: number;
  skipped: boolean;
  metrics?: TurnMetrics;
}

export interface DoneEvent {
  type: 'done';
  sessionId: string;
  status: 'completed' | 'interrupted';
  reason: string;
}

export type InterviewEvent =
  | StartedEvent
  | ResumedEvent
  | PhaseEvent
  | NoticeEvent
  | ThinkingEvent
  | QuestionDeltaEvent
  | QuestionAcceptedEvent
  | QuestionEvent
  | AwaitingAnswerEvent
  | AnswerEvent
  | DoneEvent;

/** Narrows an event by its type: `if (isEvent(e, 'question')) e.turnId`. */
export function isEvent<T extends InterviewEvent['type']>(
  event: InterviewEvent,
  type: T,
): event is Extract<InterviewEvent, { type: T }> {
  return event.type === type;
}

export type AnswerAction =
  | {
      type: 'answer';
      text: string;
      durationMs?: number;
      /** Spoken answers: delivery metrics and latencies, stored with the turn. */
      metrics?: TurnMetrics;
      /** Spoken answers: the recording, kept for replay. */
      audioPath?: string;
    }
  | { type: 'skip' }
  | { type: 'end' };

/** Where answers come from: the TUI's input box, stdin paragraphs, or the microphone. */
export interface AnswerSource {
  next(ctx: { questionNumber: number; signal: AbortSignal }): Promise<AnswerAction>;
}

/** A running interview as its screens see it (core/interview/interview.ts implements it). */
export interface InterviewRun {
  run(answers: AnswerSource, signal: AbortSignal): AsyncGenerator<InterviewEvent, void>;
  /** Esc: stop the interviewer's reply that is streaming now. False when nothing streams. */
  cancelReply(): boolean;
}
