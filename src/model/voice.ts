/**
 * Voice mode as the rest of the app sees it: the states and events a screen shows, and the
 * port a voice session implements (src/voice/session.ts). The TUI and the plain printer
 * depend on this, never on the engines.
 */
import type { DeliveryMetrics } from './delivery.js';
import type { AnswerSource, InterviewEvent } from './events.js';
import type { TurnLatency } from './turn-metrics.js';

export type { TurnLatency } from './turn-metrics.js';

/**
 * 'still-listening': an answer was cut at a pause, and for the grace window more speech still
 * joins it (src/voice/answer-grace.ts); it is being transcribed meanwhile.
 */
export type VoiceState = 'idle' | 'speaking' | 'listening' | 'recording' | 'still-listening' | 'transcribing';

export type VoiceEvent =
  | { type: 'state'; state: VoiceState }
  | { type: 'level'; rms: number }
  | { type: 'transcribed'; text: string; delivery: DeliveryMetrics }
  | { type: 'latency'; latency: TurnLatency }
  | { type: 'notice'; level: 'info' | 'warning'; message: string; hint?: string };

/** The spoken side of an interview: speaks interviewer turns, listens for answers. */
export interface VoiceControl {
  /** Who shows voice events (the TUI or the plain printer). */
  setListener(listener: (e: VoiceEvent) => void): void;
  /** Feed every interview event here: interviewer turns are spoken, timings recorded. */
  observe(event: InterviewEvent): void;
  /** The interview's answer source: one spoken answer per call. */
  answers(): AnswerSource;
  /** Esc: stop talking now. */
  stopSpeaking(): void;
  /** --barge-in: how to stop the model's reply that streams when the person starts speaking. */
  setBargeInHandler(stopReply: () => void): void;
  /** Push-to-talk key: the first press starts recording, the second stops it. */
  togglePushToTalk(): void;
  /** "I'm done" (Enter on an empty answer): the answer being recorded is sent on now, without the grace window. */
  finishAnswer(): void;
  /** Shuts the engines down; `now` cuts off what is still being said. */
  close(opts?: { now?: boolean }): Promise<void>;
}
