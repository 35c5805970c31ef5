import { useCallback, useEffect, useRef, useState } from 'react';
import type { InterviewEvent, InterviewRun, RoundView } from '../model/events.js';
import type { Turn } from '../model/turn.js';
import { PromptAnswers } from './prompt-answers.js';
import { parseAnswer } from '../core/interview/paragraph-answers.js';
import { raceAnswers } from '../core/interview/race-answers.js';
import { deliveryLine } from '../core/evaluation/delivery.js';
import { phaseLine } from '../core/interview/deep-phases.js';
import { shortId } from '../shared/format.js';
import type { VoiceControl, VoiceEvent, VoiceState } from '../model/voice.js';
import { latencyLine } from '../model/turn-metrics.js';
import { RunStopped } from '../model/stop-reason.js';
import type { Evaluation } from '../model/evaluation.js';

/** A saved turn as the live transcript shows it (`text`: what is printed, e.g. "(skipped)"). */
export type SpokenTurn = Pick<Turn, 'speaker' | 'kind' | 'questionNumber' | 'cancelled'> & {
  /** The row's key on screen (not the database id: notices are never saved). */
  id: number;
  text: string;
};

/** A line of the live transcript that is not a turn: fallbacks, voice notes, latencies. */
export interface NoticeLine {
  id: number;
  speaker: 'notice';
  text: string;
  hint?: string;
  /** A neutral note (not a warning). */
  info?: boolean;
}

/** The keys and commands (/help), printed where it was asked for. */
export interface HelpItem {
  id: number;
  speaker: 'help';
}

/** A plain line: the session saved, the evaluation skipped. */
export interface StatusLine {
  id: number;
  speaker: 'status';
  text: string;
  tone: 'dim' | 'warn';
  /** The evaluation's outcome (skipped, off): the last thing printed. */
  outcome?: boolean;
}

/** The finished evaluation, printed once under the interview. */
export interface EvaluationItem {
  id: number;
  speaker: 'evaluation';
  evaluation: Evaluation;
  sessionId: string;
  difficulty: string;
}

/**
 * What is printed once, in order, above the live region (Ink's <Static>): it must only ever
 * grow at its end, so everything printed goes through this one list.
 */
export type FinishedTurn = SpokenTurn | NoticeLine | HelpItem | StatusLine | EvaluationItem;

/** A transcript item before it is numbered. */
export type NewItem = FinishedTurn extends infer T ? (T extends FinishedTurn ? Omit<T, 'id'> : never) : never;

export type Phase = 'starting' | 'thinking' | 'streaming' | 'answering' | 'done';

export interface InterviewView {
  phase: Phase;
  turns: FinishedTurn[];
  streamingText: string;
  roleTitle: string;
  /** The session's difficulty (for the band next to the score). */
  difficulty: string;
  plannedQuestions: number;
  questionNumber: number;
  followUp: boolean;
  model: string | null;
  offlineReason: string | null;
  startedAt: number;
  thinkingSince: number | null;
  answerStartedAt: number | null;
  result: { sessionId: string; status: 'completed' | 'interrupted'; reason: string; endedAt: number } | null;
  error: Error | null;
  voiceState: VoiceState | null;
  level: number;
  verbose: boolean;
  /** The deep system-design round: its phases and budgets, for the header (null: questions). */
  round: RoundView | null;
}

const initial: InterviewView = {
  phase: 'starting',
  turns: [],
  streamingText: '',
  roleTitle: '',
  difficulty: '',
  plannedQuestions: 0,
  questionNumber: 1,
  followUp: false,
  model: null,
  offlineReason: null,
  startedAt: Date.now(),
  thinkingSince: null,
  answerStartedAt: null,
  result: null,
  error: null,
  voiceState: null,
  level: 0,
  verbose: false,
  round: null,
};

/**
 * Runs the interview's event generator and turns its events into what the screen shows.
 * `banner`: a notice printed first (why the interview runs from the question bank).
 */
export function useInterview(
  interview: InterviewRun,
  voice?: VoiceControl | null,
  verbose = false,
  banner?: { text: string; hint?: string } | null,
  stop?: AbortSignal,
) {
  const nextId = useRef(banner ? 1 : 0);
  const [view, setView] = useState<InterviewView>(() => ({
    ...initial,
    verbose,
    startedAt: Date.now(),
    turns: banner ? [{ id: 0, speaker: 'notice', text: banner.text, hint: banner.hint }] : [],
  }));
  const answers = useRef(new PromptAnswers());
  const controller = useRef(new AbortController());

  // A stop from outside (a signal) ends the interview the way Ctrl-C does, with its own reason.
  useEffect(() => {
    if (!stop) return;
    const onStop = () => controller.current.abort(stop.reason);
    if (stop.aborted) onStop();
    stop.addEventListener('abort', onStop, { once: true });
    return () => stop.removeEventListener('abort', onStop);
  }, [stop]);

  useEffect(() => {
    let stopped = false;
    voice?.setListener((e) => setView((v) => applyVoice(v, e, () => nextId.current++)));
    // Speaking and typing both answer; whichever finishes first wins.
    const source = voice ? raceAnswers(answers.current, voice.answers()) : answers.current;
    void (async () => {
      try {
        for await (const event of interview.run(source, controller.current.signal)) {
          if (stopped) break;
          voice?.observe(event);
          const now = Date.now();
          setView((v) => apply(v, event, () => nextId.current++, now));
        }
      } catch (error) {
        setView((v) => ({ ...v, phase: 'done', error: error instanceof Error ? error : new Error(String(error)) }));
      }
    })();
    return () => {
      stopped = true;
    };
  }, [interview, voice]);

  // Typed commands (/skip, /end) mean the same in the TUI and in piped answers.
  // False when nothing awaits an answer now (the interviewer has not asked yet): the text stays in the box.
  const submit = useCallback(
    (text: string, durationMs: number) => answers.current.submit(parseAnswer(text, durationMs)),
    [],
  );
  const cancelReply = useCallback(() => interview.cancelReply(), [interview]);
  const interrupt = useCallback(() => controller.current.abort(new RunStopped({ kind: 'key' })), []);
  /** Prints an item under the transcript (help, the end of the session, the evaluation). */
  const print = useCallback(
    (item: NewItem) => setView((v) => ({ ...v, turns: [...v.turns, { ...item, id: nextId.current++ }] })),
    [],
  );
  return { view, submit, cancelReply, interrupt, print };
}

