import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN } from './cli.js';

export interface SpawnedCli {
  child: ChildProcessWithoutNullStreams;
  /** Settles once the process has exited and its output is read to the end. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout: () => string;
  stderr: () => string;
}

/**
 * The built CLI as a running subprocess (not a TTY), for tests that act while it runs: write
 * answers, wait for what it printed, send it a signal.
 */
export function spawnCli(home: string, args: string[], env: NodeJS.ProcessEnv = {}): SpawnedCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, INTERVIEW_COACH_HOME: home, NO_COLOR: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // The CLI may leave before reading everything it was given.
  child.stdin.on('error', () => {});
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, closed, stdout: () => stdout, stderr: () => stderr };
}

/** Rows from the home's database, read-only (the CLI may still be writing it). */
export function dbRows<T = Record<string, unknown>>(home: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The candidate's saved answers, in order. */
export function savedAnswers(home: string): string[] {
  return dbRows<{ content: string }>(
    home,
    "SELECT content FROM transcripts WHERE speaker = 'candidate' AND kind = 'answer' ORDER BY session_id, seq",
  ).map((r) => r.content);
}
