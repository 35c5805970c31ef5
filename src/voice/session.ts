import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AnswerAction, AnswerSource, InterviewEvent } from '../model/events.js';
import type { DeliveryMetrics, TimedWord } from '../model/delivery.js';
import type { RecorderEvent, SpeechClip, SpeechToText, Transcript } from './contracts.js';
import { DEFAULT_GRACE_MS, holdAnswer } from './answer-grace.js';
import { SAMPLE_RATE } from './contracts.js';
import { writeWav } from './audio/wav.js';
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
    end(): Promise<{ clips: SpeechClip[]; firstAudioAt: number | null; combinedPath: string | null }>;
  };
  stop(): void;
}

export interface VoiceSessionOptions {
  /** Session audio lives here: <data>/audio/<session-id>/. Set once the session id is known. */
  audioRoot: string;
  pushToTalk: boolean;
  /** True when answers come from a file: its end ends the interview. */
  inputIsFile: boolean;
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

/** Saves the audio and timings of an interviewer turn once it has been spoken. */
export type SaveTurnAudio = (turnId: number, audioPath: string | null, metrics: Record<string, unknown> | null) => void;

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
  private pending: { endedAt: number; latency: TurnLatency; firstToken?: number } | null = null;
  private failed = false;
  private pushToTalkStart: (() => void) | null = null;
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

  /** Feed every interview event here: interviewer turns are spoken, timings recorded. */
  observe(event: InterviewEvent): void {
    switch (event.type) {
      case 'started':
        this.audioDir = join(this.options.audioRoot, event.sessionId);
        mkdirSync(this.audioDir, { recursive: true, mode: 0o700 });
        return;
      case 'question-delta':
        if (this.pending && this.pending.firstToken === undefined) this.pending.firstToken = Date.now();
        return;
      case 'question-accepted':
        // Only checked text is spoken (shown text may still be dropped): nothing is said that is not stored.
        this.openStream().push(event.text);
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
              const latency: TurnLatency = {
                ...pending.latency,
                firstTokenMs: pending.firstToken !== undefined ? pending.firstToken - pending.endedAt : undefined,
                firstAudioMs: result.firstAudioAt !== null ? result.firstAudioAt - pending.endedAt : undefined,
              };
              metrics = { latency };
              this.onEvent({ type: 'latency', latency });
            }
            const kept = this.keep(result.combinedPath, `question-${event.turnId}.wav`);
            // The per-sentence clips live on in the combined file: do not keep the audio twice.
            if (kept) for (const clip of result.clips) rmSync(clip.path, { force: true });
            this.saveTurnAudio(event.turnId, kept, metrics);
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
    this.current ??= this.speech.speakStream({ outDir: this.audioDir ?? undefined });
    return this.current;
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
    // Never listen while the interviewer is still talking: the microphone would hear it.
    await this.speaking;
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
      this.done = new AbortController();
      const listening = AbortSignal.any([signal, this.done.signal]);
      for await (const e of this.recorder.listen({ signal: listening, pushToTalk: this.options.pushToTalk })) {
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
          outcome = await this.transcribe(answer.pcm, answer.endedAt, answer.speechMs, signal, answer.transcript);
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

  private async transcribe(
    pcm: Buffer,
    endedAt: number,
    speechMs: number,
    signal: AbortSignal,
    /** The transcription already under way (the grace window starts it). */
    heard?: Promise<Transcript>,
  ): Promise<AnswerAction | 'again'> {
    this.onEvent({ type: 'state', state: 'transcribing' });
    const audioPath = join(this.audioDir ?? this.options.audioRoot, `answer-${++this.answerCount}.wav`);
    writeWav(audioPath, pcm, SAMPLE_RATE);
    const transcript = await (heard ?? this.stt.transcribe(pcm, { signal }));
    const text = transcript.text.trim();
    if (!text) {
      this.onEvent({ type: 'notice', level: 'info', message: "Didn't catch that: please answer again (or type it)." });
      return 'again';
    }
    const transcribeMs = Date.now() - endedAt;
    const delivery = this.options.measureDelivery(
      transcript.words,
      text,
      Math.max(transcript.duration, speechMs / 1000),
    );
    this.pending = { endedAt, latency: { transcribeMs, sttEngineMs: transcript.elapsedMs } };
    this.onEvent({ type: 'transcribed', text, delivery });
    return {
      type: 'answer',
      text,
      durationMs: Math.round(delivery.durationSec * 1000),
      audioPath,
      metrics: { delivery, latency: { transcribeMs, sttEngineMs: transcript.elapsedMs } },
    };
  }

  /**
   * Shuts the engines down. By default the last words (the closing line) are heard first;
   * `{ now: true }` (Ctrl-C) cuts them off.
   */
  async close(opts: { now?: boolean } = {}): Promise<void> {
    if (opts.now) this.speech.stop();
    await this.speaking;
    this.speech.stop();
    await Promise.allSettled([this.stt.close(), this.recorder.close(), ...this.engines.map((e) => e.close())]);
  }
}
