import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import type { RoleJson } from './support/cli-json.js';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { obedient } from './support/scenarios.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const home = () => mkdtempSync(join(tmpdir(), 'ic-misc-'));
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

describe('global', () => {
  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('help lists every command with examples', async () => {
    const r = await runCli(['--help']);
    expect(r.exitCode).toBe(0);
    const commands = [
      'start',
      'roles',
      'config',
      'evaluate',
      'history',
      'replay',
      'export',
      'calls',
      'stats',
      'resume',
      'retry',
      'delete',
      'purge',
      'doctor',
    ];
    for (const cmd of commands) expect(r.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
    expect(r.stdout).toContain('Examples:');
    for (const cmd of commands) {
      const sub = await runCli([cmd, '--help']);
      expect(sub.exitCode).toBe(0);
      expect(sub.stdout).toContain('Examples:');
    }
  });
});

describe('roles', () => {
  it('lists at least 10 built-in roles', async () => {
    const r = await runCli(['roles']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(r.stdout).toMatch(/^backend\s+Backend/m);
    expect(r.stdout).not.toContain('\u001B[');
  });

  it('--json gives every role with its question pool', async () => {
    const r = await runCli(['roles', '--json']);
    const roles = JSON.parse(r.stdout) as RoleJson[];
    expect(roles.length).toBeGreaterThanOrEqual(10);
    for (const role of roles) expect(role.questions.length).toBeGreaterThanOrEqual(12);
    expect(roles.map((x) => x.id)).toEqual(
      expect.arrayContaining(['backend', 'frontend', 'system-design', 'behavioral']),
    );
  });
});

describe('config', () => {
  it('set, get, list, unset and path, kept private inside INTERVIEW_COACH_HOME', async () => {
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir };
    expect((await runCli(['config', 'set', 'model', 'llama3.1'], { env })).exitCode).toBe(0);
    expect((await runCli(['config', 'set', 'questions', '3'], { env })).exitCode).toBe(0);
    expect((await runCli(['config', 'get', 'model'], { env })).stdout.trim()).toBe('llama3.1');
    expect((await runCli(['config', 'list'], { env })).stdout).toBe('model=llama3.1\nquestions=3\n');
    expect(JSON.parse((await runCli(['config', 'list', '--json'], { env })).stdout)).toEqual({
      model: 'llama3.1',
      questions: 3,
    });
    const path = (await runCli(['config', 'path'], { env })).stdout.trim();
    expect(path.startsWith(dir)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await runCli(['config', 'unset', 'model'], { env });
    expect((await runCli(['config', 'get', 'model'], { env })).stdout).toBe('');
  });

  it.each([
    [['config', 'set', 'colour', 'blue'], /Unknown setting "colour"/],
    [['config', 'set', 'difficulty', 'extreme'], /Invalid value for difficulty/],
    [['config', 'set', 'questions', '99'], /Invalid value for questions/],
    [['config', 'get', 'nope'], /Unknown setting "nope"/],
  ])('%j is refused with exit 2', async (args, message) => {
    const r = await runCli(args, { env: { INTERVIEW_COACH_HOME: home() } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  describe('a bad value saved in the settings file (edited by hand)', () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-damaged-settings-'));
    const env = { INTERVIEW_COACH_HOME: home };
    writeFileSync(join(home, 'config.json'), JSON.stringify({ model: 'llama3.1', questions: 'lots' }));

    it('commands that use settings stop at once, naming the key and the fix', async () => {
      for (const args of [
        ['start', '--role', 'backend', '--offline'],
        ['config', 'list'],
        ['config', 'get', 'model'],
      ]) {
        const r = await runCli(args, { env, input: 'An answer.\n' });
        expect(r.exitCode, args.join(' ')).toBe(1);
        expect(r.stderr).toContain(
          '✖ The saved setting questions is not valid: "lots" (main questions per interview, 1-20 (default 5)).',
        );
        expect(r.stderr).toContain('interview-coach config unset questions');
      }
    });

    it('config set and unset still work, so the fix works; then the settings read again', async () => {
      expect((await runCli(['config', 'set', 'model', 'mistral'], { env })).exitCode).toBe(0);
      expect((await runCli(['config', 'unset', 'questions'], { env })).exitCode).toBe(0);
      const r = await runCli(['config', 'list'], { env });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe('model=mistral\n');
    });
  });

  it('precedence: flag > config > OLLAMA_HOST > default', async () => {
    standin = await startStandin({ models: ['mistral:latest', 'llama3.1:latest'], reply: obedient() });
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir, OLLAMA_HOST: standin.url };
    const answer = 'An answer that is long enough to need no follow-up.\n';
    // OLLAMA_HOST is used when nothing else says where Ollama is.
    await runCli(['start', '--role', 'backend', '--questions', '1'], { env, input: answer });
    expect(standin.chatRequests().at(-1)!.model).toBe('mistral');
    // config beats the default model...
    await runCli(['config', 'set', 'model', 'llama3.1'], { env });
    await runCli(['start', '--role', 'backend', '--questions', '1'], { env, input: answer });
    expect(standin.chatRequests().at(-1)!.model).toBe('llama3.1');
    // ...and the flag beats config.
    await runCli(['start', '--role', 'backend', '--questions', '1', '--model', 'mistral'], { env, input: answer });
    expect(standin.chatRequests().at(-1)!.model).toBe('mistral');
    // config host beats OLLAMA_HOST.
    await runCli(['config', 'set', 'host', 'http://127.0.0.1:9'], { env });
    const r = await runCli(['start', '--role', 'backend', '--questions', '1'], { env, input: answer });
    expect(r.stderr).toContain('Ollama is not running at http://127.0.0.1:9');
  });
});
