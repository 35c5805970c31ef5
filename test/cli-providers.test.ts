import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandin } from './support/ollama-standin.mjs';
import { startOpenAiStandin } from './support/openai-standin.mjs';
import { judgeJson } from './support/judge.mjs';
import { OBEDIENT_GREETING, obedient } from './support/scenarios.mjs';
import { runCli } from './support/cli.js';
import { dbRows } from './support/spawn-cli.js';

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const home = () => mkdtempSync(join(tmpdir(), 'ic-provider-'));
const ANSWERS =
  'We sharded by tenant id and kept a read replica per region, which cut p99 latency from 900 ms to 120 ms.\n\n' +
  'I would add an idempotency key to every payment request and store it for 24 hours.\n\n' +
  'I would compare the query plan before and after, then check for a missing index on the new filter column.\n';

/** Every byte under a folder, for a string that must appear in none of its files. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const PROVIDERS = [
  {
    name: 'ollama',
    start: async () => {
      const s = await startStandin({ reply: obedient({ judge: (req) => JSON.stringify(judgeJson(req)) }) });
      servers.push(s);
      return { flags: ['--host', s.url], endpoint: s.url.replace('localhost', '127.0.0.1') };
    },
  },
  {
    name: 'openai',
    start: async () => {
      const s = await startOpenAiStandin({ reply: obedient({ judge: (req) => JSON.stringify(judgeJson(req)) }) });
      servers.push(s);
      return { flags: ['--provider', 'openai', '--base-url', s.url], endpoint: `openai+${s.url}` };
    },
  },
] as const;

describe.each(PROVIDERS)('a whole piped interview and its evaluation on $name', ({ name, start }) => {
  it('asks, follows up, closes, grades, and remembers where it ran', async () => {
    const server = await start();
    const dir = home();
    const r = await runCli(['start', '--role', 'backend', '--questions', '2', ...server.flags], {
      input: ANSWERS,
      env: { INTERVIEW_COACH_HOME: dir },
      timeoutMs: 60_000,
    });
    expect(r.stderr).not.toContain('question bank');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`Interviewer: ${OBEDIENT_GREETING}`);
    // The model worded the questions and at least one follow-up (the scripted obedient model's words).
    const asked = dbRows<{ kind: string; asked_by: string }>(
      dir,
      "SELECT kind, asked_by FROM transcripts WHERE speaker = 'interviewer' ORDER BY seq",
    );
    expect(asked.filter((t) => t.kind === 'question' && t.asked_by === 'model')).toHaveLength(2);
    expect(asked.some((t) => t.kind === 'follow-up' && t.asked_by === 'model')).toBe(true);
    expect(dbRows(dir, 'SELECT status, model, host FROM sessions')).toEqual([
      { status: 'completed', model: 'mistral', host: server.endpoint },
    ]);
    const evaluations = dbRows<{ kind: string; status: string; host: string }>(
      dir,
      'SELECT kind, status, host FROM evaluations',
    );
    expect(evaluations).toEqual([{ kind: 'ai', status: 'ok', host: server.endpoint }]);
    const calls = dbRows<{ purpose: string; host: string; error: string | null }>(
      dir,
      'SELECT purpose, host, error FROM llm_calls',
    );
    expect(new Set(calls.map((c) => c.purpose))).toEqual(
      new Set(name === 'ollama' ? ['warm-up', 'interviewer', 'judge'] : ['interviewer', 'judge']),
    );
    expect(calls.every((c) => c.host === server.endpoint && c.error === null)).toBe(true);

    // evaluate with no flags goes back to the same server (and the same kind of server).
    const again = await runCli(['evaluate', 'last', '--json'], {
      env: { INTERVIEW_COACH_HOME: dir },
      timeoutMs: 30_000,
    });
    expect(again.exitCode).toBe(0);
    expect((JSON.parse(again.stdout) as { evaluation: { host: string } }).evaluation.host).toBe(server.endpoint);
  });
});

describe('the API key of an OpenAI-compatible server', () => {
  it('is read from the environment, sent to the server, and found in no file and no output', async () => {
    const key = 'sk-standin-7d1e0b3c9a55f2e4';
    const s = await startOpenAiStandin({
      apiKey: key,
      reply: obedient({ judge: (req) => JSON.stringify(judgeJson(req)) }),
    });
    servers.push(s);
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir, TEAM_LLM_KEY: key };
    const outputs: string[] = [];
    const run = async (args: string[], input = '') => {
      const r = await runCli(args, { input, env, timeoutMs: 60_000 });
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    expect((await run(['config', 'set', 'apiKeyEnv', 'TEAM_LLM_KEY'])).exitCode).toBe(0);
    expect((await run(['config', 'set', 'provider', 'openai'])).exitCode).toBe(0);
    expect((await run(['config', 'set', 'baseUrl', s.url])).exitCode).toBe(0);
    const interview = await run(['start', '--role', 'backend', '--questions', '1'], ANSWERS);
    expect(interview.exitCode).toBe(0);
    expect(interview.stderr).not.toContain('question bank');
    await run(['calls', 'last', '--json']);
    await run(['export', 'last', '--format', 'json', '--with-calls']);
    await run(['config', 'list']);
    const doctor = await run(['doctor', '--json']);
    expect(doctor.stdout).toContain('API key from TEAM_LLM_KEY');

    const chat = s.requests.filter((q) => q.path === '/v1/chat/completions');
    expect(chat.length).toBeGreaterThan(2);
    expect(chat.every((q) => q.headers.authorization === `Bearer ${key}`)).toBe(true);
    for (const file of filesUnder(dir)) expect(readFileSync(file).includes(key), file).toBe(false);
    for (const text of outputs) expect(text).not.toContain(key);

    // Without the key the server refuses, and the person is told which variable to set.
    const refused = await runCli(['doctor', '--json'], { env: { INTERVIEW_COACH_HOME: dir } });
    expect(refused.stdout, refused.stderr).toContain('Set TEAM_LLM_KEY');
  });
});
