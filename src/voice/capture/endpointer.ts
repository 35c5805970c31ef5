/**
 * A streaming, energy-based endpointer: cuts spoken answers out of a continuous
 * 16 kHz mono s16le stream. Pure and synchronous: no I/O and no timers. Time comes only
 * from sample counts, so the same audio always gives the same events (see
 * shared/reference/voice-tools.md §2.4).
 */
import { CoachError } from '../../shared/errors.js';
import { FRAME_MS, type EndpointerOptions, type RecorderEvent, type Utterance } from '../contracts.js';
import { FrameSplitter } from './frames.js';
import { LevelMeter, pcmRms } from './level.js';

export const DEFAULT_ENDPOINTER: EndpointerOptions = {
  silenceMs: 700,
  preRollMs: 400,
  minSpeechMs: 300,
  maxUtteranceMs: 180_000,
  noSpeechTimeoutMs: 30_000,
};

/** Absolute floors for the thresholds, so a digitally silent line still needs real sound (about -40 / -44 dBFS). */
export const START_THRESHOLD = 0.01;
export const END_THRESHOLD = 0.006;
/** Loud frames needed in a row before we call it speech: shorter bursts are clicks. */
const START_MS = 100;
/** Trailing silence kept on an utterance: enough for a soft last consonant, no dead air for STT. */
const TRAILING_KEEP_MS = 100;
/**
 * The first noise-floor estimate: the quietest frame of the first ~200 ms ever heard. Frames
 * above START_THRESHOLD are left out (someone may talk at once) and judged by the fixed
 * thresholds. Known limit: a line noisier than START_THRESHOLD from the very first frame
 * is taken for speech, because nothing quiet was ever heard to learn the floor from.
 */
const CALIBRATION_MS = 200;
/**
 * The noise floor follows quiet frames quickly down and slowly up (per 20 ms frame), so a
 * rising voice below the start threshold cannot drag the floor up before it is detected.
 */
const FLOOR_ALPHA_DOWN = 0.1;
const FLOOR_ALPHA_UP = 0.01;
function frames(ms: number): number {
  return Math.ceil(ms / FRAME_MS);
}