/** Voice events: the state line and level meter, and notes in the transcript. */
export function applyVoice(v: InterviewView, e: VoiceEvent, id: () => number): InterviewView {
  switch (e.type) {
    case 'state':
      return { ...v, voiceState: e.state, level: e.state === 'listening' || e.state === 'recording' ? v.level : 0 };
    case 'level':
      return { ...v, level: e.rms };
    case 'transcribed':
      return {
        ...v,
        turns: [...v.turns, { id: id(), speaker: 'notice', text: `Delivery: ${deliveryLine(e.delivery)}`, info: true }],
      };
    case 'latency':
      return v.verbose
        ? {
            ...v,
            turns: [
              ...v.turns,
              {
                id: id(),
                speaker: 'notice',
                info: true,
                text: `Latency from the end of your speech: ${latencyLine(e.latency)}`,
              },
            ],
          }
        : v;
    case 'notice':
      return {
        ...v,
        turns: [...v.turns, { id: id(), speaker: 'notice', text: e.message, hint: e.hint, info: e.level === 'info' }],
      };
  }
}

/** The screen after one event; `now` is when it arrived (the reducer itself reads no clock). */
export function apply(v: InterviewView, event: InterviewEvent, id: () => number, now: number): InterviewView {
  switch (event.type) {
    case 'started':
      return {
        ...v,
        roleTitle: event.roleTitle,
        difficulty: event.difficulty,
        plannedQuestions: event.plannedQuestions,
        model: event.model,
        offlineReason: event.offlineReason,
        startedAt: now,
        round: event.round ?? null,
      };
    case 'phase':
      return {
        ...v,
        questionNumber: event.number,
        turns: [...v.turns, { id: id(), speaker: 'notice', info: true, text: phaseLine(event) }],
      };
    case 'resumed':
      return {
        ...v,
        turns: [
          ...v.turns,
          {
            id: id(),
            speaker: 'notice',
            text: `Resuming this session where it stopped (${event.turns.length} saved turns).`,
          },
          ...event.turns.map((t): SpokenTurn => ({
            id: id(),
            speaker: t.speaker,
            kind: t.kind,
            text: t.kind === 'skipped' ? '(skipped)' : t.content,
            questionNumber: t.questionNumber,
            cancelled: t.cancelled,
          })),
        ],
      };
    case 'notice':
      return {
        ...v,
        streamingText: '',
        // After a fallback the questions come from the question bank: the header says so.
        model: event.questionBank ? null : v.model,
        turns: [...v.turns, { id: id(), speaker: 'notice', text: event.message, hint: event.hint }],
      };
    case 'thinking':
      return { ...v, phase: 'thinking', thinkingSince: event.since, streamingText: '' };
    case 'question-delta':
      return { ...v, phase: 'streaming', streamingText: v.streamingText + event.text };
    case 'question-accepted':
      // For the voice; the screen shows the deltas, then the stored text.
      return v;
    case 'question':
      return {
        ...v,
        streamingText: '',
        questionNumber: event.questionNumber,
        turns: [
          ...v.turns,
          {
            id: id(),
            speaker: 'interviewer',
            kind: event.kind,
            text: event.text,
            questionNumber: event.questionNumber,
            cancelled: event.cancelled,
          },
        ],
      };
    case 'awaiting-answer':
      return {
        ...v,
        phase: 'answering',
        questionNumber: event.questionNumber,
        followUp: event.followUp,
        answerStartedAt: now,
      };
    case 'answer':
      return {
        ...v,
        phase: 'thinking',
        answerStartedAt: null,
        turns: [
          ...v.turns,
          {
            id: id(),
            speaker: 'candidate',
            kind: event.skipped ? 'skipped' : 'answer',
            text: event.skipped ? '(skipped)' : event.text,
            questionNumber: event.questionNumber,
            cancelled: false,
          },
        ],
      };
    case 'done':
      return {
        ...v,
        phase: 'done',
        turns: [
          ...v.turns,
          {
            id: id(),
            speaker: 'status',
            tone: 'dim',
            text: `Session ${shortId(event.sessionId)} saved (${event.status}).`,
          },
        ],
        result: { sessionId: event.sessionId, status: event.status, reason: event.reason, endedAt: now },
      };
  }
}
