import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AnswerAction, AnswerSource, InterviewEvent } from '../model/events.js';
import type { DeliveryMetrics, TimedWord } from '../model/delivery.js';
import type { RecorderEvent, SpeechToText, Transcript } from './contracts.js';
import { DEFAULT_GRACE_MS, holdAnswer } from './answer-grace.js';
import { SAMPLE_RATE } from './contracts.js';
import type { SpeechResult } from './tts/speech-output.js';
import { writeWav } from './audio/wav.js';
import { EarlyListen, heardText } from './barge-in.js';
import { turnLatency, type TurnMarks } from './latency.js';
import type { TurnLatency, VoiceControl, VoiceEvent } from '../model/voice.js';

/** What the voice session needs from the recorder (src/voice/recorder.ts). */
export interface RecorderLike {
  listen(opts?: {
    signal?: AbortSignal;
    pushToTalk?: boolean;
    noSpeechTimeoutMs?: number;
  }): AsyncIterable<RecorderEvent>;
  stopPushToTalk(): void;
  close(): void | Promise<void>;
}

/** What it needs from the speech output (src/voice/speech-output.ts). */
export interface SpeechOutputLike {
  speakStream(opts?: { outDir?: string }): {
    push(delta: string): void;
    end(): Promise<SpeechResult>;
  };
  /** True from a reply's first sound until it has been played to its end. */
  readonly speaking: boolean;
  stop(): void;
}

export interface VoiceSessionOptions {
  /** Session audio lives here: <data>/audio/<session-id>/. Set once the session id is known. */
  audioRoot: string;
  pushToTalk: boolean;
  /** True when answers come from a file: its end ends the interview. */
  inputIsFile: boolean;
  /** Listen while the interviewer speaks: speech stops it (barge-in.ts). Not with push-to-talk. */
  bargeIn?: boolean;
  /** In the TUI a failing microphone leaves typing; without a TUI it ends the interview. */
  typingFallback: boolean;
  /**
   * Delivery of one spoken answer from its word timings (core/evaluation/delivery.ts, passed in
   * by the app: measuring is the interview's business, recording is ours).
   */
  measureDelivery: (words: TimedWord[], text: string, utteranceSec: number) => DeliveryMetrics;
  /**
   * The answer grace window (answer-grace.ts): speech resuming within this much audio after
   * the cut joins the same answer. 0 turns it off. Default DEFAULT_GRACE_MS.
   */
  graceMs?: number;
}

/** An answer as it is handed on: its audio, when speech ended and when it was handed on. */
interface SpokenAnswer {
  pcm: Buffer;
  /** Wall-clock time of the last voiced frame (see Utterance). */
  lastVoicedAt: number;
  /** When the endpointer and the grace window were done with it: the endpoint wait ends here. */
  handedOnAt: number;
  /** Speech from the first piece's start to the last piece's end, in ms (pauses included). */
  speechMs: number;
  /** The transcription already under way (the grace window starts it). */
  transcript?: Promise<Transcript>;
}

/**
 * Saves the audio and timings of an interviewer turn once it has been spoken; `heard`, after a
 * barge-in, is the part of its text that was heard: the turn is cut to it and marked cancelled.
 */
export type SaveTurnAudio = (
  turnId: number,
  audioPath: string | null,
  metrics: Record<string, unknown> | null,
  heard?: string,
) => void;

/**
 * Runs the spoken side of an interview: speaks each interviewer turn (sentence by sentence
 * as the checks accept it while it streams), then listens, cuts the answer at the end of speech, transcribes it and
 * hands it to the interview core as an ordinary answer with delivery metrics and its audio.
 */
export class VoiceSession implements VoiceControl {
  private speaking: Promise<void> = Promise.resolve();
  private current: {
    push(d: string): void;
    end(): ReturnType<ReturnType<SpeechOutputLike['speakStream']>['end']>;
  } | null = null;
  private audioDir: string | null = null;
  private answerCount = 0;
  /** The marks of the answer the interviewer is replying to, for the reply's latency. */
  private pending: TurnMarks | null = null;
  private failed = false;
  private pushToTalkStart: (() => void) | null = null;
  /** Barge-in: the listen running while the interviewer speaks, and whether speech stopped it. */
  private early: EarlyListen | null = null;
  private bargedIn = false;
  private stopReply: () => void = () => {};
  /** finishAnswer() fires it: the answer in progress is sent on now. */
  private done = new AbortController();

  constructor(
    private readonly recorder: RecorderLike,
    private readonly stt: SpeechToText,
    private readonly speech: SpeechOutputLike,
    private readonly options: VoiceSessionOptions,
    private readonly saveTurnAudio: SaveTurnAudio,
    /** Engines to shut down with the session (the speech engine's process). */
    private readonly engines: { close(): Promise<void> | void }[] = [],
  ) {}

  private listener: (e: VoiceEvent) => void = () => {};

  /** Who shows voice events (the TUI or the plain printer). */
  setListener(listener: (e: VoiceEvent) => void): void {
    this.listener = listener;
  }

