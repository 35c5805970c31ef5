/**
 * A streaming endpointer: cuts spoken answers out of a continuous 16 kHz mono s16le stream.
 * Each 20 ms frame goes through a 100 Hz high-pass filter, then WebRTC's voice-activity
 * detector decides whether it is speech, and an energy gate that follows the room's noise
 * floor vetoes frames too faint to matter. Pure and synchronous once built: no I/O and no
 * timers. Time comes only from sample counts, so the same audio always gives the same events
 * (see shared/reference/voice-tools.md §2.4).
 */
import { CoachError } from '../../shared/errors.js';
import { FRAME_MS, FRAME_SAMPLES, type EndpointerOptions, type RecorderEvent, type Utterance } from '../contracts.js';
import { FrameSplitter } from './frames.js';
import { HighPass } from './high-pass.js';
import { LevelMeter } from './level.js';
import type { SpeechDetector } from './vad.js';

export const DEFAULT_ENDPOINTER: EndpointerOptions = {
  // Long enough for a thinking pause (people pause 1 s and more mid-answer); the answer
  // grace window (answer-grace.ts) catches the longer ones.
  silenceMs: 1500,
  preRollMs: 400,
  minSpeechMs: 300,
  maxUtteranceMs: 180_000,
  noSpeechTimeoutMs: 30_000,
};

/**
 * The energy gate's absolute floor (about -60 dBFS, after the high-pass): below it a frame
 * is never speech, whatever the detector says (digital silence, a muted line's hiss).
 */
export const MIN_SPEECH_RMS = 0.001;
/** The gate also sits this far above the room's noise floor (×2 = +6 dB). */
const FLOOR_MARGIN = 2;
/** Speech frames needed in a row before we call it speech: shorter bursts are clicks. */
const START_MS = 100;
/**
 * Speech frames needed in a row to count as speech again once an answer is under way: the
 * detector lets through a lone noise frame now and then (about 1 in 100 in loud pink noise),
 * which must not restart the silence count.
 */
const RESUME_MS = 60;
/** Trailing silence kept on an utterance: enough for a soft last consonant, no dead air for STT. */
const TRAILING_KEEP_MS = 100;
/** The first noise-floor estimate: the quietest non-speech frame of the first ~200 ms ever heard. */
const CALIBRATION_MS = 200;
/**
 * The noise floor follows non-speech frames quickly down and slowly up (per 20 ms frame), so
 * a rising voice the detector has not yet caught cannot drag the floor up.
 */
const FLOOR_ALPHA_DOWN = 0.1;
const FLOOR_ALPHA_UP = 0.01;
function frames(ms: number): number {
  return Math.ceil(ms / FRAME_MS);
}

/** The options with defaults filled in; a CoachError for a value that is not a number of ms ≥ 0. */
export function checkedEndpointerOptions(opts: Partial<EndpointerOptions>): EndpointerOptions {
  const merged = { ...DEFAULT_ENDPOINTER };
  for (const key of Object.keys(DEFAULT_ENDPOINTER) as (keyof EndpointerOptions)[]) {
    const value = opts[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new CoachError(`Invalid voice setting ${key}: ${String(value)} (must be a number of milliseconds ≥ 0).`, {
        hint: 'Fix the voice settings, or remove the value to use the default.',
      });
    }
    merged[key] = value;
  }
  return merged;
}

type Phase = 'idle' | 'speech';

/**
 * Feed it the capture stream with push(); it answers with events:
 * - 'level' about every 50 ms of audio (of the raw input, as the microphone hears it);
 * - 'speech-start' once 100 ms of speech frames came in a row (the barge-in trigger).
 *   Speech that then ends before minSpeechMs is dropped silently, so a 'speech-start' is
 *   not always followed by an 'utterance';
 * - 'speech-confirmed' once that speech has lasted minSpeechMs (300 ms): it will be an
 *   utterance. Barge-in stops the interviewer on it;
 * - 'utterance' after silenceMs without speech (reason 'silence') or at maxUtteranceMs
 *   (reason 'max-length'), with pre-roll before the start and ~100 ms of trailing audio;
 * - 'no-speech' once per quiet stretch: when noSpeechTimeoutMs of audio pass since the turn
 *   began or the last speech (or dropped click) ended, without a new speech-start.
 * After an utterance it is idle again and detects the next one; reset() starts a new turn.
 */
export class Endpointer {
  readonly options: EndpointerOptions;
  private readonly startFrames = frames(START_MS);
  private readonly resumeFrames = frames(RESUME_MS);
  private readonly silenceFrames: number;
  private readonly preRollFrames: number;
  private readonly maxFrames: number;
  private readonly trailingFrames = frames(TRAILING_KEEP_MS);

  /** Chunks can end inside a frame: the rest waits for the next push. */
  private readonly splitter = new FrameSplitter();
  private readonly meter = new LevelMeter();
  private readonly highPass = new HighPass();
  private readonly filtered = new Int16Array(FRAME_SAMPLES);
  /** Frames ever heard (push or skip): only for the noise-floor calibration. */
  private heardFrames = 0;
  private noiseFloor: number | undefined;

