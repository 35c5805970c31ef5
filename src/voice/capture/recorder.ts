/**
 * Microphone capture for voice mode: ONE long-lived sox process per session writing raw
 * 16 kHz mono s16le to stdout (reference §2.2), cut into answers by the Endpointer.
 * Re-spawning sox per answer would cost a device open each turn and lose the audio in
 * between, so capture keeps running and frames nobody listens to are dropped (except the
 * pre-roll). A WAV file can stand in for the microphone: for tests, and for people without one.
 */
import { CoachError } from '../../shared/errors.js';
import { findExecutable, startProcess, type LiveProcess } from '../../shared/exec.js';
import { cleanLine } from '../../shared/sanitize.js';
import { Endpointer, checkedEndpointerOptions } from './endpointer.js';
import { FrameSplitter } from './frames.js';
import { ListenTurn } from './listen-turn.js';
import { WebRtcVad } from './vad.js';
import { FRAME_MS, SAMPLE_RATE, type EndpointerOptions, type RecorderEvent } from '../contracts.js';

export interface RecorderOptions {
  /** A sound file to read instead of the microphone (anything sox reads; resampled). */
  input?: string;
  /** The sox binary (default: `sox` on PATH). */
  soxPath?: string;
  endpointer?: Partial<EndpointerOptions>;
  /**
   * With `input`: deliver the file at the pace of real time, like a microphone, from the first
   * listen() on (the person starts talking when the interview does). Default false: as fast as
   * sox produces it, and then the file waits between turns (see listen()).
   */
  realtime?: boolean;
}

export interface ListenOptions {
  /** Ends the turn early: speech in progress is flushed as an utterance, else 'no-speech'. */
  signal?: AbortSignal;
  /** Record everything until stopPushToTalk(), without endpointing. */
  pushToTalk?: boolean;
  /**
   * This turn only: 'no-speech' after this much audio without speech (default: the
   * endpointer's noSpeechTimeoutMs). The answer grace window listens with it.
   */
  noSpeechTimeoutMs?: number;
}

type ErrorEvent = Extract<RecorderEvent, { type: 'error' }>;

/** The raw capture format of reference §2.2, written to stdout. */
const RAW_OUT = ['-t', 'raw', '-r', String(SAMPLE_RATE), '-c', '1', '-e', 'signed-integer', '-b', '16', '-'];
/**
 * sox's processing block for the live microphone, in samples (measured: `--buffer N` makes
 * sox read and write N-sample blocks): 640 = 40 ms at 16 kHz. The default (8192) holds
 * audio back for up to 256 ms before we see it, and that delay lands on every answer.
 */
export const MIC_BUFFER_SAMPLES = 640;
const SOX_MISSING = {
  message: 'sox is not installed.',
  hint: 'Install it: sudo apt-get install sox (macOS: brew install sox).',
};
/** Real-time pacing keeps at most this much audio queued before it holds sox back. */
const PACE_QUEUE_MAX_FRAMES = 50;
/** sox stops on SIGTERM at once; this is only for a sox that hangs. */
const KILL_GRACE_MS = 2000;
const STDERR_KEEP = 4096;
/** sox's complaints go into one-line messages. */
const PROBLEM_MAX = 160;

/**
 * How to run sox for this capture. The live microphone gets small blocks (--buffer) and,
 * where GNU `stdbuf` exists (Linux), an unbuffered stdout: otherwise the C library batches
 * sox's output into 4096-byte writes (128 ms) whatever --buffer says. `stdbuf` execs sox, so
 * the process is still sox itself.
 */
export function soxCommand(
  opts: Pick<RecorderOptions, 'input' | 'soxPath'>,
  stdbuf: string | null = findExecutable('stdbuf'),
): { command: string; args: string[] } {
  const sox = opts.soxPath ?? 'sox';
  if (opts.input !== undefined) return { command: sox, args: ['-q', opts.input, ...RAW_OUT] };
  const args = ['--buffer', String(MIC_BUFFER_SAMPLES), '-q', '-d', ...RAW_OUT];
  return stdbuf ? { command: stdbuf, args: ['-o0', sox, ...args] } : { command: sox, args };
}

