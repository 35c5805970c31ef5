/**
 * The one way this app runs other programs (sox, espeak-ng, Piper, players, Python), on execa:
 *
 * - run(): a short command run to its end, with a timeout and an AbortSignal, its output kept.
 * - runSync(): the same for the rare answer needed at once (a liveness check inside a listing).
 * - startProcess(): a long-lived process we talk to over its pipes (a worker, a recorder, a player).
 * - findExecutable(): where a command is, checked without running it or a shell.
 *
 * Both ways stop a process the same way: SIGTERM, then SIGKILL once the kill grace has passed
 * (some programs ignore SIGTERM while blocked, e.g. aplay reading its input). Neither throws
 * when the command cannot be started: the result says why (`startError`, e.g. ENOENT).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { execa, execaSync, type Result } from 'execa';

/** How long a process may take to go after SIGTERM (or after its input ended) before SIGKILL. */
export const DEFAULT_KILL_GRACE_MS = 2000;

/** How a process ended. */
export interface ExitStatus {
  /** The exit code; null when a signal ended it or it never started. */
  code: number | null;
  /** The signal that ended it (sent by us or by anyone else), or null. */
  signal: NodeJS.Signals | null;
  /** It never ran: the errno code ('ENOENT': no such command, 'EACCES': not executable) and a message. */
  startError: { code: string; message: string } | null;
}

export interface RunOptions {
  /** Written to stdin, which is then closed (default: nothing, stdin closed at once). */
  input?: string;
  /** The whole environment of the process (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Stops the process (SIGTERM, then SIGKILL after killGraceMs) when it runs longer. */
  timeoutMs?: number;
  /** Stops the process the same way when aborted. */
  signal?: AbortSignal;
  killGraceMs?: number;
}

export interface RunResult extends ExitStatus {
  /** It ran and exited with 0 (not stopped by a timeout or the signal). */
  ok: boolean;
  /** The command does not exist (ENOENT). */
  notFound: boolean;
  timedOut: boolean;
  cancelled: boolean;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they came. */
  output: string;
}

/** Runs a command to its end. Never rejects: a command that cannot start is a result too. */
export async function run(command: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const result = await execa(command, args, {
    env: opts.env ?? process.env,
    extendEnv: false,
    input: opts.input ?? '',
    timeout: opts.timeoutMs,
    cancelSignal: opts.signal,
    forceKillAfterDelay: opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
    reject: false,
    all: true,
  });
  const status = exitStatus(result);
  return {
    ...status,
    ok: status.code === 0 && !result.timedOut && !result.isCanceled,
    notFound: status.startError?.code === 'ENOENT',
    timedOut: result.timedOut,
    cancelled: result.isCanceled,
    stdout: result.stdout,
    stderr: result.stderr,
    output: result.all,
  };
}

/**
 * A short command run to its end while this process waits: only for what must be answered at
 * once, inside synchronous code. Never throws; `ok` is false when it failed, timed out or never ran.
 */
export function runSync(
  command: string,
  args: readonly string[],
  opts: Pick<RunOptions, 'env' | 'timeoutMs'> = {},
): Pick<RunResult, 'ok' | 'stdout'> {
  const result = execaSync(command, args, {
    env: opts.env ?? process.env,
    extendEnv: false,
    input: '',
    timeout: opts.timeoutMs,
    reject: false,
  });
  return { ok: result.exitCode === 0 && !result.timedOut, stdout: result.stdout };
}

function exitStatus(result: Result): ExitStatus {
  const code = result.exitCode ?? null;
  const signal = result.signal ?? null;
  // No exit code and no signal: it never ran (execa then has Node's errno code, e.g. ENOENT).
  const never = result.failed && code === null && signal === null && !result.timedOut && !result.isCanceled;
  return {
    code,
    signal,
    startError: never
      ? {
          code: typeof result.code === 'string' ? result.code : 'UNKNOWN',
          message: result.originalMessage ?? result.shortMessage ?? 'it could not be started',
        }
      : null,
  };
}