  // Per turn. `frame` is the turn clock: frames pushed since the turn began.
  private frame = 0;
  private phase: Phase = 'idle';
  /** Audio just before the current candidate/speech, at most preRollMs: the pre-roll. */
  private ring: Buffer[] = [];
  /** Speech frames in a row that may become speech, and where the run began. */
  private candidate: Buffer[] = [];
  private candidateStart = 0;
  /** Frames of the current speech segment, from its onset on (pre-roll excluded). */
  private speech: Buffer[] = [];
  private preRoll: Buffer[] = [];
  private speechStart = 0;
  /** The last frame judged speech (a run of resumeFrames, or the onset run). */
  private lastVoiced = 0;
  private voicedRun = 0;
  private quietRun = 0;
  /** Where the current stretch without speech began (turn start or end of last speech). */
  private idleSince = 0;
  private noSpeechSent = false;
  /** This turn's no-speech timeout (reset() can shorten it, e.g. for the answer grace window). */
  private noSpeechMs: number;
  /** 'speech-confirmed' was sent for the current speech segment. */
  private confirmed = false;
  /** The turn-clock frame the newest pushed audio reaches, and the wall-clock time it arrived. */
  private heard: { untilFrame: number; at: number } | undefined;

  constructor(
    opts: Partial<EndpointerOptions>,
    private readonly detector: SpeechDetector,
  ) {
    this.options = checkedEndpointerOptions(opts);
    this.silenceFrames = Math.max(1, frames(this.options.silenceMs));
    this.preRollFrames = frames(this.options.preRollMs);
    this.maxFrames = Math.max(this.startFrames, frames(this.options.maxUtteranceMs));
    this.noSpeechMs = this.options.noSpeechTimeoutMs;
  }

  /** Audio of the current turn, any chunk size. Returns the events it caused, in order. */
  push(pcm: Buffer): RecorderEvent[] {
    const events: RecorderEvent[] = [];
    const split = this.splitter.push(pcm);
    // The newest audio was captured about now (sox writes a block as soon as it is full): the
    // only wall-clock anchor there is, for when the last voiced frame was spoken (lastVoicedAt).
    this.heard = { untilFrame: this.frame + split.length, at: Date.now() };
    for (const frame of split) this.onFrame(frame, events);
    return events;
  }

  /**
   * Audio heard while nobody listens: kept only as pre-roll for the next turn and to follow
   * the noise floor. Detects nothing, emits nothing, does not advance the turn clock.
   */
  skip(pcm: Buffer): void {
    for (const frame of this.splitter.push(pcm)) {
      this.judge(frame);
      this.heardFrames++;
      this.remember(frame);
    }
  }

  /**
   * End of input (or the listener gave up): flushes the speech in progress as an utterance
   * (reason 'silence') if it was long enough, then goes idle. An incomplete frame (< 20 ms)
   * is kept for alignment, not flushed.
   */
  finish(): RecorderEvent[] {
    const events: RecorderEvent[] = [];
    if (this.phase === 'speech' && this.spokenFrames() >= frames(this.options.minSpeechMs)) {
      events.push(this.cut('silence'));
    } else if (this.phase === 'speech') {
      this.dropSpeech();
    }
    this.dropCandidate();
    return events;
  }

  /**
   * Starts a new turn: the clock restarts at 0 and no-speech is armed again; speech in
   * progress is dropped. The noise floor and the pre-roll ring are kept. `noSpeechTimeoutMs`
   * applies to this turn only (default: the option).
   */
  reset(turn: { noSpeechTimeoutMs?: number } = {}): void {
    this.noSpeechMs = turn.noSpeechTimeoutMs ?? this.options.noSpeechTimeoutMs;
    if (this.phase === 'speech') this.dropSpeech();
    this.dropCandidate();
    this.frame = 0;
    this.heard = undefined;
    this.idleSince = 0;
    this.noSpeechSent = false;
  }

  /**
   * Is this frame speech? High-pass first (rumble out), then the detector, then the energy
   * gate. Non-speech frames outside an answer teach the noise floor (inside one, the quiet
   * between words and the sounds the detector doubts would drag it up).
   */
  private judge(frame: Buffer): boolean {
    const samples = this.highPass.process(frame, this.filtered);
    const rms = samplesRms(samples);
    const voiced = this.detector.isSpeech(samples) && rms > this.gate();
    if (!voiced && this.phase === 'idle') this.trackNoise(rms);
    return voiced;
  }

  private gate(): number {
    return Math.max((this.noiseFloor ?? 0) * FLOOR_MARGIN, MIN_SPEECH_RMS);
  }

  private calibrating(): boolean {
    return this.heardFrames < frames(CALIBRATION_MS);
  }

  private trackNoise(rms: number): void {
    if (this.noiseFloor === undefined) this.noiseFloor = rms;
    else if (this.calibrating()) this.noiseFloor = Math.min(this.noiseFloor, rms);
    else {
      const alpha = rms < this.noiseFloor ? FLOOR_ALPHA_DOWN : FLOOR_ALPHA_UP;
      this.noiseFloor += alpha * (rms - this.noiseFloor);
    }
  }