  private onEvent(e: VoiceEvent): void {
    this.listener(e);
  }

  /** Barge-in: how to stop the model's reply that is streaming (the interview's Esc). */
  setBargeInHandler(stopReply: () => void): void {
    this.stopReply = stopReply;
  }

  /** Feed every interview event here: interviewer turns are spoken, timings recorded. */
  observe(event: InterviewEvent): void {
    switch (event.type) {
      case 'started':
        this.audioDir = join(this.options.audioRoot, event.sessionId);
        mkdirSync(this.audioDir, { recursive: true, mode: 0o700 });
        return;
      case 'question-delta':
        if (this.pending) this.pending.firstTokenAt ??= Date.now();
        return;
      case 'question-accepted':
        // Only checked text is spoken (shown text may still be dropped): nothing is said that is not stored.
        // After a barge-in nothing more is said until the person has answered. Accepted text
        // ends where a sentence ends: the space says so to the chunker, which would otherwise
        // hold the sentence back until the next one is accepted (seconds, while the model writes).
        if (!this.bargedIn) this.openStream().push(`${event.text} `);
        else this.openStream();
        return;
      case 'question': {
        const stream = this.openStream();
        this.current = null;
        const pending = this.pending;
        this.pending = null;
        const finished = stream.end();
        this.speaking = this.speaking
          .then(async () => {
            this.onEvent({ type: 'state', state: 'speaking' });
            const result = await finished;
            let metrics: Record<string, unknown> | null = null;
            if (pending) {
              const latency: TurnLatency = turnLatency({
                ...pending,
                firstSentenceAt: result.firstSentenceAt ?? undefined,
                firstAudioAt: result.firstAudioAt ?? undefined,
              });
              metrics = { latency };
              this.onEvent({ type: 'latency', latency });
            }
            const kept = this.keep(result.combinedPath, `question-${event.turnId}.wav`);
            // The per-sentence clips live on in the combined file: do not keep the audio twice.
            if (kept) for (const clip of result.clips) rmSync(clip.path, { force: true });
            // Interrupted by speech: the turn is kept as far as it was heard.
            const heard = this.bargedIn ? heardText(event.text, result) : undefined;
            this.saveTurnAudio(event.turnId, kept, metrics, heard);
            if (heard !== undefined && heard !== event.text)
              this.onEvent({
                type: 'notice',
                level: 'info',
                message: heard
                  ? `You spoke over the interviewer: the turn is kept as far as you heard it: “${heard}”`
                  : 'You spoke before this turn was heard: it is kept as unheard (empty).',
              });
          })
          .catch((err: Error) => {
            this.onEvent({
              type: 'notice',
              level: 'warning',
              message: `Could not speak the question: ${err.message}`,
              hint: 'The text is on screen; the interview goes on.',
            });
          });
        return;
      }
      default:
        return;
    }
  }

  /** Moves a spoken turn's audio into the session's folder, where replay and delete find it. */
  private keep(path: string | null, name: string): string | null {
    if (!path || !this.audioDir) return path;
    const dest = join(this.audioDir, name);
    try {
      renameSync(path, dest);
      return dest;
    } catch {
      return path;
    }
  }

  private openStream() {
    if (!this.current) {
      this.current = this.speech.speakStream({ outDir: this.audioDir ?? undefined });
      if (this.options.bargeIn && !this.options.pushToTalk && !this.failed && !this.early) this.listenEarly();
    }
    return this.current;
  }

  /** Barge-in: listen from the start of the interviewer's turn; speech while it plays stops it. */
  private listenEarly(): void {
    try {
      this.early = new EarlyListen((signal) => this.recorder.listen({ signal }), {
        speaking: () => this.speech.speaking,
        onBargeIn: () => {
          this.bargedIn = true;
          this.speech.stop();
          this.stopReply();
          this.onEvent({ type: 'state', state: 'recording' });
        },
      });
    } catch {
      // The recorder is still busy with an answer that lost the race to a typed one: no barge-in this turn.
      this.early = null;
    }
  }

  /** Esc: stop talking now. */
  stopSpeaking(): void {
    this.speech.stop();
  }

  /** Push-to-talk key: the first press starts recording, the second stops it. */
  togglePushToTalk(): void {
    if (this.pushToTalkStart) {
      this.pushToTalkStart();
      this.pushToTalkStart = null;
    } else {
      this.recorder.stopPushToTalk();
    }
  }

  /** "I'm done": ends the answer being recorded now and skips the grace window. */
  finishAnswer(): void {
    this.done.abort();
  }

  /** The interview's answer source: one spoken answer per call. */
  answers(): AnswerSource {
    return { next: ({ signal }) => this.nextAnswer(signal) };
  }

