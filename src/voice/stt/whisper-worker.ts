/**
 * Speech-to-text through a long-lived Python worker (python/stt_worker.py, faster-whisper).
 *
 * The worker loads the model once, warms up, prints one `ready` line, then answers JSON-lines
 * requests one at a time. This client keeps one request at the worker at a time and queues the
 * rest, ignores stray stdout lines, and turns every failure a person can meet into a CoachError.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CoachError } from '../../shared/errors.js';
import { SAMPLE_RATE, type SpeechToText, type Transcript, type WordTiming } from '../contracts.js';

/** The worker's configuration, sent as the STT_CONFIG environment variable (JSON). */
export interface WhisperConfig {
  /** Model size name (tiny.en, base.en, small.en, ...) or a local model folder. Default base.en. */
  model?: string;
  /** cpu | cuda | auto. Default cpu. */
  device?: string;
  /** CTranslate2 compute type. Default int8 (right on CPU). */
  compute_type?: string;
  /** Default 4. */
  cpu_threads?: number;
  /** Language spoken; '' lets a multilingual model detect it. Default en. */
  language?: string;
  /** Default 1. */
  beam_size?: number;
  /** Where Hugging Face model snapshots are cached (default: the standard HF cache). */
  download_root?: string;
  /** Never download at run time (default true): a missing model fails fast. */
  local_files_only?: boolean;
  /** Silero VAD pre-filter inside the worker (default true). */
  vad_filter?: boolean;
}

export const STT_CONFIG_DEFAULTS = {
  model: 'base.en',
  device: 'cpu',
  compute_type: 'int8',
  cpu_threads: 4,
  language: 'en',
  beam_size: 1,
  local_files_only: true,
} as const satisfies WhisperConfig;

export interface WhisperWorkerOptions {
  /** The Python that has faster-whisper. Default 'python3'. */
  python?: string;
  /** The worker script. Default: the shipped python/stt_worker.py (see sttWorkerPath). */
  workerPath?: string;
  config?: WhisperConfig;
  /** Extra environment for the worker (merged over process.env). */
  env?: NodeJS.ProcessEnv;
  /** Model load + warm-up budget. Default 120 000 ms. */
  readyTimeoutMs?: number;
  /** One request's budget once sent to the worker; past it the worker is deemed stuck and stopped. Default 60 000 ms. */
  requestTimeoutMs?: number;
  /** How long close() waits for the worker to exit after its stdin ends before killing it. Default 5 000 ms. */
  closeGraceMs?: number;
  /** Every stderr line, and every stdout line that was not a protocol line (for --verbose). */
  onLog?: (line: string, source: 'stderr' | 'stdout') => void;
}

/** What the worker said in its `ready` line. */
export interface WhisperReadyInfo {
  model: string;
  device?: string;
  computeType?: string;
  loadMs: number;
  warmupMs: number;
}

/**
 * Where the shipped worker is: `python/stt_worker.py` at the package root, three levels above this
 * module (dist/voice/stt/whisper-worker.js, or src/voice/stt/whisper-worker.ts when run from source).
 */
export function sttWorkerPath(moduleUrl: string = import.meta.url): string {
  return fileURLToPath(new URL('../../../python/stt_worker.py', moduleUrl));
}

type State = 'idle' | 'starting' | 'ready' | 'failed' | 'closed';

interface Job {
  id: string;
  line: string;
  settled: boolean;
  resolve(msg: Record<string, unknown>): void;
  reject(err: Error): void;
}

const KEEP_LINES = 50;
const TYPE_INSTEAD = 'or keep typing your answers';

