/**
 * `config list` shows every setting with the value the app uses and where it came from; `config
 * set` checks a value before saving it, and a bad value in the file (edited by hand) is named
 * as coming from the config, with the command that fixes it.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, runJson } from './support/cli.js';
import type { ConfigListJson, SessionDocument } from './support/cli-json.js';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { obedient } from './support/scenarios.mjs';
import { writePlatformRole } from './support/fixtures.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const home = () => mkdtempSync(join(tmpdir(), 'ic-config-'));
/** Nothing from the machine running the tests: no OLLAMA_HOST, no COLUMNS. */
const clean = (dir: string) => ({ INTERVIEW_COACH_HOME: dir, OLLAMA_HOST: undefined, COLUMNS: undefined });
const ANSWER = 'At my last job we cut p95 from 800 ms to 60 ms with a covering index on the orders table.';

/** The keys `config --help` lists under "Settings:", in its order. */
async function helpKeys(): Promise<string[]> {
  const help = (await runCli(['config', '--help'])).stdout;
  const section = help.slice(help.indexOf('Settings:\n') + 'Settings:\n'.length).split('\n\n')[0] ?? '';
  return section.split('\n').map((line) => line.trim().split(/\s+/)[0] ?? '');
}

describe('config list on a fresh install', () => {
  it('lists every setting, each from its default, and creates nothing', async () => {
    const dir = home();
    const r = await runCli(['config', 'list', '--json'], { env: clean(dir) });
    expect(r.exitCode, r.stderr).toBe(0);
    const listed = JSON.parse(r.stdout) as ConfigListJson;
    const keys = await helpKeys();
    expect(keys.length).toBeGreaterThan(10);
    expect(listed.map((s) => s.key)).toEqual(keys);
    expect(new Set(listed.map((s) => s.source))).toEqual(new Set(['default']));
    // Only `role` has no default (start asks for --role until one is saved).
    expect(listed.filter((s) => s.value === null).map((s) => s.key)).toEqual(expect.arrayContaining(['role']));
    expect(existsSync(join(dir, 'interview-coach.db'))).toBe(false);
    expect(existsSync(join(dir, 'config.json'))).toBe(false);

    // The text view: a header, then one row per setting with its value and source.
    const text = await runCli(['config', 'list'], { env: clean(dir) });
    const [header, ...rows] = text.stdout.trimEnd().split('\n');
    expect(header?.split(/\s+/)).toEqual(['KEY', 'VALUE', 'SOURCE']);
    // Columns are padded with spaces; a value may hold single spaces itself (sttPrompt's does).
    expect(rows.map((row) => row.replace(/\s+/g, ' '))).toEqual(
      listed.map((s) => `${s.key} ${s.value === null ? '—' : String(s.value)} default`),
    );
  });

  it('the values listed are the ones an interview then uses; OLLAMA_HOST shows as env', async () => {
    const dir = home();
    const fresh = await runJson<ConfigListJson>(['config', 'list', '--json'], { env: clean(dir) });
    const value = (list: ConfigListJson, key: string) => list.find((s) => s.key === key)?.value;
    const model = String(value(fresh, 'model'));
    standin = await startStandin({ models: [`${model}:latest`], reply: obedient() });
    const env = { ...clean(dir), OLLAMA_HOST: standin.url };
    const r = await runCli(['start', '--role', 'backend'], { env, input: `${ANSWER}\n\n`.repeat(12) });
    expect(r.exitCode, r.stderr).toBe(0);

    const doc = await runJson<SessionDocument>(['export', 'last', '--format', 'json'], { env });
    const chats = standin.chatRequests().filter((c) => (c.messages?.length ?? 0) > 0);
    const judge = chats.find((c) => c.format);
    const interviewer = chats.find((c) => !c.format);
    expect(value(fresh, 'questions')).toBe(doc.plannedQuestions);
    expect(value(fresh, 'difficulty')).toBe(doc.difficulty);
    expect(interviewer?.model).toBe(model);
    expect(value(fresh, 'judgeModel')).toBe(judge?.model);
    expect(value(fresh, 'keepAlive')).toBe(interviewer?.keep_alive);

    const withHost = await runJson<ConfigListJson>(['config', 'list', '--json'], { env });
    expect(withHost.find((s) => s.key === 'host')).toEqual({
      key: 'host',
      value: doc.host,
      source: 'env',
      envVar: 'OLLAMA_HOST',
    });
    const text = await runCli(['config', 'list'], { env });
    expect(text.stdout).toMatch(new RegExp(`^host\\s+${doc.host ?? 'no host'}\\s+env OLLAMA_HOST$`, 'm'));
  });
});

