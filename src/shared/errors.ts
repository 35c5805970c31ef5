/** The one table of exit codes. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error meant for the person at the terminal: one line of what went wrong,
 * an optional next step, and the exit code the process should end with.
 */
export class CoachError extends Error {
  readonly hint?: string;
  readonly exitCode: ExitCode;
  constructor(message: string, opts: { hint?: string; exitCode?: ExitCode; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'CoachError';
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? ExitCode.failure;
  }
}

/** Bad flags, bad files, unknown names: the person can fix the command line. */
export class UsageError extends CoachError {
  constructor(message: string, hint?: string) {
    super(message, { hint, exitCode: ExitCode.usage });
    this.name = 'UsageError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