export class Recorder {
  private readonly opts: RecorderOptions;
  private readonly endpointerOptions: EndpointerOptions;
  /** Built once the voice-activity detector has loaded (see start()). */
  private endpointer: Endpointer | undefined;
  /** Settles when the detector is loaded, or failed to (then `failure` says so). */
  private loaded: Promise<void> = Promise.resolve();
  private loadError: CoachError | undefined;
  /** sox output that came before the detector was ready: heard as soon as it is. */
  private early: Buffer[] = [];
  /** The no-speech timeout of the turn in progress (ListenOptions). */
  private turnNoSpeechMs: number | undefined;
  /**
   * A file read at full speed has no "meanwhile": pausing it between turns (instead of
   * dropping frames) keeps every answer in it for the next listen(), deterministically.
   */
  private readonly holdWhileIdle: boolean;
  private child: LiveProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private closed = false;
  private stderr = '';
  /** sox's stdout chunks do not end on frame boundaries. */
  private readonly splitter = new FrameSplitter();
  /** Frames read but not yet heard, waiting for the next listen() (holdWhileIdle only). */
  private backlog: Buffer[] = [];
  private sourceEnded = false;
  private inputEnded = false;
  private failure: ErrorEvent | undefined;
  private turn: ListenTurn | undefined;
  private pace: { queue: Buffer[]; start: number; released: number; timer: NodeJS.Timeout } | undefined;

  constructor(opts: RecorderOptions = {}) {
    this.opts = opts;
    this.endpointerOptions = checkedEndpointerOptions(opts.endpointer ?? {});
    this.holdWhileIdle = opts.input !== undefined && !opts.realtime;
  }

  /** The sox process id while it runs (for diagnostics and tests). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Spawns sox and starts loading the voice-activity detector (WASM, a few ms; audio that
   * comes meanwhile waits for it). Throws a CoachError when sox is not installed. Idempotent.
   */
  start(): void {
    if (this.child || this.closed) return;
    const sox = this.opts.soxPath ?? 'sox';
    if (process.platform !== 'win32' && !findExecutable(sox))
      throw new CoachError(SOX_MISSING.message, { hint: SOX_MISSING.hint });
    this.loaded = WebRtcVad.create().then(
      (vad) => {
        this.endpointer = new Endpointer(this.endpointerOptions, vad);
        this.endpointer.reset({ noSpeechTimeoutMs: this.turnNoSpeechMs });
        for (const chunk of this.early.splice(0)) this.onAudio(chunk);
      },
      (err: unknown) => {
        this.loadError =
          err instanceof CoachError ? err : new CoachError(`Cannot load the voice-activity detector: ${String(err)}`);
        this.fail({ type: 'error', message: this.loadError.message, hint: this.loadError.hint });
      },
    );
    const { command, args } = soxCommand(this.opts);
    // The environment is passed on whole: AUDIODEV / AUDIODRIVER choose the device (§2.3).
    const child = startProcess(command, args, { stdin: 'ignore', killGraceMs: KILL_GRACE_MS });
    this.child = child;
    // The end of input only counts once the audio before it has been heard.
    this.exited = Promise.all([child.exited, this.loaded]).then(([{ code, signal, startError }]) => {
      if (startError) this.onSpawnError(startError);
      else this.onExit(code, signal);
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      if (this.stderr.length < STDERR_KEEP) this.stderr += text;
    });
    child.stdout?.on('data', (chunk: Buffer) => this.onAudio(chunk));
    // A file waits for the first listen(): held between turns, or paced from then on.
    if (this.opts.input !== undefined) child.stdout?.pause();
  }

  /**
   * start(), then waits until the recorder can hear: the voice-activity detector is loaded.
   * Throws a CoachError when sox is missing or the detector cannot load.
   */
  async ready(): Promise<void> {
    this.start();
    await this.loaded;
    if (this.loadError) throw this.loadError;
  }