  private remember(frame: Buffer): void {
    this.ring.push(frame);
    if (this.ring.length > this.preRollFrames) this.ring.splice(0, this.ring.length - this.preRollFrames);
  }

  private onFrame(frame: Buffer, events: RecorderEvent[]): void {
    const i = this.frame++;
    for (const rms of this.meter.push(frame)) events.push({ type: 'level', rms });
    const voiced = this.judge(frame);
    if (this.phase === 'idle') this.onIdleFrame(frame, voiced, i, events);
    else this.onSpeechFrame(frame, voiced, i, events);
    this.heardFrames++;
  }

  private onIdleFrame(frame: Buffer, voiced: boolean, i: number, events: RecorderEvent[]): void {
    if (voiced) {
      if (this.candidate.length === 0) this.candidateStart = i;
      this.candidate.push(frame);
      if (this.candidate.length >= this.startFrames) {
        this.phase = 'speech';
        this.speechStart = this.candidateStart;
        this.preRoll = this.ring;
        this.ring = [];
        this.speech = this.candidate;
        this.candidate = [];
        this.lastVoiced = i;
        this.voicedRun = this.startFrames;
        this.quietRun = 0;
        events.push({ type: 'speech-start' });
        return;
      }
    } else {
      this.dropCandidate();
      this.remember(frame);
    }
    const idleMs = (i + 1 - this.idleSince) * FRAME_MS;
    if (!this.noSpeechSent && idleMs >= this.noSpeechMs) {
      this.noSpeechSent = true;
      events.push({ type: 'no-speech' });
    }
  }

  private onSpeechFrame(frame: Buffer, voiced: boolean, i: number, events: RecorderEvent[]): void {
    this.speech.push(frame);
    this.voicedRun = voiced ? this.voicedRun + 1 : 0;
    if (this.voicedRun >= this.resumeFrames) {
      this.quietRun = 0;
      this.lastVoiced = i;
      if (!this.confirmed && this.spokenFrames() >= frames(this.options.minSpeechMs)) {
        this.confirmed = true;
        events.push({ type: 'speech-confirmed' });
      }
    } else {
      // A lone speech frame in the silence is a stray: it counts as silence until it has company.
      this.quietRun++;
    }
    if (this.speech.length >= this.maxFrames) {
      this.lastVoiced = i;
      events.push(this.cut('max-length', i));
    } else if (this.quietRun >= this.silenceFrames) {
      if (this.spokenFrames() >= frames(this.options.minSpeechMs)) events.push(this.cut('silence', i));
      else this.dropSpeech();
    }
  }

  /** Frames from the onset to the last speech frame. */
  private spokenFrames(): number {
    return this.lastVoiced + 1 - this.speechStart;
  }

  /** Ends the speech segment as an utterance (decided at frame `at`) and goes idle. */
  private cut(reason: Utterance['reason'], at = this.frame - 1): RecorderEvent {
    const keep = Math.min(this.speech.length, this.spokenFrames() + (reason === 'silence' ? this.trailingFrames : 0));
    const pcm = Buffer.concat([...this.preRoll, ...this.speech.slice(0, keep)]);
    const endedAt = Date.now();
    const speechEndMs = (this.lastVoiced + 1) * FRAME_MS;
    const utterance: Utterance = {
      pcm,
      pcmStartMs: (this.speechStart - this.preRoll.length) * FRAME_MS,
      speechStartMs: this.speechStart * FRAME_MS,
      speechEndMs,
      endedAt,
      // Dated from when the newest audio arrived, not from the cut: the cut may come a whole
      // capture block later. Without pushed audio (finish()), the cut came (at + 1) frames in.
      lastVoicedAt: this.heard
        ? this.heard.at - (this.heard.untilFrame * FRAME_MS - speechEndMs)
        : endedAt - ((at + 1) * FRAME_MS - speechEndMs),
      reason,
    };
    this.goIdle(this.speech.slice(keep));
    return { type: 'utterance', utterance };
  }

  /** Too short to be an answer (a click, a cough): forget it, keep listening. */
  private dropSpeech(): void {
    this.goIdle(this.speech);
  }

  private goIdle(after: Buffer[]): void {
    // What followed the kept audio becomes pre-roll for the next one; nothing is used twice.
    this.ring = [];
    for (const f of after) this.remember(f);
    this.phase = 'idle';
    this.confirmed = false;
    this.speech = [];
    this.preRoll = [];
    this.quietRun = 0;
    this.voicedRun = 0;
    this.idleSince = this.frame;
    this.noSpeechSent = false;
  }

  private dropCandidate(): void {
    for (const f of this.candidate) this.remember(f);
    this.candidate = [];
  }
}

/** RMS of 16-bit samples, 0..1 (full-scale square wave = 1). */
function samplesRms(samples: Int16Array): number {
  let sum = 0;
  for (const x of samples) sum += x * x;
  return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length) / 32768;
}
