import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findExecutable, run, startProcess, type LiveProcess } from '../src/shared/exec.js';
import { processAlive } from '../src/shared/process.js';
import { waitFor } from './support/wait.js';

/**
 * A shell that ignores SIGTERM, says so, and then becomes `sleep` (an ignored signal stays
 * ignored across exec). Wait for its 'ready' before sending SIGTERM: earlier, the trap is not set yet.
 */
const IGNORES_SIGTERM = ['-c', 'trap "" TERM; echo ready; exec sleep 30'];

describe('run', () => {
  it('collects stdout, stderr and both interleaved; feeds input on stdin', async () => {
    const r = await run('sh', ['-c', 'echo out; echo err >&2; cat'], { input: 'from stdin\n' });
    expect(r).toMatchObject({ ok: true, code: 0, signal: null, startError: null, timedOut: false, cancelled: false });
    expect(r.stdout).toBe('out\nfrom stdin');
    expect(r.stderr).toBe('err');
    expect(r.output.split('\n').sort()).toEqual(['err', 'from stdin', 'out']);
  });

  it('a failing command is a result with its exit code, not an exception', async () => {
    const r = await run('sh', ['-c', 'echo why >&2; exit 3']);
    expect(r).toMatchObject({ ok: false, code: 3, signal: null, startError: null, notFound: false, stderr: 'why' });
  });

  it('passes exactly the environment it is given', async () => {
    const r = await run('/bin/sh', ['-c', 'echo "${ONLY:-unset} ${HOME:-no-home}"'], { env: { ONLY: 'this' } });
    expect(r.stdout).toBe('this no-home');
  });

  it('a timeout stops the process (SIGTERM) and says so', async () => {
    const started = Date.now();
    const r = await run('sleep', ['30'], { timeoutMs: 200 });
    expect(r).toMatchObject({ ok: false, timedOut: true, signal: 'SIGTERM', code: null, startError: null });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a process that ignores SIGTERM gets SIGKILL once the kill grace has passed', async () => {
    const started = Date.now();
    const r = await run('sh', IGNORES_SIGTERM, { timeoutMs: 200, killGraceMs: 300 });
    expect(r).toMatchObject({ ok: false, timedOut: true, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('an abort signal cancels the run', async () => {
    const controller = new AbortController();
    const running = run('sleep', ['30'], { signal: controller.signal });
    controller.abort();
    const r = await running;
    expect(r).toMatchObject({ ok: false, cancelled: true, timedOut: false, code: null, startError: null });
    expect(r.signal).toBe('SIGTERM');
  });

  it('a command that does not exist is a clear result: notFound, ENOENT, the command in the message', async () => {
    const r = await run('/nonexistent/tool', ['--version']);
    expect(r).toMatchObject({ ok: false, notFound: true, code: null, signal: null, timedOut: false });
    expect(r.startError).toEqual({ code: 'ENOENT', message: 'spawn /nonexistent/tool ENOENT' });
    const bare = await run('no-such-tool-anywhere-here', []);
    expect(bare.notFound).toBe(true);
  });

  it('a folder is not a command: EACCES, not notFound', async () => {
    const r = await run(tmpdir(), []);
    expect(r).toMatchObject({ ok: false, notFound: false });
    expect(r.startError?.code).toBe('EACCES');
  });
});

describe('startProcess', () => {
  const started: LiveProcess[] = [];
  const start = (...args: Parameters<typeof startProcess>) => {
    const proc = startProcess(...args);
    started.push(proc);
    return proc;
  };
  afterEach(() => {
    for (const proc of started.splice(0)) proc.kill('SIGKILL');
  });

  it('talks over stdin/stdout line by line; endInput() lets it finish on its own', async () => {
    const proc = start('cat', []);
    const lines: string[] = [];
    proc.onLine('stdout', (line) => lines.push(line));
    proc.writeLine('one');
    proc.writeLine('two');
    await waitFor(() => lines.length === 2, 'both lines echoed');
    expect(lines).toEqual(['one', 'two']);
    expect(proc.running).toBe(true);
    expect(await proc.endInput()).toEqual({ code: 0, signal: null, startError: null });
    expect(proc.running).toBe(false);
  });

  it('stdout chunks are Buffers (raw audio must not be decoded as text)', async () => {
    const proc = start('printf', ['\\377\\376'], { stdin: 'ignore' });
    const chunks: unknown[] = [];
    proc.stdout?.on('data', (chunk: unknown) => chunks.push(chunk));
    await proc.exited;
    expect(chunks.every((c) => Buffer.isBuffer(c))).toBe(true);
    expect(Buffer.concat(chunks.filter((c) => Buffer.isBuffer(c)))).toEqual(Buffer.from([0xff, 0xfe]));
  });

  it('terminate(): SIGTERM first, SIGKILL after the grace for a process that ignores SIGTERM', async () => {
    const proc = start('sh', IGNORES_SIGTERM, { stdin: 'ignore', killGraceMs: 200 });
    const pid = proc.pid;
    let ready = false;
    proc.onLine('stdout', (line) => (ready ||= line === 'ready'));
    await waitFor(() => ready, 'the SIGTERM trap to be set');
    expect(processAlive(pid)).toBe(true);
    expect((await proc.terminate()).signal).toBe('SIGKILL');
    expect(processAlive(pid)).toBe(false);

    const polite = start('sleep', ['30'], { stdin: 'ignore', killGraceMs: 5000 });
    expect((await polite.terminate()).signal).toBe('SIGTERM');
  });

  it('endInput(): a process that does not stop at end of input is killed after the grace', async () => {
    const proc = start('sh', IGNORES_SIGTERM, { killGraceMs: 200 });
    expect((await proc.endInput()).signal).toBe('SIGKILL');
  });

  it('writing to a process that is gone is harmless: exited tells how it ended', async () => {
    const proc = start('sh', ['-c', 'exit 4']);
    expect((await proc.exited).code).toBe(4);
    proc.writeLine('x'.repeat(200_000));
    proc.stdin?.write('more');
    expect(proc.running).toBe(false);
  });

  it('a command that does not exist: no throw, no pid, and exited says ENOENT', async () => {
    const proc = start('/nonexistent/worker', []);
    expect(proc.pid).toBeUndefined();
    expect(proc.running).toBe(false);
    proc.writeLine('hello');
    proc.kill();
    const status = await proc.exited;
    expect(status).toEqual({
      code: null,
      signal: null,
      startError: { code: 'ENOENT', message: 'spawn /nonexistent/worker ENOENT' },
    });
  });
});

describe('findExecutable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ic-exec-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const tool = join(bin, 'tool');
  writeFileSync(tool, '#!/bin/sh\n');
  chmodSync(tool, 0o755);
  const plain = join(bin, 'plain');
  writeFileSync(plain, 'not a program');
  chmodSync(plain, 0o644);
  mkdirSync(join(bin, 'folder'));
  const env = { PATH: `/nonexistent:${bin}` };

  it('finds a bare name on PATH, first match wins', () => {
    expect(findExecutable('tool', env)).toBe(tool);
    const earlier = join(dir, 'earlier');
    mkdirSync(earlier);
    writeFileSync(join(earlier, 'tool'), '#!/bin/sh\n');
    chmodSync(join(earlier, 'tool'), 0o755);
    expect(findExecutable('tool', { PATH: `${earlier}:${bin}` })).toBe(join(earlier, 'tool'));
  });

  it('checks a path as it is, without PATH', () => {
    expect(findExecutable(tool, { PATH: '' })).toBe(tool);
    expect(findExecutable(join(bin, 'missing'), env)).toBeNull();
  });

  it('a folder is not an executable, on PATH or as a path', () => {
    expect(findExecutable('folder', env)).toBeNull();
    expect(findExecutable(join(bin, 'folder'), env)).toBeNull();
  });

  it('a file without the execute bit is not an executable', () => {
    expect(findExecutable('plain', env)).toBeNull();
    expect(findExecutable(plain, env)).toBeNull();
  });

  it('a name is never given to a shell', () => {
    const marker = join(dir, 'marker');
    expect(findExecutable(`tool; touch ${marker}`, env)).toBeNull();
    expect(findExecutable('$(touch marker)', env)).toBeNull();
    expect(existsSync(marker)).toBe(false);
  });

  it('no PATH at all: a bare name is not found', () => {
    expect(findExecutable('tool', {})).toBeNull();
  });
});
