import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { judgeJson } from './support/judge.mjs';
import { obedient } from './support/scenarios.mjs';
import { offlineLines } from '../src/core/interview/offline-lines.js';
import { runCli } from './support/cli.js';
import type { SessionDocument } from './support/cli-json.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const home = () => mkdtempSync(join(tmpdir(), 'ic-eval-'));
const ANSWERS =
  'We cached hot keys in Redis and cut p99 latency from 300 ms to 40 ms.\n\nI would add a read replica per region and route reads by tenant.\n';
const evaluations = (dir: string) => {
  const db = new Database(join(dir, 'interview-coach.db'), { readonly: true });
  try {
    return db.prepare('SELECT kind, status, overall_score, error FROM evaluations ORDER BY id').all() as {
      kind: string;
      status: string;
      overall_score: number | null;
      error: string | null;
    }[];
  } finally {
    db.close();
  }
};

describe('evaluation at the end of a piped interview', () => {
  it('prints the evaluation after the transcript and stores it', async () => {
    standin = await startStandin({ reply: obedient({ judge: (req) => JSON.stringify(judgeJson(req, { score: 3 })) }) });
    const dir = home();
    const r = await runCli(['start', '--role', 'backend', '--questions', '2', '--host', standin.url], {
      input: ANSWERS,
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(r.exitCode).toBe(0);
    // stdin ends after the follow-up's answer: the interview ends early, with the app's closing line.
    const transcriptEnd = r.stdout.indexOf(`Interviewer: ${offlineLines.endedEarly}`);
    const evaluationStart = r.stdout.indexOf('## Evaluation (AI judge: mistral)');
    expect(transcriptEnd).toBeGreaterThan(0);
    expect(evaluationStart).toBeGreaterThan(transcriptEnd);
    expect(r.stdout).toContain('Overall: 50/100');
    expect(r.stdout).toMatch(/ {2}3\/5 {2}"We cached hot keys in Redis"/);
    expect(r.stdout).toContain('A stronger answer, from what you said:');
    expect(evaluations(dir)).toEqual([{ kind: 'ai', status: 'ok', overall_score: 50, error: null }]);
  });

  it('--json prints one JSON document with the transcript and the evaluation', async () => {
    standin = await startStandin({ reply: obedient({ judge: (req) => JSON.stringify(judgeJson(req)) }) });
    const r = await runCli(['start', '--role', 'backend', '--questions', '2', '--json', '--host', standin.url], {
      input: ANSWERS,
    });
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout) as SessionDocument;
    expect(doc.status).toBe('completed');
    expect(doc.transcript.filter((t) => t.speaker === 'candidate').map((t) => t.content)).toEqual([
      'We cached hot keys in Redis and cut p99 latency from 300 ms to 40 ms.',
      'I would add a read replica per region and route reads by tenant.',
    ]);
    expect(doc.evaluation).toMatchObject({ kind: 'ai', status: 'ok', overallScore: 75 });
  });

  it('a judge that never gives valid output: failed, said once on stderr with how to retry, no score, exit 1', async () => {
    standin = await startStandin({ reply: obedient({ judge: () => 'not json at all' }) });
    const dir = home();
    const r = await runCli(['start', '--role', 'backend', '--questions', '2', '--host', standin.url], {
      input: ANSWERS,
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(r.exitCode).toBe(1);
    // stdout keeps the transcript only: a failure has nothing graded to print.
    expect(r.stdout).not.toMatch(/## Evaluation|Overall: \d|failed/i);
    expect(r.stderr.match(/Evaluation failed/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/⚠ Evaluation failed, no score was given: .*3 attempts/);
    expect(r.stderr).toMatch(/Retry with: interview-coach evaluate [0-9a-f]{8} \(--host <url> or --model <name>/);
    expect(evaluations(dir)).toEqual([
      { kind: 'ai', status: 'failed', overall_score: null, error: expect.stringMatching(/3 attempts/) },
    ]);
  });

  it('offline interviews get labelled heuristic feedback, never an AI score', async () => {
    const dir = home();
    const r = await runCli(['start', '--role', 'behavioral', '--offline', '--questions', '2'], {
      input:
        "Um, so, like, when I was at my last job we had an outage and I led the fix, which cut errors by 90%.\n\nI don't know.\n",
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('## Feedback (heuristic, no AI)');
    expect(r.stdout).toMatch(/fillers: 2 \(/);
    expect(r.stdout).not.toMatch(/\/100/);
    expect(evaluations(dir)).toEqual([{ kind: 'heuristic', status: 'ok', overall_score: null, error: null }]);
  });

  it('--no-evaluate skips it', async () => {
    const dir = home();
    const r = await runCli(['start', '--role', 'backend', '--offline', '--questions', '1', '--no-evaluate'], {
      input: 'An answer.\n',
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain('Feedback');
    expect(evaluations(dir)).toEqual([]);
  });
});

describe('interview-coach evaluate', () => {
  it('re-evaluates a saved session by id prefix or `last`, with another judge model', async () => {
    standin = await startStandin({
      models: ['mistral:latest', 'llama3.1:latest'],
      reply: obedient({ judge: (req) => JSON.stringify(judgeJson(req, { score: 2 })) }),
    });
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir };
    await runCli(['start', '--role', 'backend', '--questions', '2', '--no-evaluate', '--host', standin.url], {
      input: ANSWERS,
      env,
    });
    const db = new Database(join(dir, 'interview-coach.db'), { readonly: true });
    const { id } = db.prepare('SELECT id FROM sessions').get() as { id: string };
    db.close();
    const byPrefix = await runCli(['evaluate', id.slice(0, 6), '--model', 'llama3.1', '--host', standin.url], { env });
    expect(byPrefix.exitCode).toBe(0);
    expect(byPrefix.stdout).toContain('## Evaluation (AI judge: llama3.1)');
    expect(byPrefix.stdout).toContain('Overall: 25/100');
    expect(standin.chatRequests().at(-1)!.model).toBe('llama3.1');
    const last = await runCli(['evaluate', 'last', '--heuristic', '--json'], { env });
    expect(JSON.parse(last.stdout).evaluation).toMatchObject({ kind: 'heuristic', overallScore: null });
    expect(evaluations(dir).map((e) => e.kind)).toEqual(['ai', 'heuristic']);
  });

  it('evaluating the same session twice with the same model sends byte-identical requests', async () => {
    standin = await startStandin({ reply: obedient({ judge: (req) => JSON.stringify(judgeJson(req, { score: 3 })) }) });
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir };
    await runCli(['start', '--role', 'backend', '--questions', '2', '--no-evaluate', '--host', standin.url], {
      input: ANSWERS,
      env,
    });
    const judgeBodies = () =>
      standin!.requests.filter((r) => r.path === '/api/chat' && r.raw.includes('"format":')).map((r) => r.raw);
    for (let run = 0; run < 2; run++) {
      const r = await runCli(['evaluate', 'last', '--host', standin.url], { env });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toContain('Overall: 50/100');
    }
    const bodies = judgeBodies();
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect(JSON.parse(bodies[0]!)).toMatchObject({ options: { temperature: 0, seed: 42, num_ctx: 8192 } });
  });

  it('unknown or ambiguous ids exit 2 with the candidates', async () => {
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir };
    for (let i = 0; i < 2; i++)
      await runCli(['start', '--role', 'backend', '--offline', '--questions', '1', '--no-evaluate'], {
        input: 'x\n',
        env,
      });
    const unknown = await runCli(['evaluate', 'ffffffffff'], { env });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/No session id starts with "ffffffffff"/);
    const db = new Database(join(dir, 'interview-coach.db'));
    // Give both sessions ids with a shared prefix so the prefix is ambiguous (transcripts follow).
    db.pragma('foreign_keys = OFF');
    db.prepare("UPDATE transcripts SET session_id = 'abcd' || substr(session_id, 5)").run();
    db.prepare("UPDATE sessions SET id = 'abcd' || substr(id, 5)").run();
    db.close();
    const ambiguous = await runCli(['evaluate', 'abcd'], { env });
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.stderr).toMatch(/"abcd" matches 2 sessions: abcd[0-9a-f]{4} \(backend, .*\), abcd/);
    const none = await runCli(['evaluate', 'last'], { env: { INTERVIEW_COACH_HOME: home() } });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/no saved sessions yet/);
  });
});
