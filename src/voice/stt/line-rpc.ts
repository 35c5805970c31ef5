/**
 * A long-lived worker process spoken to in JSON lines over stdin/stdout:
 *
 * - start: the worker loads what it needs, then prints `{"type":"ready", …}` (or
 *   `{"type":"fatal", …}` when it cannot), within the ready timeout;
 * - requests: `{"id":"7", …}` in, `{"id":"7","ok":true|false, …}` out. One request is at the
 *   worker at a time, the rest wait in a queue; each has a timeout once sent. Stray stdout lines
 *   (prints, other JSON, answers nobody waits for) are kept for debugging and otherwise ignored;
 * - a request can be aborted: a queued one is never sent, one at the worker is answered and the
 *   answer dropped;
 * - when the worker dies, hangs or cannot start, every waiting and later call gets one error;
 * - close: queued requests are refused, the one at the worker gets its answer, then stdin ends
 *   and the worker has a grace period to exit before it is killed.
 *
 * What the errors say is the caller's: see LineRpcErrors.
 */
import { startProcess, type ExitStatus, type LiveProcess } from '../../shared/exec.js';

export type RpcMessage = Record<string, unknown>;

/** The errors a person sees, worded by the user of the RPC. */
export interface LineRpcErrors {
  /** The worker could not be started (the errno code, e.g. ENOENT). */
  startFailed(error: NonNullable<ExitStatus['startError']>): Error;
  notReady(timeoutMs: number): Error;
  /** The worker said it cannot start (its `fatal` line). */
  fatal(msg: RpcMessage): Error;
  /** An answer with ok:false: this request failed, the worker keeps serving. */
  requestFailed(msg: RpcMessage): Error;
  requestTimedOut(timeoutMs: number): Error;
  /** The worker exited on its own; `lastStderr` is its last non-blank stderr line. */
  exited(how: { beforeReady: boolean; code: number | null; signal: NodeJS.Signals | null; lastStderr?: string }): Error;
  closed(): Error;
  aborted(signal: AbortSignal): Error;
}

export interface LineRpcOptions {
  command: string;
  args: string[];
  /** The worker's whole environment. */
  env: NodeJS.ProcessEnv;
  readyTimeoutMs: number;
  requestTimeoutMs: number;
  /** After close() ends stdin (or stops a worker still starting): how long before SIGKILL. */
  closeGraceMs: number;
  errors: LineRpcErrors;
  /** A reason not to start at all (checked at start(), e.g. a missing script). */
  precheck?: () => Error | null;
  /** Every stderr line, and every stdout line that was not a protocol line. */
  onLog?: (line: string, source: 'stderr' | 'stdout') => void;
}

type State = 'idle' | 'starting' | 'ready' | 'failed' | 'closed';

interface Job {
  id: string;
  line: string;
  settled: boolean;
  resolve(msg: RpcMessage): void;
  reject(err: Error): void;
}

const KEEP_LINES = 50;

