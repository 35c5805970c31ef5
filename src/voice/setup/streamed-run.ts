/**
 * A long step of `voice setup` (venv, pip, a download): run to its end with its output read
 * line by line as it comes, so progress can be shown, and stopped when the setup is cancelled.
 */
import { startProcess, type ExitStatus } from '../../shared/exec.js';

export interface StreamedRunOptions {
  env?: NodeJS.ProcessEnv;
  /** Stops the process (SIGTERM, then SIGKILL) when aborted. */
  signal?: AbortSignal;
  /** Each line of stdout and stderr, as it comes (raw: untrusted). */
  onLine?: (line: string) => void;
}

export interface StreamedRunResult extends ExitStatus {
  ok: boolean;
  cancelled: boolean;
  /** The last lines of stdout and stderr together (at most TAIL_LINES): what a failure is read from. */
  tail: string[];
}

/** pip's failures end with their reason; the retries before them can run to a dozen lines. */
const TAIL_LINES = 200;

export async function runStreamed(
  command: string,
  args: readonly string[],
  opts: StreamedRunOptions = {},
): Promise<StreamedRunResult> {
  const tail: string[] = [];
  const proc = startProcess(command, args, { env: opts.env, stdin: 'ignore' });
  const take = (line: string) => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    opts.onLine?.(line);
  };
  proc.onLine('stdout', take);
  proc.onLine('stderr', take);
  const stop = () => void proc.terminate();
  if (opts.signal?.aborted) stop();
  opts.signal?.addEventListener('abort', stop, { once: true });
  try {
    const status = await proc.exited;
    const cancelled = opts.signal?.aborted === true;
    return { ...status, ok: status.code === 0 && !cancelled, cancelled, tail };
  } finally {
    opts.signal?.removeEventListener('abort', stop);
  }
}
