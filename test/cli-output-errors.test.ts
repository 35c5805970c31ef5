import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from './support/cli.js';
import { outputErrorMessage } from '../src/app/pipe-guards.js';

// Real output failures: stdout (or stderr) opened on /dev/full fails every write with ENOSPC;
// a pipe whose reader is gone fails with EPIPE.
const home = mkdtempSync(join(tmpdir(), 'ic-output-'));
const env = { ...process.env, INTERVIEW_COACH_HOME: home, NO_COLOR: '1' };
const ANSWERS = 'We sharded by tenant id.\n\nAn idempotency key on every request.\n';

beforeAll(async () => {
  const r = await runCli(['start', '--role', 'backend', '--offline', '--questions', '2'], {
    input: ANSWERS,
    env: { INTERVIEW_COACH_HOME: home },
  });
  expect(r.exitCode).toBe(0);
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with stdout (or stderr) opened on `/dev/full`; the other stream is captured. */
function runInto(args: string[], fullStream: 'stdout' | 'stderr', input = ''): Promise<Run> {
  const full = openSync('/dev/full', 'w');
  const child = spawn(process.execPath, [BIN, ...args], {
    env,
    stdio: ['pipe', fullStream === 'stdout' ? full : 'pipe', fullStream === 'stderr' ? full : 'pipe'],
  });
  closeSync(full);
  child.stdin!.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

const COMMANDS: [string, string[], string?][] = [
  ['history', ['history']],
  ['stats', ['stats']],
  ['replay', ['replay', 'last']],
  ['export', ['export', 'last']],
  ['export --all json', ['export', '--all', '--format', 'json']],
  ['roles', ['roles']],
  ['piped start', ['start', '--role', 'backend', '--offline', '--questions', '2'], ANSWERS],
];

describe.skipIf(!existsSync('/dev/full'))('a full disk on stdout (/dev/full)', () => {
  it.each(COMMANDS)('%s: one line on stderr, exit 1, no stack trace', async (_name, args, input) => {
    const r = await runInto(args, 'stdout', input);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const errors = r.stderr.split('\n').filter((line) => line.startsWith('✖'));
    expect(errors).toEqual([
      '✖ Cannot write to stdout: the disk is full. Free some space, or send the output elsewhere, and run the command again.',
    ]);
  });

  it('a full stderr: exit 1, no crash by signal, nothing thrown at the terminal', async () => {
    const r = await runInto(['history', '--limit', 'x1'], 'stderr');
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
  });
});

describe('a reader that is gone before anything is written (EPIPE)', () => {
  it.each(COMMANDS)('%s: exits 0 quietly', async (_name, args, input) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    // The read end closes before the child has even started: its first write to stdout is EPIPE.
    child.stdout.destroy();
    child.stdin.end(input ?? '');
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/✖|Error|^\s+at /m);
    expect(code).toBe(0);
  });
});

describe('the line for each output error', () => {
  const err = (code: string, message: string) => Object.assign(new Error(message), { code });
  it('says what failed and what to do, for errors other than a full disk too (EIO)', () => {
    expect(outputErrorMessage(err('EIO', 'i/o error, write'), 'stderr')).toBe(
      'Cannot write to stderr: input/output error (EIO). Check the device or file it goes to, or send the output elsewhere.',
    );
    expect(outputErrorMessage(err('EBADF', 'bad file descriptor, write'), 'stdout')).toBe(
      'Cannot write to stdout (bad file descriptor, write). Send the output elsewhere and run the command again.',
    );
  });
});