describe('config set checks the value', () => {
  it.each([
    ['role', 'nope', /^✖ Invalid value for role: "nope"\. Use backend, .*product-manager or a short name/],
    ['model', 'llama 3', /^✖ Invalid value for model: "llama 3"\. Use an Ollama model name/],
    ['judgeModel', 'qwen3:', /^✖ Invalid value for judgeModel: "qwen3:"\. Use an Ollama model name/],
    ['model', 'a/b/c/d', /^✖ Invalid value for model: "a\/b\/c\/d"\. Use an Ollama model name/],
    ['questions', '21', /^✖ Invalid value for questions: "21"\. Use a whole number from 1 to 20\.$/],
    ['silenceMs', '1.5', /^✖ Invalid value for silenceMs: "1\.5"\. Use a whole number from 200 to 5000\.$/],
    ['difficulty', 'extreme', /^✖ Invalid value for difficulty: "extreme"\. Use easy, medium or hard\.$/],
    ['sttDevice', 'gpu', /^✖ Invalid value for sttDevice: "gpu"\. Use cpu, cuda or auto\.$/],
    ['sttComputeType', 'int4', /^✖ Invalid value for sttComputeType: "int4"\. Use int8, /],
    ['language', 'english', /^✖ Invalid value for language: "english"\. Use a language code/],
    ['keepAlive', 'forever', /^✖ Invalid value for keepAlive: "forever"\. Use a duration/],
    ['sttPrompt', 'Um. '.repeat(60), /^✖ Invalid value for sttPrompt: ".*"\. Use a short line of text \(at most 200/],
  ])('%s %j is refused in one line with what to use, exit 2, nothing saved', async (key, value, message) => {
    const dir = home();
    const r = await runCli(['config', 'set', key, value], { env: clean(dir) });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });

  it.each([
    ['role', 'SRE', 'sre'],
    ['role', 'data-scientist', 'data-scientist'],
    ['model', 'hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M', 'hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M'],
    ['judgeModel', 'qwen3:14b', 'qwen3:14b'],
    ['model', 'library/mistral:latest', 'library/mistral:latest'],
    ['questions', '20', '20'],
    ['language', 'DE', 'de'],
    ['sttPrompt', '  Um, er, you know.  ', 'Um, er, you know.'],
    ['sttPrompt', '', ''],
  ])('%s %j is saved (as %j)', async (key, value, saved) => {
    const env = clean(home());
    const r = await runCli(['config', 'set', key, value], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect((await runCli(['config', 'get', key], { env })).stdout).toBe(`${saved}\n`);
  });

  it('a custom role saved by --role-file is a role too, and is named among the choices', async () => {
    const dir = home();
    const env = clean(dir);
    const before = await runCli(['config', 'set', 'role', 'platform'], { env });
    expect(before.exitCode).toBe(2);
    const started = await runCli(
      ['start', '--role-file', writePlatformRole(dir), '--offline', '--questions', '1', '--no-evaluate'],
      { env, input: 'An answer.\n' },
    );
    expect(started.exitCode, started.stderr).toBe(0);
    expect((await runCli(['config', 'set', 'role', 'platform'], { env })).exitCode).toBe(0);
    const other = await runCli(['config', 'set', 'role', 'platfrom'], { env });
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toMatch(/Use backend, .*, platform or a short name/);
  });

  it('the same model-name check guards --model and --judge-model', async () => {
    for (const args of [
      ['start', '--role', 'backend', '--offline', '--model', 'llama 3'],
      ['start', '--role', 'backend', '--offline', '--judge-model', 'x y'],
      ['doctor', '--model', 'bad name'],
    ]) {
      const r = await runCli(args, { env: clean(home()) });
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(/^✖ Invalid --(judge-)?model ".+"\. Use an Ollama model name/);
    }
  });
});

describe('a bad value that did not come from config set', () => {
  it('a role edited into the file: start names the setting, the file and the fix (exit 1)', async () => {
    const dir = home();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ role: 'astronaut' }));
    const r = await runCli(['start', '--offline'], { env: clean(dir), input: 'An answer.\n' });
    expect(r.exitCode).toBe(1);
    const [message, hint] = r.stderr.trimEnd().split('\n');
    expect(message).toMatch(
      new RegExp(`^✖ The saved setting role in ${join(dir, 'config.json')} is not valid: "astronaut"\\. Use backend, `),
    );
    expect(hint).toContain('interview-coach config unset role');
    // --role on the command line does not read it.
    const flag = await runCli(['start', '--role', 'backend', '--offline', '--no-evaluate'], {
      env: clean(dir),
      input: 'An answer.\n',
    });
    expect(flag.exitCode, flag.stderr).toBe(0);
  });

  it('a model name edited into the file stops every command that reads settings, naming the key', async () => {
    const dir = home();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ model: 'my model' }));
    const r = await runCli(['start', '--role', 'backend', '--offline'], { env: clean(dir), input: 'An answer.\n' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('✖ The saved setting model in');
    expect(r.stderr).toContain('is not valid: "my model". Use an Ollama model name');
    expect(r.stderr).toContain('interview-coach config unset model');
  });

  it('a bad OLLAMA_HOST is named as such, by start and by config list', async () => {
    const env = { ...clean(home()), OLLAMA_HOST: 'http://' };
    const start = await runCli(['start', '--role', 'backend'], { env, input: 'An answer.\n' });
    expect(start.exitCode).toBe(2);
    expect(start.stderr.split('\n')[0]).toMatch(/^✖ Invalid OLLAMA_HOST: "http:\/\/" names no host/);
    const list = await runCli(['config', 'list'], { env });
    expect(list.exitCode).toBe(1);
    expect(list.stdout).toMatch(/^host\s+http:\/\/\s+env OLLAMA_HOST \(not valid\)$/m);
    expect(list.stderr).toContain('✖ The environment variable OLLAMA_HOST is not valid: "http://".');
  });
});