  /**
   * Events for ONE answer: levels, 'speech-start', then an 'utterance' or 'no-speech' (or
   * one 'error'), and the iteration ends. Starts sox if needed. One listener at a time.
   */
  listen(opts: ListenOptions = {}): AsyncIterable<RecorderEvent> {
    if (this.closed) throw new Error('Recorder.listen: the recorder is closed');
    if (this.turn) throw new Error('Recorder.listen: already listening');
    this.start();
    const turn = new ListenTurn(opts.pushToTalk === true, () => {
      if (this.turn === turn) this.endTurn();
    });
    this.turn = turn;
    this.turnNoSpeechMs = opts.noSpeechTimeoutMs;
    this.endpointer?.reset({ noSpeechTimeoutMs: opts.noSpeechTimeoutMs }); // not built yet: see start()
    if (this.failure) {
      this.deliver([this.failure]);
      return turn;
    }
    const signal = opts.signal;
    if (signal) {
      const onAbort = () => this.flushTurn(turn);
      signal.addEventListener('abort', onAbort, { once: true });
      turn.onEnd(() => signal.removeEventListener('abort', onAbort));
      if (signal.aborted) {
        this.flushTurn(turn);
        return turn;
      }
    }
    const waiting = this.backlog;
    this.backlog = [];
    this.hear(waiting);
    if (this.turn !== turn) return turn;
    if (this.inputEnded && this.backlog.length === 0) this.flushTurn(turn);
    else if (this.holdWhileIdle || (this.opts.realtime && !this.pace)) this.child?.stdout?.resume();
    return turn;
  }

  /** Ends a push-to-talk turn: everything since listen() becomes the utterance. */
  stopPushToTalk(): void {
    if (this.turn?.pushToTalk) this.flushTurn(this.turn);
  }

  /** Stops sox (SIGTERM; sox exits 0) and ends a turn in progress as at end of input. */
  async close(): Promise<void> {
    if (this.closed) return this.exited;
    this.closed = true;
    this.stopPacing();
    if (this.turn) this.flushTurn(this.turn);
    const child = this.child;
    if (child?.running) {
      // A sox blocked on a full pipe ignores SIGTERM until it can write: drain the pipe.
      child.stdout?.resume();
      await child.terminate(); // SIGKILL after KILL_GRACE_MS
    }
    await this.exited;
  }

  private onAudio(chunk: Buffer): void {
    if (this.closed) return;
    if (!this.endpointer) {
      if (!this.failure) this.early.push(chunk);
      return;
    }
    const frames = this.splitter.push(chunk);
    if (this.opts.realtime && this.opts.input !== undefined) this.enqueuePaced(frames);
    else this.hear(frames);
  }

  /** Frames in capture order: to the turn if someone listens, else pre-roll or backlog. */
  private hear(frames: Buffer[]): void {
    const endpointer = this.endpointer;
    if (!endpointer) return; // only before start(): no frames exist yet
    for (const [k, frame] of frames.entries()) {
      const turn = this.turn;
      if (turn?.pushToTalk) {
        turn.record(frame);
        endpointer.skip(frame);
      } else if (turn) {
        this.deliver(endpointer.push(frame));
      } else if (this.holdWhileIdle) {
        this.backlog.push(...frames.slice(k));
        return;
      } else {
        endpointer.skip(frame);
      }
    }
  }

  private deliver(events: RecorderEvent[]): void {
    for (const event of events) {
      if (!this.turn) return;
      this.turn.emit(event);
      if (event.type === 'utterance' || event.type === 'no-speech' || event.type === 'error') this.endTurn();
    }
  }