export interface StartOptions {
  /** The whole environment of the process (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** 'pipe' (default) to talk to it, 'ignore' when it is not read / written. */
  stdin?: 'pipe' | 'ignore';
  stdout?: 'pipe' | 'ignore';
  stderr?: 'pipe' | 'ignore';
  /** After terminate() or endInput(): how long before SIGKILL (default 2 s). */
  killGraceMs?: number;
}

/** A running process: its pipes, how it ended, and the ways to stop it. */
export class LiveProcess {
  readonly pid: number | undefined;
  readonly stdin: Writable | null;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  /** Settles once the process has exited and its output pipes are closed. Never rejects. */
  readonly exited: Promise<ExitStatus>;
  private readonly subprocess: ReturnType<typeof spawnWithExeca>;
  private readonly killGraceMs: number;

  constructor(command: string, args: readonly string[], opts: StartOptions = {}) {
    this.killGraceMs = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
    this.subprocess = spawnWithExeca(command, args, opts, this.killGraceMs);
    this.pid = this.subprocess.pid;
    this.stdin = this.subprocess.stdin;
    this.stdout = this.subprocess.stdout;
    this.stderr = this.subprocess.stderr;
    // EPIPE when the process is gone before it read what we wrote, or a pipe torn down with
    // it: `exited` says what happened, so a stream error must not crash this process.
    for (const stream of [this.stdin, this.stdout, this.stderr]) stream?.on('error', () => {});
    this.exited = this.subprocess.then(exitStatus);
  }

  /** True from the start until the process has exited (false when it never started). */
  get running(): boolean {
    return this.pid !== undefined && this.subprocess.exitCode === null && this.subprocess.signalCode === null;
  }

  /** Sends a signal now (default SIGKILL); nothing when it is not running. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.running) this.subprocess.kill(signal);
  }

  /** SIGTERM now, SIGKILL after the kill grace if it is still there; resolves once it has exited. */
  terminate(): Promise<ExitStatus> {
    // execa's forceKillAfterDelay sends the SIGKILL.
    if (this.running) this.subprocess.kill('SIGTERM');
    return this.exited;
  }

  /** Ends its stdin (workers stop at end of input), SIGKILL after the kill grace; resolves once it has exited. */
  async endInput(): Promise<ExitStatus> {
    this.stdin?.end();
    const timer = setTimeout(() => this.kill('SIGKILL'), this.killGraceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes one line to stdin (nothing when stdin is closed). */
  writeLine(line: string): void {
    if (this.stdin?.writable) this.stdin.write(`${line}\n`);
  }

  /** Calls `listener` with each line of stdout or stderr. */
  onLine(stream: 'stdout' | 'stderr', listener: (line: string) => void): void {
    const input = stream === 'stdout' ? this.stdout : this.stderr;
    if (input) createInterface({ input, crlfDelay: Infinity }).on('line', listener);
  }
}

function spawnWithExeca(command: string, args: readonly string[], opts: StartOptions, killGraceMs: number) {
  return execa(command, args, {
    env: opts.env ?? process.env,
    extendEnv: false,
    stdin: opts.stdin ?? 'pipe',
    stdout: opts.stdout ?? 'pipe',
    stderr: opts.stderr ?? 'pipe',
    // Streamed, not collected: these processes can run for a whole session.
    buffer: false,
    forceKillAfterDelay: killGraceMs,
    reject: false,
  });
}

/** Starts a long-lived process. It never throws: a command that cannot start reports it in `exited`. */
export function startProcess(command: string, args: readonly string[], opts: StartOptions = {}): LiveProcess {
  return new LiveProcess(command, args, opts);
}

/**
 * The full path of an executable file: a path (anything with a '/') is checked as is, a bare
 * name is looked up in PATH. Null when there is none; a folder or a file without the execute
 * bit does not count. No shell is involved, so the name is never interpreted.
 */
export function findExecutable(command: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates =
    command.includes('/') || isAbsolute(command)
      ? [command]
      : (env.PATH ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, command));
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      if (statSync(path).isFile()) return path;
    } catch {
      // not here
    }
  }
  return null;
}