/** One line, bounded: stderr and worker errors go into one-line CoachError messages. */
function oneLine(s: string, max = 300): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** 200 ms, 5 s, 2 min: for timeout messages. */
function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finite(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function abortError(signal: AbortSignal): Error {
  const err = new Error('The transcription was cancelled.', { cause: signal.reason });
  err.name = 'AbortError';
  return err;
}

function pyString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export class WhisperWorker implements SpeechToText {
  readonly python: string;
  readonly workerPath: string;
  readonly config: WhisperConfig;
  private readonly env: NodeJS.ProcessEnv;
  private readonly readyTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly closeGraceMs: number;
  private readonly onLog?: (line: string, source: 'stderr' | 'stdout') => void;

  private state: State = 'idle';
  private child: ChildProcessWithoutNullStreams | null = null;
  private exited = false;
  private exitWaiters: Array<() => void> = [];
  private startPromise: Promise<void> | null = null;
  private startSettle: { resolve(): void; reject(err: Error): void } | null = null;
  private closePromise: Promise<void> | null = null;
  private readyTimer: NodeJS.Timeout | null = null;
  private failure: CoachError | null = null;
  private nextId = 1;
  private queue: Job[] = [];
  /** The request the worker is working on (possibly already abandoned by its caller). */
  private busy: { job: Job; timer: NodeJS.Timeout } | null = null;
  private readonly stderrTail: string[] = [];
  private readonly ignored: string[] = [];
  private readyInfo: WhisperReadyInfo | null = null;

  constructor(options: WhisperWorkerOptions = {}) {
    this.python = options.python ?? 'python3';
    this.workerPath = options.workerPath ?? sttWorkerPath();
    this.config = { ...STT_CONFIG_DEFAULTS, ...options.config };
    this.env = options.env ?? {};
    this.readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    this.closeGraceMs = options.closeGraceMs ?? 5_000;
    this.onLog = options.onLog;
  }

  /** The `ready` line's facts, once started. */
  get info(): WhisperReadyInfo | null {
    return this.readyInfo;
  }
  get loadMs(): number | undefined {
    return this.readyInfo?.loadMs;
  }
  get warmupMs(): number | undefined {
    return this.readyInfo?.warmupMs;
  }
  /** The worker's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }
  /** The last stderr lines (for debugging and error messages). */
  get stderrLines(): readonly string[] {
    return this.stderrTail;
  }
  /** The last stdout lines that were not protocol lines (kept for debugging, otherwise ignored). */
  get ignoredLines(): readonly string[] {
    return this.ignored;
  }

  start(): Promise<void> {
    if (this.startPromise) return this.startPromise;
    if (this.state === 'closed' || this.closePromise) return Promise.reject(this.closedError());
    this.state = 'starting';
    this.startPromise = new Promise<void>((resolve, reject) => {
      this.startSettle = { resolve, reject };
    });
    this.spawnWorker();
    return this.startPromise;
  }

  async transcribe(pcm: Buffer, opts: { signal?: AbortSignal } = {}): Promise<Transcript> {
    const msg = await this.request({ op: 'transcribe', pcm_b64: pcm.toString('base64') }, opts.signal);
    return toTranscript(msg, pcm);
  }

  /** A round trip to the worker (health check). */
  async ping(opts: { signal?: AbortSignal } = {}): Promise<void> {
    await this.request({ op: 'ping' }, opts.signal);
  }

  close(): Promise<void> {
    this.closePromise ??= this.shutdown();
    return this.closePromise;
  }

  // -------------------------------------------------------------------------------------------

  private request(body: Record<string, unknown>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    if (this.state === 'closed' || this.closePromise) return Promise.reject(this.closedError());
    if (this.failure) return Promise.reject(this.failure);
    if (this.state === 'idle') {
      return Promise.reject(new Error('WhisperWorker.start() must be called before sending requests.'));
    }
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        if (job.settled) return;
        this.queue = this.queue.filter((j) => j !== job);
        // If the worker is already on it, it finishes; its answer is dropped and the next request follows.
        settle(() => reject(abortError(signal!)));
      };
      const settle = (fn: () => void): void => {
        job.settled = true;
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const job: Job = {
        id,
        line: JSON.stringify({ id, ...body }),
        settled: false,
        resolve: (msg) => settle(() => resolve(msg)),
        reject: (err) => settle(() => reject(err)),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  private pump(): void {
    if (this.state !== 'ready' || this.busy || this.closePromise || !this.child) return;
    const job = this.queue.shift();
    if (!job) return;
    const timer = setTimeout(() => this.onRequestTimeout(), this.requestTimeoutMs);
    this.busy = { job, timer };
    this.child.stdin.write(`${job.line}\n`);
  }

  private spawnWorker(): void {
    if (!existsSync(this.workerPath)) {
      this.fail(
        new CoachError(`The speech-to-text worker script is missing: ${this.workerPath}`, {
          hint: `Reinstall interview-coach, ${TYPE_INSTEAD}.`,
        }),
      );
      this.markExited();
      return;
    }
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(this.python, [this.workerPath], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: {
          ...process.env,
          ...this.env,
          STT_CONFIG: JSON.stringify(this.config),
          PYTHONUNBUFFERED: '1', // same as `python -u`, and harmless for a non-Python stand-in
          PYTHONIOENCODING: 'utf-8',
        },
      });
    } catch (err) {
      this.fail(this.spawnError(err));
      this.markExited();
      return;
    }
    this.child = child;
    child.on('error', (err) => this.fail(this.spawnError(err)));
    child.stdin.on('error', () => {
      // EPIPE when the worker is gone: the 'close' handler reports why.
    });
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => this.onStdoutLine(line));
    createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) => this.onStderrLine(line));
    child.on('close', (code, signal) => this.onExit(code, signal));
    this.readyTimer = setTimeout(() => {
      this.fail(
        new CoachError(`The speech-to-text worker was not ready after ${formatDuration(this.readyTimeoutMs)}.`, {
          hint: `Loading the Whisper model took too long: try a smaller one (interview-coach config set sttModel base.en), ${TYPE_INSTEAD}.`,
        }),
      );
    }, this.readyTimeoutMs);
  }

  private spawnError(err: unknown): CoachError {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') {
      return new CoachError(`Python (${this.python}) was not found.`, {
        hint: `Install Python 3, or point voice mode at one: interview-coach config set python /path/to/python3 (${TYPE_INSTEAD}).`,
        cause: err,
      });
    }
    return new CoachError(
      `Could not start the speech-to-text worker with ${this.python}: ${oneLine(String((err as Error)?.message ?? err))}`,
      {
        hint: `Check the python setting (interview-coach config set python /path/to/python3), ${TYPE_INSTEAD}.`,
        cause: err,
      },
    );
  }

  private onStdoutLine(line: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      this.ignore(line);
      return;
    }
    if (!isRecord(msg)) {
      this.ignore(line);
      return;
    }
    if (this.state === 'starting') {
      if (msg.type === 'ready') this.onReady(msg);
      else if (msg.type === 'fatal') this.fail(this.fatalError(msg));
      else this.ignore(line);
      return;
    }
    const busy = this.busy;
    if (busy && msg.id === busy.job.id && typeof msg.ok === 'boolean') {
      clearTimeout(busy.timer);
      this.busy = null;
      const { job } = busy;
      if (!job.settled) {
        if (msg.ok) job.resolve(msg);
        else {
          const workerError = oneLine(typeof msg.error === 'string' ? msg.error : 'unknown error');
          job.reject(
            new CoachError(`Speech-to-text failed: ${workerError}`, {
              hint: 'Try answering again, or type this answer.',
              cause: new Error(workerError),
            }),
          );
        }
      }
      this.pump();
      return;
    }
    this.ignore(line); // unrelated JSON, or an id nobody is waiting for
  }

  private onStderrLine(line: string): void {
    if (line.trim()) {
      this.stderrTail.push(line);
      if (this.stderrTail.length > KEEP_LINES) this.stderrTail.shift();
    }
    this.onLog?.(line, 'stderr');
  }

  private ignore(line: string): void {
    this.ignored.push(line);
    if (this.ignored.length > KEEP_LINES) this.ignored.shift();
    this.onLog?.(line, 'stdout');
  }

  private lastStderrLine(): string | undefined {
    const last = this.stderrTail.at(-1);
    return last === undefined ? undefined : oneLine(last);
  }

  private onReady(msg: Record<string, unknown>): void {
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.readyTimer = null;
    this.readyInfo = {
      model: typeof msg.model === 'string' ? msg.model : String(this.config.model),
      device: typeof msg.device === 'string' ? msg.device : undefined,
      computeType: typeof msg.compute_type === 'string' ? msg.compute_type : undefined,
      loadMs: finite(msg.load_ms) ?? 0,
      warmupMs: finite(msg.warmup_ms) ?? 0,
    };
    this.state = 'ready';
    this.startSettle?.resolve();
    this.startSettle = null;
    this.pump();
  }

  private fatalError(msg: Record<string, unknown>): CoachError {
    const error = oneLine(typeof msg.error === 'string' ? msg.error : 'unknown error');
    const cause = new Error(error);
    const model = String(this.config.model);
    if (msg.kind === 'missing-package') {
      return new CoachError(`faster-whisper is not installed for ${this.python}.`, {
        hint: `Install it: ${this.python} -m pip install faster-whisper (${TYPE_INSTEAD}).`,
        cause,
      });
    }
    if (msg.kind === 'missing-model') {
      const isFolder = model.includes('/') || model.includes('\\');
      const root = this.config.download_root ? `, download_root=${pyString(this.config.download_root)}` : '';
      const hint = isFolder
        ? `Check that the folder holds model.bin, config.json and tokenizer.json, or set another: interview-coach config set sttModel base.en (${TYPE_INSTEAD}).`
        : `Download it once while online: ${this.python} -c "from faster_whisper import WhisperModel; WhisperModel(${pyString(model)}${root})", or set a local model folder: interview-coach config set sttModel /path/to/model (${TYPE_INSTEAD}).`;
      return new CoachError(`The Whisper model "${model}" is not available offline.`, { hint, cause });
    }
    return new CoachError(`The speech-to-text worker could not start: ${error}`, {
      hint: `Run ${this.python} ${this.workerPath} by hand to see the whole error, ${TYPE_INSTEAD}.`,
      cause,
    });
  }

  private onRequestTimeout(): void {
    this.fail(
      new CoachError(`The speech-to-text worker did not answer within ${formatDuration(this.requestTimeoutMs)}.`, {
        hint: `It may be overloaded: try a smaller model (interview-coach config set sttModel base.en), ${TYPE_INSTEAD}.`,
      }),
    );
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.markExited();
    if (this.closePromise) {
      this.rejectAll(this.closedError());
      return;
    }
    if (this.failure) return;
    const how = code !== null ? `exit code ${code}` : `signal ${signal}`;
    const last = this.lastStderrLine();
    const tail = last ? `: ${last}` : '.';
    if (this.state === 'starting') {
      this.fail(
        new CoachError(`The speech-to-text worker exited before it was ready (${how})${tail}`, {
          hint: `Run ${this.python} ${this.workerPath} by hand to see the whole error, ${TYPE_INSTEAD}.`,
        }),
      );
    } else {
      this.fail(
        new CoachError(`The speech-to-text worker stopped (${how})${tail}`, {
          hint: `Restart voice mode, ${TYPE_INSTEAD}.`,
        }),
      );
    }
  }

  /** The worker is unusable from now on: every waiting and later call gets `err`. */
  private fail(err: CoachError): void {
    if (this.failure || this.closePromise) return;
    this.failure = err;
    this.state = 'failed';
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.readyTimer = null;
    this.startSettle?.reject(err);
    this.startSettle = null;
    this.rejectAll(err);
    if (this.child && !this.exited) this.child.kill('SIGKILL');
  }

  private rejectAll(err: Error): void {
    if (this.busy) {
      clearTimeout(this.busy.timer);
      if (!this.busy.job.settled) this.busy.job.reject(err);
      this.busy = null;
    }
    const queued = this.queue;
    this.queue = [];
    for (const job of queued) if (!job.settled) job.reject(err);
  }

  private markExited(): void {
    if (this.exited) return;
    this.exited = true;
    for (const wake of this.exitWaiters.splice(0)) wake();
  }

  private closedError(): CoachError {
    return new CoachError('The speech-to-text worker is closed.', {
      hint: 'Start voice mode again to transcribe more answers.',
    });
  }

  private async shutdown(): Promise<void> {
    const closed = this.closedError();
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.readyTimer = null;
    // Queued requests are never sent; the one at the worker gets its answer before the worker sees EOF.
    for (const job of this.queue.splice(0)) if (!job.settled) job.reject(closed);
    if (this.startSettle) {
      this.startSettle.reject(closed);
      this.startSettle = null;
    }
    const child = this.child;
    if (child && !this.exited) {
      const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
      if (this.state === 'starting') child.kill('SIGTERM');
      else child.stdin.end();
      const grace = setTimeout(() => child.kill('SIGKILL'), this.closeGraceMs);
      await exited;
      clearTimeout(grace);
    }
    this.rejectAll(closed);
    this.state = 'closed';
  }
}

function toTranscript(msg: Record<string, unknown>, pcm: Buffer): Transcript {
  if (typeof msg.text !== 'string') {
    throw new CoachError('The speech-to-text worker sent an answer without text.', {
      hint: 'Check that python/stt_worker.py matches this version of interview-coach.',
    });
  }
  const words: WordTiming[] = [];
  if (Array.isArray(msg.words)) {
    for (const w of msg.words) {
      if (!isRecord(w) || typeof w.word !== 'string') continue;
      const start = finite(w.start);
      const end = finite(w.end);
      const word = w.word.trim(); // faster-whisper words carry a leading space
      if (!word || start === undefined || end === undefined) continue;
      const probability = finite(w.probability);
      words.push(probability === undefined ? { word, start, end } : { word, start, end, probability });
    }
  }
  return {
    text: msg.text.trim(),
    words,
    duration: finite(msg.duration) ?? pcm.length / 2 / SAMPLE_RATE,
    language: typeof msg.language === 'string' ? msg.language : undefined,
    elapsedMs: finite(msg.elapsed_ms) ?? 0,
  };
}
