import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/interview-coach.js', import.meta.url));

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs the built CLI as a subprocess (not a TTY), the way a script or a pipe would. */
export async function runCli(
  args: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliResult> {
  const result = await execa(process.execPath, [BIN, ...args], {
    input: opts.input ?? '',
    env: { INTERVIEW_COACH_HOME: process.env.INTERVIEW_COACH_HOME, NO_COLOR: '1', ...opts.env },
    extendEnv: true,
    reject: false,
    stripFinalNewline: false,
    timeout: opts.timeoutMs ?? 15_000,
  });
  return { stdout: String(result.stdout), stderr: String(result.stderr), exitCode: result.exitCode ?? -1 };
}

/** Runs the CLI and parses its stdout as JSON, failing with the CLI's stderr when it did not succeed. */
export async function runJson<T = unknown>(args: string[], opts: Parameters<typeof runCli>[1] = {}): Promise<T> {
  const r = await runCli(args, opts);
  if (r.exitCode !== 0 || r.stdout.trim() === '') {
    throw new Error(
      `interview-coach ${args.join(' ')} exited ${r.exitCode} with stdout ${JSON.stringify(r.stdout.slice(0, 200))} and stderr: ${r.stderr}`,
    );
  }
  return JSON.parse(r.stdout) as T;
}
