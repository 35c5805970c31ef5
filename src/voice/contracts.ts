/**
 * The voice pipeline's own contracts between its parts: capture, speech to text, speech output
 * and playback. The rest of the app sees voice only through the port in model/voice.ts.
 */

/** Capture format everywhere: 16 kHz, mono, signed 16-bit little-endian PCM. */
export const SAMPLE_RATE = 16_000;
export const FRAME_MS = 20;
export const FRAME_SAMPLES = (SAMPLE_RATE * FRAME_MS) / 1000; // 320
export const FRAME_BYTES = FRAME_SAMPLES * 2; // 640

export interface EndpointerOptions {
  /** Trailing silence (no speech frame) that ends an answer (default 1500 ms). */
  silenceMs: number;
  /** Audio kept from before speech started, so first syllables are not cut (default 400 ms). */
  preRollMs: number;
  /** Speech shorter than this is ignored as a click or cough (default 300 ms). */
  minSpeechMs: number;
  /** Hard cap on one answer (default 180 s): the recording ends there. */
  maxUtteranceMs: number;
  /** No speech at all for this long ends the turn with no utterance (default 30 s). */
  noSpeechTimeoutMs: number;
}

/** One spoken answer, cut out of the capture stream. */
export interface Utterance {
  /** s16le mono 16 kHz, pre-roll included. */
  pcm: Buffer;
  /**
   * Offsets in ms from the start of listening (from sample counts, not wall time). pcmStartMs
   * is where pcm begins: speechStartMs minus the pre-roll, below 0 when the pre-roll was heard
   * before listening began.
   */
  pcmStartMs: number;
  speechStartMs: number;
  speechEndMs: number;
  /** Wall-clock time (Date.now()) when the end of speech was detected: the cut. */
  endedAt: number;
  /**
   * Wall-clock time (Date.now()) when the last voiced frame was captured: the true end of
   * speech, before the trailing silence the endpointer waits for. Latency counts from here.
   */
  lastVoicedAt: number;
  /** Why it ended: trailing silence, the max length, or push-to-talk stop. */
  reason: 'silence' | 'max-length' | 'push-to-talk';
}

export type RecorderEvent =
  | { type: 'level'; rms: number } // 0..1, about every 20-50 ms, for the level meter
  | { type: 'speech-start' }
  | { type: 'speech-confirmed' } // speech has lasted minSpeechMs: it will be an utterance (the barge-in trigger)
  | { type: 'utterance'; utterance: Utterance }
  | { type: 'no-speech' } // noSpeechTimeoutMs passed without speech
  | { type: 'error'; message: string; hint?: string };

export interface WordTiming {
  word: string;
  /** Seconds from the start of the utterance. */
  start: number;
  end: number;
  probability?: number;
}

export interface Transcript {
  text: string;
  words: WordTiming[];
  /** Audio duration in seconds as the engine saw it. */
  duration: number;
  language?: string;
  /** The engine's own compute time. */
  elapsedMs: number;
}

export interface SpeechToText {
  /** Starts the engine and waits until it is warm. Throws a CoachError with an install hint when it cannot. */
  start(): Promise<void>;
  transcribe(pcm: Buffer, opts?: { signal?: AbortSignal }): Promise<Transcript>;
  close(): Promise<void>;
}

/** A synthesized piece of speech, as a WAV file on disk (kept for replay). */
export interface SpeechClip {
  path: string;
  sampleRate: number;
  durationMs: number;
}

export interface TextToSpeech {
  readonly name: string; // 'piper' | 'espeak-ng' | 'say'
  start(): Promise<void>;
  /** One sentence in, one WAV out (written under outDir). */
  synthesize(sentence: string, outDir: string): Promise<SpeechClip>;
  close(): Promise<void>;
}

export interface AudioPlayer {
  /** Plays a WAV file; resolves when done or when stopped. */
  play(path: string): Promise<void>;
  /** Stops what is playing now at once (barge-in, a key). */
  stop(): void;
}
