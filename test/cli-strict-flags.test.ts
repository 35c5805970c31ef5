import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePlatformRole } from './support/fixtures.js';
import { runCli } from './support/cli.js';
import { speedFactor, wholeNumber } from '../src/commands/parsers.js';
import { normalizeHost } from '../src/core/llm/host.js';
import { parseSetting } from '../src/app/settings.js';

const home = () => mkdtempSync(join(tmpdir(), 'ic-flags-'));
// Number() reads every one of these as a whole number; a person typing them meant something else.
const NOT_DECIMAL_DIGITS = ['1e1', '0x10', '0b11', '0o7', '1.0', '+5', '-0', '5.', '1_0', 'Infinity'];

describe('whole numbers are decimal digits only', () => {
  it.each(NOT_DECIMAL_DIGITS)('the parser refuses %s', (raw) => {
    expect(() => wholeNumber(0)(raw)).toThrow('Use a whole number of at least 0.');
  });

  it('still takes plain digits, with spaces around', () => {
    expect(wholeNumber(1, 20)('7')).toBe(7);
    expect(wholeNumber(1, 20)(' 12 ')).toBe(12);
    expect(wholeNumber(0)('007')).toBe(7);
  });

  it.each([
    [
      ['start', '--role', 'backend', '--offline', '--questions', '1e1'],
      'Invalid --questions "1e1". Use a whole number from 1 to 20.',
    ],
    [
      ['start', '--role', 'backend', '--offline', '--silence-ms', '7e2'],
      'Invalid --silence-ms "7e2". Use a whole number from 200 to 5000.',
    ],
    [['history', '--limit', '0x10'], 'Invalid --limit "0x10". Use a whole number of at least 0.'],
    [['retry', 'last', '--question', '1.0'], 'Invalid --question "1.0". Use a whole number of at least 1.'],
  ])('the command line refuses it too: %j', async (args, message) => {
    const r = await runCli(args, { env: { INTERVIEW_COACH_HOME: home() } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`✖ ${message}`);
    expect(r.stdout).toBe('');
  });

  it('config set refuses them for every number setting; a saved JSON number still reads', async () => {
    for (const key of ['questions', 'silenceMs', 'maxAnswerSec']) {
      for (const raw of ['1e1', '0x10', '1.0', '3e2'])
        expect(() => parseSetting(key, raw), `${key} ${raw}`).toThrow(/Invalid value/);
    }
    expect(parseSetting('questions', '7')).toEqual({ questions: 7 });
    const dir = home();
    const r = await runCli(['config', 'set', 'questions', '1e1'], { env: { INTERVIEW_COACH_HOME: dir } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^✖ Invalid value for questions: "1e1"/);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ questions: 2 }));
    const run = await runCli(['start', '--role', 'backend', '--offline'], {
      env: { INTERVIEW_COACH_HOME: dir },
      input: 'A.\n\nB.\n',
    });
    expect(run.exitCode).toBe(0);
    expect(countQuestions(dir)).toBe(2);
  });
});

describe('replay --speed: a decimal factor', () => {
  it.each(['1e1', '0x2', 'Infinity', '2xx', '.', ''])('refuses %j', (raw) => {
    expect(() => speedFactor(raw)).toThrow(/positive factor/);
  });
  it.each([
    ['2', 2],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['2x', 2],
    ['1.5X', 1.5],
  ])('takes %s', (raw, speed) => {
    expect(speedFactor(raw)).toBe(speed);
  });
});

describe('hosts must name a host', () => {
  it.each(['http://', 'https://', 'http:///', 'http://:11434', 'http://user@', 'http:///ollama'])(
    'refuses %s',
    (raw) => {
      expect(() => normalizeHost(raw)).toThrow(`"${raw}" names no host`);
    },
  );
  it.each([
    ['localhost', 'http://localhost:11434'],
    [':11435', 'http://127.0.0.1:11435'],
    ['http://gpu-box/', 'http://gpu-box:11434'],
    ['https://ollama.example.com:443/api-proxy/', 'https://ollama.example.com:443/api-proxy'],
    ['http://[::1]', 'http://[::1]:11434'],
  ])('still takes %s', (raw, url) => {
    expect(normalizeHost(raw)).toBe(url);
    expect(normalizeHost(url)).toBe(url); // what config set stores reads back the same
  });

  it('--host http:// and config set host http:// are refused in one line, exit 2', async () => {
    const dir = home();
    const start = await runCli(['start', '--role', 'backend', '--host', 'http://'], {
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(start.exitCode).toBe(2);
    expect(start.stderr.trimEnd().split('\n')).toEqual([
      '✖ Invalid --host: "http://" names no host (expected e.g. http://127.0.0.1:11434).',
    ]);
    const set = await runCli(['config', 'set', 'host', 'http://'], { env: { INTERVIEW_COACH_HOME: dir } });
    expect(set.exitCode).toBe(2);
    const lines = set.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^✖ Invalid value for host: "http:\/\/"\. Use an http\(s\) address with a host name/);
  });
});

function countQuestions(dir: string): number {
  const db = new Database(join(dir, 'interview-coach.db'), { readonly: true });
  try {
    return (db.prepare('SELECT planned_questions AS n FROM sessions').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('more questions than the pool holds', () => {
  it('says how many there are, in one line on stderr, and asks them all', async () => {
    const dir = home();
    const roleFile = writePlatformRole(dir);
    const r = await runCli(['start', '--role-file', roleFile, '--offline', '--questions', '20', '--no-evaluate'], {
      env: { INTERVIEW_COACH_HOME: dir },
      input: 'Canary node pools.\n\nCache and shard the tests.\n\nA template with CI and alerts.\n',
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.includes('pool'))).toEqual([
      '⚠ The platform pool has 3 questions; asking 3.',
    ]);
    expect(countQuestions(dir)).toBe(3);
  });

  it('no warning when the pool is large enough', async () => {
    const dir = home();
    const r = await runCli(['start', '--role', 'backend', '--offline', '--questions', '2', '--no-evaluate'], {
      env: { INTERVIEW_COACH_HOME: dir },
      input: 'A.\n\nB.\n',
    });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).not.toMatch(/pool has/);
  });
});
