import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { judgeJson } from './support/judge.mjs';
import { OBEDIENT_CLOSING, OBEDIENT_GREETING, obedient } from './support/scenarios.mjs';

// Interviewer turns scripted; the judge call at the end gets a valid evaluation.
const interviewer = obedient({ judge: (req) => JSON.stringify(judgeJson(req)) });
import { BIN, runCli } from './support/cli.js';
import { waitFor } from './support/wait.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const home = () => mkdtempSync(join(tmpdir(), 'ic-cli-'));
const dbRows = (dir: string, sql: string) => {
  const db = new Database(join(dir, 'interview-coach.db'), { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
};
// Port 9 on loopback: nothing listens there, so connections are refused at once.
const DEAD_HOST = 'http://127.0.0.1:9';

describe('start, piped (headless)', () => {
  it('prints a plain transcript to stdout, reads answers per paragraph, saves everything', async () => {
    standin = await startStandin({ reply: interviewer, tokenDelayMs: 1 });
    const dir = home();
    const input =
      'Short.\n\nWe sharded by tenant id and kept\na read replica per region.\n\nI would add an idempotency key to every payment request.\n';
    const r = await runCli(['start', '--role', 'backend', '--questions', '2', '--host', standin.url], {
      input,
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^# Mock interview: Backend Engineer \(medium, 2 questions, model mistral\)/);
    expect(r.stdout).toContain(`Interviewer: ${OBEDIENT_GREETING}`);
    expect(r.stdout).toContain('Candidate: We sharded by tenant id and kept\n  a read replica per region.');
    expect(r.stdout).toContain(`Interviewer: ${OBEDIENT_CLOSING}`);
    // "Short." is not probed; the sharding answer, with no example or numbers, gets the one follow-up.
    expect(dbRows(dir, "SELECT kind, asked_by FROM transcripts WHERE speaker = 'interviewer' ORDER BY seq")).toEqual([
      { kind: 'question', asked_by: 'model' },
      { kind: 'question', asked_by: 'model' },
      { kind: 'follow-up', asked_by: 'model' },
      { kind: 'closing', asked_by: 'model' },
    ]);
    expect(r.stdout).not.toContain('\u001B[');
    expect(r.stderr).toMatch(/Session [0-9a-f]{8} saved \(completed\)/);
    const answers = dbRows(dir, "SELECT content FROM transcripts WHERE speaker = 'candidate' ORDER BY seq").map(
      (x) => x.content,
    );
    expect(answers).toEqual([
      'Short.',
      'We sharded by tenant id and kept\na read replica per region.',
      'I would add an idempotency key to every payment request.',
    ]);
    expect(dbRows(dir, 'SELECT status, interviewer, model FROM sessions')).toEqual([
      { status: 'completed', interviewer: 'ollama', model: 'mistral' },
    ]);
    expect(dbRows(dir, 'SELECT count(*) AS n FROM role_templates')[0]?.n).toBeGreaterThanOrEqual(10);
  });

  it('ends the interview like /end when stdin ends early, and evaluates it', async () => {
    standin = await startStandin({ reply: interviewer });
    const dir = home();
    const r = await runCli(['start', '--role', 'frontend', '--host', standin.url], {
      input: 'A long enough answer about rendering performance and memoization.\n',
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(r.exitCode).toBe(0);
    expect(dbRows(dir, 'SELECT status, end_reason FROM sessions')).toEqual([
      { status: 'completed', end_reason: 'ended early' },
    ]);
    expect(dbRows(dir, 'SELECT kind, status FROM evaluations')).toEqual([{ kind: 'ai', status: 'ok' }]);
    expect(r.stdout).toContain('## Evaluation (AI judge: mistral)');
  });

  it('falls back to the question bank when Ollama is not running, saying why and what to run', async () => {
    const dir = home();
    const r = await runCli(['start', '--role', 'behavioral', '--questions', '2', '--host', DEAD_HOST], {
      input: 'one\n\ntwo\n',
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`Ollama is not running at ${DEAD_HOST}`);
    expect(r.stderr).toContain('ollama serve');
    expect(r.stdout).toContain('question bank');
    expect(dbRows(dir, 'SELECT interviewer, offline_reason FROM sessions')[0]).toMatchObject({
      interviewer: 'question-bank',
      offline_reason: expect.stringContaining('not running'),
    });
  });

  it('names the installed models when the model is not pulled', async () => {
    standin = await startStandin({ models: ['llama3.1:latest', 'qwen2.5:7b'] });
    const r = await runCli(['start', '--role', 'backend', '--questions', '1', '--host', standin.url], { input: 'x\n' });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain("Model 'mistral' is not pulled");
    expect(r.stderr).toContain('llama3.1:latest, qwen2.5:7b');
    expect(r.stderr).toContain('ollama pull mistral');
    expect(standin.chatRequests()).toHaveLength(0);
  });

  it('treats mistral and mistral:latest as the same model', async () => {
    standin = await startStandin({ models: ['mistral:latest'], reply: obedient() });
    const r = await runCli(
      ['start', '--role', 'backend', '--questions', '1', '--model', 'mistral', '--host', standin.url],
      { input: 'An answer with enough words to avoid a follow-up here.\n' },
    );
    expect(r.stderr).not.toContain('not pulled');
    expect(standin.chatRequests()[0]?.model).toBe('mistral');
  });

  it('--offline never contacts Ollama', async () => {
    standin = await startStandin({ reply: obedient() });
    const r = await runCli(['start', '--role', 'devops', '--offline', '--questions', '1', '--host', standin.url], {
      input: 'x\n',
    });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('--offline');
    expect(standin.requests).toHaveLength(0);
  });

  it('keeps answers and continues from the question bank when the stream is cut mid-reply', async () => {
    const good = obedient();
    standin = await startStandin({
      reply: (req, i, ctx) => (i === 0 ? good(req, i, ctx) : { text: 'Thanks. Now let', destroyAfterTokens: 2 }),
    });
    const dir = home();
    const r = await runCli(['start', '--role', 'backend', '--questions', '2', '--no-evaluate', '--host', standin.url], {
      input: 'First answer that is long enough to move on.\n\nSecond answer.\n',
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('dropped in the middle of a reply');
    const answers = dbRows(dir, "SELECT content FROM transcripts WHERE speaker = 'candidate' ORDER BY seq").map(
      (x) => x.content,
    );
    expect(answers).toEqual(['First answer that is long enough to move on.', 'Second answer.']);
  });

  it('a model error before the first token (500) also falls back, with the server message', async () => {
    standin = await startStandin({
      reply: () => ({ status: 500, error: 'model requires more system memory than is currently available' }),
    });
    const r = await runCli(['start', '--role', 'backend', '--questions', '1', '--no-evaluate', '--host', standin.url], {
      input: 'x\n',
    });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('model requires more system memory');
    expect(r.stdout).toContain('Interviewer: Hello, and welcome');
  });
});

describe('start: bad input', () => {
  it('rejects an unknown role with the valid roles and exit code 2', async () => {
    const r = await runCli(['start', '--role', 'astronaut']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/Unknown role "astronaut"\. Valid roles: backend, frontend/);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it.each([
    [['start', '--role', 'backend', '--difficulty', 'extreme'], /Invalid --difficulty "extreme"/],
    [['start', '--role', 'backend', '--questions', '0'], /Invalid --questions "0"/],
    [['start', '--role', 'backend', '--questions', 'many'], /Invalid --questions "many"/],
    [['start', '--role', 'backend', '--host', 'ftp://x'], /Invalid --host/],
    [['start', '--rol', 'backend'], /unknown option '--rol'/],
    [['start'], /Choose a role with --role/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('%j exits 2 with one clear line', async (args, message) => {
    const r = await runCli(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('explains an unwritable data directory', async () => {
    const blocker = join(home(), 'a-file');
    writeFileSync(blocker, '');
    const r = await runCli(['start', '--role', 'backend', '--offline'], {
      env: { INTERVIEW_COACH_HOME: join(blocker, 'data') },
      input: 'x\n',
    });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/✖ Cannot write to the data folder .*a-file\/data/);
    expect(r.stderr).toContain('INTERVIEW_COACH_HOME');
  });

  it('refuses a database from a newer version', async () => {
    const dir = home();
    const db = new Database(join(dir, 'interview-coach.db'));
    db.pragma('user_version = 999');
    db.close();
    const r = await runCli(['start', '--role', 'backend', '--offline'], { env: { INTERVIEW_COACH_HOME: dir } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/written by a newer interview-coach/);
  });
});

describe('start: custom roles', () => {
  it('runs a role from a YAML file and remembers it', async () => {
    const dir = home();
    const file = join(dir, 'role.yaml');
    writeFileSync(
      file,
      `id: sre-oncall
title: On-call SRE
description: Incident response and reliability for a payments platform.
family: technical
skills: [incident response, observability]
questions:
  - text: Walk me through the last incident you led.
  - text: How do you decide what to alert on?
  - text: How would you run a blameless postmortem?
`,
    );
    const r = await runCli(['start', '--role-file', file, '--offline', '--questions', '2'], {
      input: 'a\n\nb\n',
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('On-call SRE');
    const roles = await runCli(['roles'], { env: { INTERVIEW_COACH_HOME: dir } });
    expect(roles.stdout).toMatch(/sre-oncall\s+On-call SRE.*\(custom\)/);
  });

  it.each([
    ['bad.json', '{"id": "x", ', /is not valid JSON/],
    [
      'bad.yaml',
      'id: Bad Id\ntitle: T\ndescription: A description.\nfamily: technical\nskills: [a]\nquestions: []\n',
      /id: id must be lower-case/,
    ],
    [
      'few.json',
      JSON.stringify({
        id: 'few',
        title: 'Few',
        description: 'Too few questions.',
        family: 'technical',
        skills: ['a'],
        questions: [{ text: 'Only one question here?' }],
      }),
      /questions: a role needs at least 3 questions/,
    ],
    [
      'clash.json',
      JSON.stringify({
        id: 'backend',
        title: 'Mine',
        description: 'Clashes with a built-in.',
        family: 'technical',
        skills: ['a'],
        questions: ['Q one is here?', 'Q two is here?', 'Q three is here?'].map((text) => ({ text })),
      }),
      /built-in role/,
    ],
  ])('rejects %s with a clear message and exit 2', async (name, content, message) => {
    const dir = home();
    writeFileSync(join(dir, name), content);
    const r = await runCli(['start', '--role-file', join(dir, name), '--offline'], {
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('rejects a missing role file', async () => {
    const r = await runCli(['start', '--role-file', '/nonexistent/role.yaml']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/Cannot read role file \/nonexistent\/role.yaml/);
  });
});

describe('start: killed or interrupted', () => {
  function spawnCli(dir: string, args: string[]) {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, INTERVIEW_COACH_HOME: dir, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    return { child, exited, stdout: () => stdout };
  }

  it('SIGKILL mid-interview loses nothing already answered', async () => {
    standin = await startStandin({ reply: obedient() });
    const dir = home();
    const run = spawnCli(dir, ['start', '--role', 'backend', '--questions', '3', '--host', standin.url]);
    run.child.stdin.write('My first answer is about connection pooling and timeouts.\n\n');
    run.child.stdin.write('My second answer is about retries with exponential backoff.\n\n');
    await waitFor(
      () => (run.stdout().match(/^Interviewer:/gm) ?? []).length >= 3 && /\n\n$/.test(run.stdout()),
      'the third question',
    );
    run.child.kill('SIGKILL');
    await run.exited;
    const answers = dbRows(dir, "SELECT content FROM transcripts WHERE speaker = 'candidate' ORDER BY seq").map(
      (x) => x.content,
    );
    expect(answers).toEqual([
      'My first answer is about connection pooling and timeouts.',
      'My second answer is about retries with exponential backoff.',
    ]);
    expect(dbRows(dir, "SELECT count(*) AS n FROM transcripts WHERE speaker = 'interviewer'")[0]?.n).toBe(3);
  });

  it('SIGINT (Ctrl-C) ends the session cleanly as interrupted with exit code 130', async () => {
    const dir = home();
    const run = spawnCli(dir, ['start', '--role', 'backend', '--offline']);
    run.child.stdin.write('An answer.\n\n');
    await waitFor(() => /Candidate: An answer\.\n\nInterviewer: /.test(run.stdout()), 'the second question');
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code).toBe(130);
    expect(dbRows(dir, 'SELECT status FROM sessions')).toEqual([{ status: 'interrupted' }]);
    expect(dbRows(dir, "SELECT content FROM transcripts WHERE speaker = 'candidate'")).toEqual([
      { content: 'An answer.' },
    ]);
  });
});

describe('start: a slow model', () => {
  it('waits for a slow first token instead of failing', async () => {
    standin = await startStandin({ reply: interviewer, firstByteDelayMs: 1500 });
    const r = await runCli(['start', '--role', 'backend', '--questions', '1', '--no-evaluate', '--host', standin.url], {
      input: 'A sufficiently detailed answer with many words in it.\n',
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Interviewer: Hello, thanks for joining.');
  });
});
