import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import type { ConfigListJson, RoleJson } from './support/cli-json.js';

type ListedSetting = ConfigListJson[number];
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
    const fresh = (await runCli(['config', 'get', 'model'], { env })).stdout;
    expect((await runCli(['config', 'set', 'model', 'llama3.1'], { env })).exitCode).toBe(0);
    expect((await runCli(['config', 'set', 'questions', '3'], { env })).exitCode).toBe(0);
    expect((await runCli(['config', 'get', 'model'], { env })).stdout.trim()).toBe('llama3.1');
    const list = (await runCli(['config', 'list'], { env })).stdout.split('\n');
    expect(list.find((l) => l.startsWith('model '))?.split(/\s+/)).toEqual(['model', 'llama3.1', 'config']);
    expect(list.find((l) => l.startsWith('questions '))?.split(/\s+/)).toEqual(['questions', '3', 'config']);
    const json = JSON.parse((await runCli(['config', 'list', '--json'], { env })).stdout) as ListedSetting[];
    expect(json.filter((s) => s.source === 'config')).toEqual([
      { key: 'model', value: 'llama3.1', source: 'config' },
      { key: 'questions', value: 3, source: 'config' },
    ]);
    const path = (await runCli(['config', 'path'], { env })).stdout.trim();
    expect(path.startsWith(dir)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await runCli(['config', 'unset', 'model'], { env });
    // Unset, get gives what the app uses again: the default, as on a fresh install.
    expect((await runCli(['config', 'get', 'model'], { env })).stdout).toBe(fresh);
    expect(fresh.trim()).not.toBe('');
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

    it('commands that use settings stop at once, naming the key, the file and the fix', async () => {
      for (const args of [
        ['start', '--role', 'backend', '--offline'],
        ['config', 'list'],
        ['config', 'get', 'questions'],
      ]) {
        const r = await runCli(args, { env, input: 'An answer.\n' });
        expect(r.exitCode, args.join(' ')).toBe(1);
        expect(r.stderr).toContain(
          `✖ The saved setting questions in ${join(home, 'config.json')} is not valid: "lots". Use a whole number from 1 to 20.`,
        );
        expect(r.stderr).toContain('interview-coach config unset questions');
      }
    });

    it('config list still lists every setting, the bad one as it is written; get of another key works', async () => {
      const list = await runCli(['config', 'list'], { env });
      expect(list.stdout.split('\n').find((l) => l.startsWith('questions '))).toMatch(
        /^questions\s+lots\s+config \(not valid\)$/,
      );
      expect(list.stdout).toMatch(/^model\s+llama3\.1\s+config$/m);
      const get = await runCli(['config', 'get', 'model'], { env });
      expect(get.exitCode).toBe(0);
      expect(get.stdout).toBe('llama3.1\n');
    });

    it('config set and unset still work, so the fix works; then the settings read again', async () => {
      expect((await runCli(['config', 'set', 'model', 'mistral'], { env })).exitCode).toBe(0);
      expect((await runCli(['config', 'unset', 'questions'], { env })).exitCode).toBe(0);
      const r = await runCli(['config', 'list', '--json'], { env });
      expect(r.exitCode).toBe(0);
      const listed = JSON.parse(r.stdout) as ListedSetting[];
      expect(listed.filter((s) => s.source === 'config')).toEqual([
        { key: 'model', value: 'mistral', source: 'config' },
      ]);
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