  /** End of input, abort or push-to-talk stop: the turn ends with what it has. */
  private flushTurn(turn: ListenTurn): void {
    if (this.turn !== turn) return;
    if (turn.pushToTalk) {
      const utterance = turn.takeRecording();
      this.deliver([utterance ? { type: 'utterance', utterance } : { type: 'no-speech' }]);
      return;
    }
    const flushed = this.endpointer?.finish() ?? [];
    this.deliver(flushed.length > 0 ? flushed : [{ type: 'no-speech' }]);
  }

  private endTurn(): void {
    const turn = this.turn;
    this.turn = undefined;
    if (this.holdWhileIdle && !this.closed) this.child?.stdout?.pause();
    turn?.end();
  }

  private enqueuePaced(frames: Buffer[]): void {
    if (!this.pace) {
      const timer = setInterval(() => this.releasePaced(), FRAME_MS);
      this.pace = { queue: [], start: Date.now(), released: 0, timer };
    }
    this.pace.queue.push(...frames);
    if (this.pace.queue.length > PACE_QUEUE_MAX_FRAMES) this.child?.stdout?.pause();
  }

  /** Hands over the frames whose time has come, like a sound card would. */
  private releasePaced(): void {
    const pace = this.pace;
    if (!pace) return;
    const due = Math.floor((Date.now() - pace.start) / FRAME_MS) - pace.released;
    if (pace.queue.length === 0 && !this.sourceEnded) {
      pace.start = Date.now() - pace.released * FRAME_MS; // sox was late: don't bank the time
      return;
    }
    const frames = pace.queue.splice(0, Math.max(0, Math.min(due, pace.queue.length)));
    pace.released += frames.length;
    this.hear(frames);
    if (pace.queue.length <= PACE_QUEUE_MAX_FRAMES / 2 && !this.sourceEnded) this.child?.stdout?.resume();
    if (pace.queue.length === 0 && this.sourceEnded) {
      this.stopPacing();
      this.onInputEnd();
    }
  }

  private stopPacing(): void {
    if (this.pace) clearInterval(this.pace.timer);
    this.pace = undefined;
  }

  private onSpawnError(err: { code: string; message: string }): void {
    if (this.failure) return;
    this.fail(
      err.code === 'ENOENT'
        ? { type: 'error', message: SOX_MISSING.message, hint: SOX_MISSING.hint }
        : {
            type: 'error',
            message: `Cannot start sox (${cleanLine(err.message, PROBLEM_MAX)}).`,
            hint: 'Check the sox installation; you can keep typing your answers.',
          },
    );
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.failure) return;
    if (this.closed || code === 0) {
      this.sourceEnded = true;
      if (!this.pace) this.onInputEnd();
      return;
    }
    const detail = soxProblem(this.stderr) ?? (signal ? `killed by ${signal}` : `exit code ${code}`);
    this.fail(
      this.opts.input !== undefined
        ? {
            type: 'error',
            message: `Cannot read the audio input ${this.opts.input} (sox: ${detail}).`,
            hint: 'Check that it is a sound file sox can read (WAV, FLAC, …).',
          }
        : {
            type: 'error',
            message: `No microphone found (sox: ${detail}).`,
            hint: 'Check your microphone, or set AUDIODEV; you can keep typing your answers.',
          },
    );
  }

  /** sox is gone for good: this turn and every later one get the one error. */
  private fail(event: ErrorEvent): void {
    this.failure = event;
    this.stopPacing();
    if (this.turn) this.deliver([event]);
  }

  private onInputEnd(): void {
    this.inputEnded = true;
    if (this.turn && this.backlog.length === 0) this.flushTurn(this.turn);
  }
}

/**
 * The line of sox's stderr that says what went wrong. sox's own "sox FAIL …" line beats the
 * first line, which on Linux is usually ALSA noise such as "ALSA lib confmisc.c:855:(parse_card)
 * cannot find card '0'".
 */
export function soxProblem(stderr: string): string | undefined {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const line = lines.find((l) => l.startsWith('sox FAIL ')) ?? lines[0];
  return line === undefined ? undefined : cleanLine(line.replace(/^sox FAIL (sox: )?/, ''), PROBLEM_MAX);
}
