import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from './support/cli.js';

// The data folder is the person's: a missing one is created private (0700), an existing one
// keeps whatever mode it was given. Every folder here is a fresh mkdtemp, never /tmp itself.
const fresh = () => mkdtempSync(join(tmpdir(), 'ic-home-'));
const modeOf = (path: string) => statSync(path).mode & 0o7777;
const ANSWERS = 'Sharded by tenant.\n\nIdempotency keys.\n';
const start = (home: string) =>
  runCli(['start', '--role', 'backend', '--offline', '--questions', '2'], {
    input: ANSWERS,
    env: { INTERVIEW_COACH_HOME: home },
  });
const warnings = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('⚠ The data folder'));

describe('a data folder that does not exist yet', () => {
  it('is created with mode 0700, parents included', async () => {
    const home = join(fresh(), 'a', 'b');
    const r = await start(home);
    expect(r.exitCode).toBe(0);
    expect(modeOf(home)).toBe(0o700);
    expect(existsSync(join(home, 'interview-coach.db'))).toBe(true);
    expect(warnings(r.stderr)).toEqual([]);
  });
});

describe('an existing data folder keeps its mode', () => {
  it('0755: used as it is, no warning (only the owner can write)', async () => {
    const home = fresh();
    chmodSync(home, 0o755);
    for (const args of [['config', 'path'], ['history']]) {
      const r = await runCli(args, { env: { INTERVIEW_COACH_HOME: home } });
      expect(r.exitCode).toBe(0);
      expect(warnings(r.stderr)).toEqual([]);
    }
    const r = await start(home);
    expect(r.exitCode).toBe(0);
    expect(modeOf(home)).toBe(0o755);
  });

  it('1777 (shared, like /tmp): never chmodded; one warning per command, even when opened twice', async () => {
    const home = fresh();
    chmodSync(home, 0o1777);
    const path = await runCli(['config', 'path'], { env: { INTERVIEW_COACH_HOME: home } });
    expect(path.exitCode).toBe(0);
    expect(modeOf(home)).toBe(0o1777);
    const warning = `⚠ The data folder ${home} can be written by other users (mode 1777); \`chmod 700 ${home}\` keeps your interviews private.`;
    expect(warnings(path.stderr)).toEqual([warning]);
    // start opens the settings and the database, both in this folder: still one warning.
    const r = await start(home);
    expect(r.exitCode).toBe(0);
    expect(warnings(r.stderr)).toEqual([warning]);
    expect(modeOf(home)).toBe(0o1777);
  });

  it('a folder its owner made read-only is not made writable again: the command stops with one clear line', async () => {
    const home = fresh();
    chmodSync(home, 0o555);
    const r = await start(home);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`✖ The data folder ${home} is read-only (mode 0555), so nothing can be saved.`);
    expect(r.stderr).toContain(`chmod u+w ${home}`);
    expect(modeOf(home)).toBe(0o555);
    expect(readdirSync(home)).toEqual([]);
  });
});

describe('a data folder that is a file', () => {
  it('is refused in one line with the next step; the file is left alone', async () => {
    const file = join(fresh(), 'home');
    writeFileSync(file, 'not a folder');
    for (const args of [['config', 'path'], ['history'], ['start', '--role', 'backend', '--offline']]) {
      const r = await runCli(args, { input: ANSWERS, env: { INTERVIEW_COACH_HOME: file } });
      expect(r.exitCode).toBe(1);
      expect(r.stderr.split('\n')[0]).toBe(`✖ The data folder ${file} is not a folder (a file is in the way).`);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });
});

describe('a relative INTERVIEW_COACH_HOME', () => {
  const inFolder = (cwd: string, args: string[], input = '') =>
    execa(process.execPath, [BIN, ...args], {
      cwd,
      input,
      env: { INTERVIEW_COACH_HOME: 'data/coach', NO_COLOR: '1' },
      reject: false,
    });

  it('is taken from the current folder and shown as the full path', async () => {
    const cwd = fresh();
    const full = join(cwd, 'data', 'coach');
    const path = await inFolder(cwd, ['config', 'path']);
    expect(path.stdout).toBe(join(full, 'config.json'));
    const doctor = await inFolder(cwd, ['doctor', '--host', 'http://127.0.0.1:9']);
    expect(doctor.stdout).toMatch(new RegExp(`Data directory\\s+${full.replace(/[.]/g, '\\.')}\\n`));
    const run = await inFolder(cwd, ['start', '--role', 'backend', '--offline', '--questions', '2'], ANSWERS);
    expect(run.exitCode).toBe(0);
    expect(existsSync(join(full, 'interview-coach.db'))).toBe(true);
    expect(modeOf(full)).toBe(0o700);
  });

  it('errors name the full path too', async () => {
    const cwd = fresh();
    mkdirSync(join(cwd, 'data'));
    writeFileSync(join(cwd, 'data', 'coach'), '');
    const r = await inFolder(cwd, ['history']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(
      `✖ The data folder ${join(cwd, 'data', 'coach')} is not a folder (a file is in the way).`,
    );
  });
});
