import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ownerLiveness, processStart } from '../src/shared/process.js';
import { fixtureHome } from './support/fixtures.js';
import { runCli, runJson } from './support/cli.js';
import type { HistoryRowJson } from './support/cli-json.js';
import { dbRows } from './support/spawn-cli.js';
import { waitFor } from './support/wait.js';

// A session counts as alive only while the process that runs it does: same machine, same pid,
// and that pid's process started when the session's did (a pid is reused sooner or later).

/** A process of our own to compare with: it runs until it is killed. */
async function otherProcess() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await waitFor(() => child.pid !== undefined && processStart(child.pid) !== null, 'the child to start');
  return { pid: child.pid ?? 0, stop: () => child.kill('SIGKILL'), exited: new Promise((r) => child.on('exit', r)) };
}

describe('the start time of a process', () => {
  it.each(['linux', 'darwin'] as const)(
    '%s way: the same for the same process, another for another one',
    async (platform) => {
      // The macOS way (ps -o lstart) runs on Linux too, so both are exercised here.
      const mine = processStart(process.pid, platform);
      expect(mine).not.toBeNull();
      expect(processStart(process.pid, platform)).toBe(mine);
      const other = await otherProcess();
      try {
        expect(processStart(other.pid, platform)).not.toBeNull();
        if (platform === 'linux') expect(processStart(other.pid, platform)).not.toBe(mine);
      } finally {
        other.stop();
      }
      await other.exited;
      expect(processStart(other.pid, platform)).toBeNull();
    },
  );
});

describe('whether a session owner still runs', () => {
  const me = () => ({ pid: process.pid, start: processStart(process.pid), host: hostname() });

  it('alive: this machine, the pid runs and started when the owner did', () => {
    expect(ownerLiveness(me())).toBe('alive');
  });

  it('gone: the pid runs, but it is a later process (another start time)', async () => {
    const other = await otherProcess();
    try {
      // The pid of a live process with the start time of another one: a reused pid.
      expect(ownerLiveness({ ...me(), pid: other.pid })).toBe('gone');
    } finally {
      other.stop();
    }
  });

  it('gone: the pid is not running', async () => {
    const other = await otherProcess();
    const owner = { pid: other.pid, start: processStart(other.pid), host: hostname() };
    expect(ownerLiveness(owner)).toBe('alive');
    other.stop();
    await other.exited;
    expect(ownerLiveness(owner)).toBe('gone');
  });

  it('elsewhere: another machine, whatever the pid (it cannot be checked from here)', () => {
    expect(ownerLiveness({ ...me(), host: 'another-machine.example' })).toBe('elsewhere');
  });

  it('a row saved before the start time was kept: the pid is all there is', () => {
    expect(ownerLiveness({ pid: process.pid, start: null, host: null })).toBe('alive');
  });
});

/** A session left in progress, owned by the given process (a fixture row, rewritten). */
function inProgress(owner: { pid: number; start: string | null; host: string | null }) {
  const { home, ids } = fixtureHome([{ startedAt: '2026-11-01T09:00:00Z', answers: ['An answer about caching.'] }]);
  const db = new Database(join(home, 'interview-coach.db'));
  db.prepare(
    `UPDATE sessions SET status = 'in_progress', end_reason = NULL, ended_at = NULL, duration_ms = NULL,
            pid = ?, process_start = ?, hostname = ? WHERE id = ?`,
  ).run(owner.pid, owner.start, owner.host, ids[0]);
  db.close();
  return { home, id: ids[0], short: ids[0].slice(0, 8), env: { INTERVIEW_COACH_HOME: home } };
}

describe('resume and history read the owner', () => {
  it('a reused pid (a live process that started at another time) reads interrupted, and resume continues it', async () => {
    const s = inProgress({ pid: process.pid, start: 'linux:a-boot-long-ago:12345', host: hostname() });
    const [row] = await runJson<HistoryRowJson[]>(['history', '--json'], { env: s.env });
    expect(row?.status).toBe('interrupted');
    const r = await runCli(['resume', s.short, '--offline', '--no-evaluate'], { env: s.env, input: '' });
    expect(r.stderr).not.toContain('still running');
    expect(r.exitCode).toBe(0);
    expect(dbRows(s.home, 'SELECT status FROM sessions')).toEqual([{ status: 'completed' }]);
  });

  it('a live owner (same pid, same start time) is refused, with --force as the way out', async () => {
    const s = inProgress({ pid: process.pid, start: processStart(process.pid), host: hostname() });
    const r = await runCli(['resume', s.short, '--offline', '--no-evaluate'], { env: s.env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`still running (process ${process.pid})`);
    expect(r.stderr).toContain(`interview-coach resume ${s.short} --force`);
  });

  it('a session from another machine may still run there: refused, then taken over with --force and a warning', async () => {
    const s = inProgress({ pid: 4242, start: 'linux:their-boot:99', host: 'another-machine.example' });
    const [row] = await runJson<HistoryRowJson[]>(['history', '--json'], { env: s.env });
    expect(row?.status).toBe('in_progress');
    const refused = await runCli(['resume', s.short, '--offline', '--no-evaluate'], { env: s.env });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('another-machine.example');
    expect(refused.stderr).toContain(`interview-coach resume ${s.short} --force`);

    const forced = await runCli(['resume', s.short, '--force', '--offline', '--no-evaluate'], {
      env: s.env,
      input: '',
    });
    expect(forced.exitCode).toBe(0);
    expect(forced.stderr).toMatch(/^⚠ Taking over session .*another-machine\.example/m);
    expect(dbRows(s.home, 'SELECT status, hostname FROM sessions')).toEqual([
      { status: 'completed', hostname: hostname() },
    ]);
  });

  it('a new session records who runs it', async () => {
    const { home } = fixtureHome([]);
    const r = await runCli(['start', '--role', 'backend', '--offline', '--questions', '1', '--no-evaluate'], {
      env: { INTERVIEW_COACH_HOME: home },
      input: 'An answer.\n',
    });
    expect(r.exitCode).toBe(0);
    const [row] = dbRows<{ pid: number; process_start: string | null; hostname: string }>(
      home,
      'SELECT pid, process_start, hostname FROM sessions',
    );
    expect(row?.hostname).toBe(hostname());
    expect(row?.pid).toBeGreaterThan(0);
    if (process.platform === 'linux') expect(row?.process_start).toMatch(/^linux:[0-9a-f-]+:\d+$/);
  });
});