function isRecord(v: unknown): v is RpcMessage {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class LineRpc {
  private state: State = 'idle';
  private proc: LiveProcess | null = null;
  private exited = false;
  private startPromise: Promise<RpcMessage> | null = null;
  private startSettle: { resolve(msg: RpcMessage): void; reject(err: Error): void } | null = null;
  private closePromise: Promise<void> | null = null;
  private readyTimer: NodeJS.Timeout | null = null;
  private failure: Error | null = null;
  private nextId = 1;
  private queue: Job[] = [];
  /** The request the worker is working on (possibly already abandoned by its caller). */
  private busy: { job: Job; timer: NodeJS.Timeout } | null = null;
  private readonly stderrTail: string[] = [];
  private readonly ignored: string[] = [];
  private ready: RpcMessage | null = null;

  constructor(private readonly opts: LineRpcOptions) {}

  /** The worker's `ready` line, once started. */
  get readyMessage(): RpcMessage | null {
    return this.ready;
  }
  /** The worker's process id while it runs. */
  get pid(): number | undefined {
    return this.proc?.pid;
  }
  /** The last stderr lines. */
  get stderrLines(): readonly string[] {
    return this.stderrTail;
  }
  /** The last stdout lines that were not protocol lines. */
  get ignoredLines(): readonly string[] {
    return this.ignored;
  }

  /** Starts the worker; resolves with its `ready` line. The same promise on every call. */
  start(): Promise<RpcMessage> {
    if (this.startPromise) return this.startPromise;
    if (this.state === 'closed' || this.closePromise) return Promise.reject(this.opts.errors.closed());
    this.state = 'starting';
    this.startPromise = new Promise<RpcMessage>((resolve, reject) => {
      this.startSettle = { resolve, reject };
    });
    this.spawnWorker();
    return this.startPromise;
  }

  /** Sends `{id, ...body}` once the worker is free; resolves with its ok:true answer. */
  request(body: RpcMessage, signal?: AbortSignal): Promise<RpcMessage> {
    const { errors } = this.opts;
    if (this.state === 'closed' || this.closePromise) return Promise.reject(errors.closed());
    if (this.failure) return Promise.reject(this.failure);
    if (this.state === 'idle') return Promise.reject(new Error('start() must be called before sending requests.'));
    if (signal?.aborted) return Promise.reject(errors.aborted(signal));
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        if (job.settled || !signal) return;
        this.queue = this.queue.filter((j) => j !== job);
        // If the worker is already on it, it finishes; its answer is dropped and the next request follows.
        settle(() => reject(errors.aborted(signal)));
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

  close(): Promise<void> {
    this.closePromise ??= this.shutdown();
    return this.closePromise;
  }

  // -------------------------------------------------------------------------------------------

  private pump(): void {
    const proc = this.proc;
    if (this.state !== 'ready' || this.busy || this.closePromise || !proc) return;
    const job = this.queue.shift();
    if (!job) return;
    const timer = setTimeout(
      () => this.fail(this.opts.errors.requestTimedOut(this.opts.requestTimeoutMs)),
      this.opts.requestTimeoutMs,
    );
    this.busy = { job, timer };
    proc.writeLine(job.line);
  }

  private spawnWorker(): void {
    const refusal = this.opts.precheck?.();
    if (refusal) {
      this.fail(refusal);
      this.exited = true;
      return;
    }
    const proc = startProcess(this.opts.command, this.opts.args, {
      env: this.opts.env,
      killGraceMs: this.opts.closeGraceMs,
    });
    this.proc = proc;
    proc.onLine('stdout', (line) => this.onStdoutLine(line));
    proc.onLine('stderr', (line) => this.onStderrLine(line));
    void proc.exited.then((status) => this.onExit(status));
    this.readyTimer = setTimeout(
      () => this.fail(this.opts.errors.notReady(this.opts.readyTimeoutMs)),
      this.opts.readyTimeoutMs,
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
      else if (msg.type === 'fatal') this.fail(this.opts.errors.fatal(msg));
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
        else job.reject(this.opts.errors.requestFailed(msg));
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
    this.opts.onLog?.(line, 'stderr');
  }

  private ignore(line: string): void {
    this.ignored.push(line);
    if (this.ignored.length > KEEP_LINES) this.ignored.shift();
    this.opts.onLog?.(line, 'stdout');
  }

  private onReady(msg: RpcMessage): void {
    this.clearReadyTimer();
    this.ready = msg;
    this.state = 'ready';
    this.startSettle?.resolve(msg);
    this.startSettle = null;
    this.pump();
  }

  private onExit({ code, signal, startError }: ExitStatus): void {
    this.exited = true;
    if (startError) this.fail(this.opts.errors.startFailed(startError));
    if (this.closePromise) {
      this.rejectAll(this.opts.errors.closed());
      return;
    }
    if (this.failure) return;
    this.fail(
      this.opts.errors.exited({
        beforeReady: this.state === 'starting',
        code,
        signal,
        lastStderr: this.stderrTail.at(-1),
      }),
    );
  }

  /** The worker is unusable from now on: every waiting and later call gets `err`. */
  private fail(err: Error): void {
    if (this.failure || this.closePromise) return;
    this.failure = err;
    this.state = 'failed';
    this.clearReadyTimer();
    this.startSettle?.reject(err);
    this.startSettle = null;
    this.rejectAll(err);
    if (!this.exited) this.proc?.kill('SIGKILL');
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

  private clearReadyTimer(): void {
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.readyTimer = null;
  }

  private async shutdown(): Promise<void> {
    const closed = this.opts.errors.closed();
    this.clearReadyTimer();
    // Queued requests are never sent; the one at the worker gets its answer before the worker sees EOF.
    for (const job of this.queue.splice(0)) if (!job.settled) job.reject(closed);
    if (this.startSettle) {
      this.startSettle.reject(closed);
      this.startSettle = null;
    }
    const proc = this.proc;
    if (proc && !this.exited) {
      // A worker still loading is not reading stdin yet: stop it; a ready one ends at EOF.
      if (this.state === 'starting') await proc.terminate();
      else await proc.endInput();
    }
    this.rejectAll(closed);
    this.state = 'closed';
  }
}