function checkedOptions(opts: Partial<EndpointerOptions>): EndpointerOptions {
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
 * - 'level' about every 50 ms of audio;
 * - 'speech-start' once sound has stayed above the start threshold for 100 ms. Speech that
 *   then ends before minSpeechMs is dropped silently, so a 'speech-start' is not always
 *   followed by an 'utterance';
 * - 'speech-confirmed' once that speech has lasted minSpeechMs (300 ms): it will be an
 *   utterance. Barge-in stops the interviewer on it;
 * - 'utterance' after silenceMs of quiet (reason 'silence') or at maxUtteranceMs
 *   (reason 'max-length'), with pre-roll before the start and ~100 ms of trailing silence;
 * - 'no-speech' once per quiet stretch: when noSpeechTimeoutMs of audio pass since the turn
 *   began or the last speech (or dropped click) ended, without a new speech-start.
 * After an utterance it is idle again and detects the next one; reset() starts a new turn.
 */
export class Endpointer {
  readonly options: EndpointerOptions;
  private readonly startFrames = frames(START_MS);
  private readonly silenceFrames: number;
  private readonly preRollFrames: number;
  private readonly maxFrames: number;
  private readonly trailingFrames = frames(TRAILING_KEEP_MS);

  /** Chunks can end inside a frame: the rest waits for the next push. */
  private readonly splitter = new FrameSplitter();
  private readonly meter = new LevelMeter();
  /** Frames ever heard (push or skip): only for the noise-floor calibration. */
  private heardFrames = 0;
  private noiseFloor: number | undefined;

  // Per turn. `frame` is the turn clock: frames pushed since the turn began.
  private frame = 0;
  private phase: Phase = 'idle';
  /** Audio just before the current candidate/speech, at most preRollMs: the pre-roll. */
  private ring: Buffer[] = [];
  /** Loud frames in a row that may become speech, and where the run began. */
  private candidate: Buffer[] = [];
  private candidateStart = 0;
  /** Frames of the current speech segment, from its onset on (pre-roll excluded). */
  private speech: Buffer[] = [];
  private preRoll: Buffer[] = [];
  private speechStart = 0;
  private lastLoud = 0;
  private quietRun = 0;
  /** Where the current stretch without speech began (turn start or end of last speech). */
  private idleSince = 0;
  private noSpeechSent = false;
  /** 'speech-confirmed' was sent for the current speech segment. */
  private confirmed = false;
  /** The turn-clock frame the newest pushed audio reaches, and the wall-clock time it arrived. */
  private heard: { untilFrame: number; at: number } | undefined;

  constructor(opts: Partial<EndpointerOptions> = {}) {
    this.options = checkedOptions(opts);
    this.silenceFrames = Math.max(1, frames(this.options.silenceMs));
    this.preRollFrames = frames(this.options.preRollMs);
    this.maxFrames = Math.max(this.startFrames, frames(this.options.maxUtteranceMs));
  }

  /** Audio of the current turn, any chunk size. Returns the events it caused, in order. */
  push(pcm: Buffer): RecorderEvent[] {
    const events: RecorderEvent[] = [];
    const frames = this.splitter.push(pcm);
    // The newest audio was captured about now (sox writes a block as soon as it is full): the
    // only wall-clock anchor there is, for when the last voiced frame was spoken (lastVoicedAt).
    this.heard = { untilFrame: this.frame + frames.length, at: Date.now() };
    for (const frame of frames) this.onFrame(frame, events);
    return events;
  }

  /**
   * Audio heard while nobody listens: kept only as pre-roll for the next turn and to follow
   * the noise floor. Detects nothing, emits nothing, does not advance the turn clock.
   */
  skip(pcm: Buffer): void {
    for (const frame of this.splitter.push(pcm)) {
      const rms = pcmRms(frame);
      if (rms <= this.startThreshold()) this.trackNoise(rms);
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
   * progress is dropped. The noise floor and the pre-roll ring are kept.
   */
  reset(): void {
    if (this.phase === 'speech') this.dropSpeech();
    this.dropCandidate();
    this.frame = 0;
    this.heard = undefined;
    this.idleSince = 0;
    this.noSpeechSent = false;
  }

  private startThreshold(): number {
    return Math.max((this.noiseFloor ?? 0) * 3, START_THRESHOLD);
  }

  private endThreshold(): number {
    return Math.max((this.noiseFloor ?? 0) * 2, END_THRESHOLD);
  }

  private calibrating(): boolean {
    return this.heardFrames < frames(CALIBRATION_MS);
  }

  /** Called once per quiet frame (idle, not part of a loud run). */
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
    const rms = pcmRms(frame);
    if (this.phase === 'idle') this.onIdleFrame(frame, rms, i, events);
    else this.onSpeechFrame(frame, rms, i, events);
    this.heardFrames++;
  }

  private onIdleFrame(frame: Buffer, rms: number, i: number, events: RecorderEvent[]): void {
    if (rms > this.startThreshold()) {
      if (this.candidate.length === 0) this.candidateStart = i;
      this.candidate.push(frame);
      if (this.candidate.length >= this.startFrames) {
        this.phase = 'speech';
        this.speechStart = this.candidateStart;
        this.preRoll = this.ring;
        this.ring = [];
        this.speech = this.candidate;
        this.candidate = [];
        this.lastLoud = i;
        this.quietRun = 0;
        events.push({ type: 'speech-start' });
        return;
      }
    } else {
      this.dropCandidate();
      this.trackNoise(rms);
      this.remember(frame);
    }
    const idleMs = (i + 1 - this.idleSince) * FRAME_MS;
    if (!this.noSpeechSent && idleMs >= this.options.noSpeechTimeoutMs) {
      this.noSpeechSent = true;
      events.push({ type: 'no-speech' });
    }
  }

  private onSpeechFrame(frame: Buffer, rms: number, i: number, events: RecorderEvent[]): void {
    this.speech.push(frame);
    if (rms < this.endThreshold()) this.quietRun++;
    else {
      this.quietRun = 0;
      this.lastLoud = i;
      if (!this.confirmed && this.spokenFrames() >= frames(this.options.minSpeechMs)) {
        this.confirmed = true;
        events.push({ type: 'speech-confirmed' });
      }
    }
    if (this.speech.length >= this.maxFrames) {
      this.lastLoud = i;
      events.push(this.cut('max-length'));
    } else if (this.quietRun >= this.silenceFrames) {
      if (this.spokenFrames() >= frames(this.options.minSpeechMs)) events.push(this.cut('silence'));
      else this.dropSpeech();
    }
  }

  /** Frames from the onset to the last loud frame. */
  private spokenFrames(): number {
    return this.lastLoud + 1 - this.speechStart;
  }

  /** Ends the speech segment as an utterance and goes idle. */
  private cut(reason: Utterance['reason']): RecorderEvent {
    const keep = Math.min(this.speech.length, this.spokenFrames() + (reason === 'silence' ? this.trailingFrames : 0));
    const pcm = Buffer.concat([...this.preRoll, ...this.speech.slice(0, keep)]);
    const endedAt = Date.now();
    const heard = this.heard ?? { untilFrame: this.frame, at: endedAt };
    const utterance: Utterance = {
      pcm,
      speechStartMs: this.speechStart * FRAME_MS,
      speechEndMs: (this.lastLoud + 1) * FRAME_MS,
      endedAt,
      lastVoicedAt: heard.at - (heard.untilFrame - (this.lastLoud + 1)) * FRAME_MS,
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
    this.idleSince = this.frame;
    this.noSpeechSent = false;
  }

  private dropCandidate(): void {
    for (const f of this.candidate) this.remember(f);
    this.candidate = [];
  }
}