  private async nextAnswer(signal: AbortSignal): Promise<AnswerAction> {
    // Barge-in listens already (and its speech stops the interviewer); without it, never
    // listen while the interviewer is still talking: the microphone would hear it.
    this.done = new AbortController();
    let early: AsyncIterable<RecorderEvent> | null = this.adoptEarly(AbortSignal.any([signal, this.done.signal]));
    await this.speaking;
    this.bargedIn = false;
    if (this.failed) return this.options.typingFallback ? new Promise<AnswerAction>(() => {}) : { type: 'end' };
    for (;;) {
      if (signal.aborted) return { type: 'end' };
      if (this.options.pushToTalk) {
        this.onEvent({ type: 'state', state: 'idle' });
        await new Promise<void>((resolve) => {
          this.pushToTalkStart = resolve;
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
        if (signal.aborted) return { type: 'end' };
      }
      this.onEvent({ type: 'state', state: 'listening' });
      let outcome: AnswerAction | 'again' | 'failed' = 'again';
      if (!early) this.done = new AbortController();
      const listening = AbortSignal.any([signal, this.done.signal]);
      const events = early ?? this.recorder.listen({ signal: listening, pushToTalk: this.options.pushToTalk });
      early = null;
      for await (const e of events) {
        if (e.type === 'level') this.onEvent({ type: 'level', rms: e.rms });
        else if (e.type === 'speech-start') this.onEvent({ type: 'state', state: 'recording' });
        else if (e.type === 'error') {
          this.onEvent({ type: 'notice', level: 'warning', message: e.message, hint: e.hint });
          outcome = 'failed';
        } else if (e.type === 'no-speech') {
          outcome = this.options.inputIsFile || signal.aborted ? { type: 'end' } : 'again';
          if (outcome === 'again')
            this.onEvent({
              type: 'notice',
              level: 'info',
              message: 'No answer heard yet: speak when you are ready, or type your answer.',
            });
        } else if (e.type === 'utterance') {
          // Push-to-talk answers end when the person says so: no grace window.
          const answer = await holdAnswer(e.utterance, {
            graceMs: this.options.pushToTalk ? 0 : (this.options.graceMs ?? DEFAULT_GRACE_MS),
            listen: (opts) => this.recorder.listen(opts),
            transcribe: (pcm, sig) => this.stt.transcribe(pcm, { signal: sig }),
            onEvent: (ev) => this.onEvent(ev),
            signal,
            done: this.done.signal,
          });
          // The grace window is over: the answer is handed on now (the endpoint wait ends here).
          outcome = await this.transcribe({ ...answer, handedOnAt: Date.now() }, signal);
        }
      }
      if (outcome === 'failed') {
        this.failed = true;
        this.onEvent({ type: 'state', state: 'idle' });
        return this.options.typingFallback ? new Promise<AnswerAction>(() => {}) : { type: 'end' };
      }
      if (outcome !== 'again') return outcome;
      if (this.options.inputIsFile && signal.aborted) return { type: 'end' };
    }
  }

  /** The listen barge-in started for this answer, if any; the answer's abort ends it. */
  private adoptEarly(signal: AbortSignal): AsyncIterable<RecorderEvent> | null {
    const early = this.early;
    this.early = null;
    if (!early) return null;
    if (signal.aborted) early.abort();
    else signal.addEventListener('abort', () => early.abort(), { once: true });
    return early.events();
  }

  private async transcribe(answer: SpokenAnswer, signal: AbortSignal): Promise<AnswerAction | 'again'> {
    const { pcm, lastVoicedAt, handedOnAt } = answer;
    this.onEvent({ type: 'state', state: 'transcribing' });
    const audioPath = join(this.audioDir ?? this.options.audioRoot, `answer-${++this.answerCount}.wav`);
    writeWav(audioPath, pcm, SAMPLE_RATE);
    // The grace window started the transcription as soon as the piece was cut.
    const transcript = await (answer.transcript ?? this.stt.transcribe(pcm, { signal }));
    const text = transcript.text.trim();
    if (!text) {
      this.onEvent({ type: 'notice', level: 'info', message: "Didn't catch that: please answer again (or type it)." });
      return 'again';
    }
    const marks: TurnMarks = {
      lastVoicedAt,
      endedAt: handedOnAt,
      transcribedAt: Date.now(),
      sttEngineMs: transcript.elapsedMs,
    };
    // The words' own span is the answer's length; the voiced span (no pre-roll, no trailing
    // silence) stands in only when the engine gave no word timings.
    const speechSec = answer.speechMs / 1000;
    const delivery = this.options.measureDelivery(transcript.words, text, speechSec);
    this.pending = marks;
    this.onEvent({ type: 'transcribed', text, delivery });
    return {
      type: 'answer',
      text,
      durationMs: Math.round(delivery.durationSec * 1000),
      audioPath,
      metrics: { delivery, latency: turnLatency(marks) },
    };
  }

  /**
   * Shuts the engines down. By default the last words (the closing line) are heard first;
   * `{ now: true }` (Ctrl-C) cuts them off.
   */
  async close(opts: { now?: boolean } = {}): Promise<void> {
    if (opts.now) this.speech.stop();
    this.early?.abort();
    await this.speaking;
    this.speech.stop();
    await Promise.allSettled([this.stt.close(), this.recorder.close(), ...this.engines.map((e) => e.close())]);
  }
}
