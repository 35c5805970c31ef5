import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type ChatRequestBody, type Standin } from './support/ollama-standin.mjs';
import { judgeJson } from './support/judge.mjs';
import { obedient } from './support/scenarios.mjs';
import { fencedDocument, isDeriveRequest, withDerivedQuestions } from './support/derive-standin.mjs';
import { textPdf } from './support/pdf-fixtures.js';
import { runCli } from './support/cli.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const JD_TEXT = [
  '# Senior Backend Engineer, Payments',
  '',
  'You will own a Postgres-backed payments API.',
  '',
  '- Strict idempotency for retried charges',
  '- On-call for a service at 2,000 requests per second',
].join('\n');
const CV_LINES = [
  'Jane Doe',
  'Staff engineer at Acme (2019-2025)',
  'Cut p99 latency from 800 ms to 120 ms with a read-through cache',
];
/** The text a PDF reader gives for one page of these lines (one line each). */
const CV_TEXT = CV_LINES.join('\n');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const REQUIREMENTS = ['Postgres-backed payments API', 'Strict idempotency for retried charges'];
const CLAIMS = ['Cut p99 latency from 800 ms to 120 ms with a read-through cache'];
const JD_QUESTION =
  'Our payments API runs on Postgres: how would you design idempotency keys so a retried charge is never applied twice?';
const CV_QUESTION = 'You cut p99 latency from 800 ms to 120 ms at Acme: how did you find the bottleneck?';

/** The model: reads the fenced documents (the reply says what it saw), then interviews obediently and judges. */
function model(seen: { jd: string | null; resume: string | null }[]) {
  return withDerivedQuestions(
    (request: ChatRequestBody) => {
      seen.push({ jd: fencedDocument(request, 'JOB-DESCRIPTION'), resume: fencedDocument(request, 'RESUME') });
      return JSON.stringify({
        requirements: REQUIREMENTS,
        claims: CLAIMS,
        questions: [
          { source: 'jd', skill: 'API design', text: JD_QUESTION },
          { source: 'resume', skill: 'performance tuning', text: CV_QUESTION },
        ],
      });
    },
    obedient({ judge: (req) => JSON.stringify(judgeJson(req)) }),
  );
}

function files() {
  const dir = mkdtempSync(join(tmpdir(), 'ic-ground-'));
  const jd = join(dir, 'jd.md');
  const cv = join(dir, 'cv.pdf');
  writeFileSync(jd, `${JD_TEXT}\n`);
  writeFileSync(cv, textPdf([CV_LINES]));
  return { home: join(dir, 'home'), jd, cv };
}

// Eight answers: four questions, each with at most one follow-up at medium difficulty.
const ANSWERS = [
  'I would start with the happy path and keep the handler small.',
  'For example at Acme we kept handlers under 50 lines.',
  'A unique key per charge, stored with the result in the same transaction, so a retry returns the first result.',
  'I profiled the slowest endpoint, found a repeated query, and cached it for 30 seconds.',
  'We measured it: the query ran 40 times per request.',
  'Pagination with a cursor on the created_at and id columns.',
  'For example 100 rows per page, measured at 5 ms.',
  'That is all.',
].join('\n\n');

function rows(home: string, sql: string): Record<string, unknown>[] {
  const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

interface HistoryRow {
  jd: { title: string; sha256: string; textStored: boolean } | null;
  resume: { title: string; sha256: string; textStored: boolean } | null;
}
interface ExportDoc {
  jd: { title: string; sha256: string; text: string | null } | null;
  resume: { title: string; sha256: string; text: string | null } | null;
  grounding: { requirements: string[]; claims: string[] } | null;
}

describe('start --jd jd.md --resume cv.pdf (piped, against the Ollama stand-in)', () => {
  it('asks the questions derived from both documents, grounds the interviewer and the judge, and keeps the documents', async () => {
    const seen: { jd: string | null; resume: string | null }[] = [];
    standin = await startStandin({ reply: model(seen), tokenDelayMs: 0 });
    const { home, jd, cv } = files();
    const env = { INTERVIEW_COACH_HOME: home };
    const r = await runCli(
      ['start', '--role', 'backend', '--questions', '4', '--jd', jd, '--resume', cv, '--host', standin.url],
      { input: ANSWERS, env },
    );
    expect(r.stderr).not.toMatch(/✖/);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('Reading the job description and résumé to plan the questions…');
    // The model read both documents as the reader gave them: Markdown as written, the PDF's text.
    expect(seen).toEqual([{ jd: JD_TEXT, resume: CV_TEXT }]);

    // The derived questions were asked (2 of 4: the pool opens, then they alternate).
    const asked = rows(home, "SELECT content FROM transcripts WHERE kind = 'question' ORDER BY seq").map((x) =>
      String(x.content),
    );
    expect(asked).toHaveLength(4);
    expect(asked[1]).toContain(JD_QUESTION);
    expect(asked[3]).toContain(CV_QUESTION);
    expect(r.stdout).toContain(JD_QUESTION);
    const [session] = rows(home, 'SELECT * FROM sessions');
    expect(session).toMatchObject({
      jd_title: 'Senior Backend Engineer, Payments',
      jd_sha256: sha256(JD_TEXT),
      jd_text: JD_TEXT,
      resume_title: 'Jane Doe',
      resume_sha256: sha256(CV_TEXT),
      resume_text: CV_TEXT,
    });
    expect(JSON.parse(String(session?.grounding_json))).toEqual({ requirements: REQUIREMENTS, claims: CLAIMS });
    const plan = JSON.parse(String(session?.plan_json)) as { source?: string }[];
    expect(plan.map((q) => q.source ?? 'pool')).toEqual(['pool', 'jd', 'pool', 'resume']);

    // One derive call in the calls log, then the interviewer (who knows the claims) and the judge (who knows the requirements).
    const purposes = rows(home, 'SELECT purpose FROM llm_calls ORDER BY id').map((x) => x.purpose);
    expect(purposes.filter((p) => p === 'derive-questions')).toHaveLength(1);
    const requests = standin.chatRequests();
    const interviewer = requests.find((q) => !q.format && (q.messages?.length ?? 0) > 0);
    const judge = requests.find((q) => q.format && !isDeriveRequest(q));
    expect(fencedDocument(interviewer, 'RESUME-CLAIMS')).toBe(`- ${CLAIMS[0]}`);
    expect(fencedDocument(judge, 'JOB-REQUIREMENTS')).toBe(REQUIREMENTS.map((x) => `- ${x}`).join('\n'));

    // history, --json, replay (piped: Markdown) and export show them.
    const history = await runCli(['history'], { env: { ...env, COLUMNS: '120' } });
    expect(history.stdout).toContain('  JD: Senior Backend Engineer, Payments · résumé: Jane Doe\n');
    const json = JSON.parse((await runCli(['history', '--json'], { env })).stdout) as HistoryRow[];
    expect(json[0]).toMatchObject({
      jd: { title: 'Senior Backend Engineer, Payments', sha256: sha256(JD_TEXT), textStored: true },
      resume: { title: 'Jane Doe', sha256: sha256(CV_TEXT), textStored: true },
    });
    const replay = (await runCli(['replay', 'last'], { env })).stdout;
    expect(replay).toContain(
      `| **Job description** | Senior Backend Engineer, Payments (sha256 ${sha256(JD_TEXT).slice(0, 12)}…) |`,
    );
    expect(replay).toContain(`| **Résumé** | Jane Doe (sha256 ${sha256(CV_TEXT).slice(0, 12)}…) |`);
    expect(replay).toContain(`- ${CLAIMS[0]}`);
    expect(replay).toContain('## Résumé: Jane Doe\n\nJane Doe  \nStaff engineer at Acme (2019-2025)');
    const exported = JSON.parse((await runCli(['export', 'last', '--format', 'json'], { env })).stdout) as ExportDoc;
    expect(exported.jd).toEqual({ title: 'Senior Backend Engineer, Payments', sha256: sha256(JD_TEXT), text: JD_TEXT });
    expect(exported.resume?.text).toBe(CV_TEXT);
    expect(exported.grounding).toEqual({ requirements: REQUIREMENTS, claims: CLAIMS });
    const text = (await runCli(['export', 'last', '--format', 'txt'], { env })).stdout;
    expect(text).toContain(
      `Job description: Senior Backend Engineer, Payments (sha256 ${sha256(JD_TEXT).slice(0, 12)}…)`,
    );
  }, 90_000);

  it('--no-store keeps only titles and hashes: no text in the session, the calls log or what was read', async () => {
    standin = await startStandin({ reply: model([]), tokenDelayMs: 0 });
    const { home, jd, cv } = files();
    const env = { INTERVIEW_COACH_HOME: home };
    const r = await runCli(
      [
        'start',
        '--role',
        'backend',
        '--questions',
        '4',
        '--jd',
        jd,
        '--resume',
        cv,
        '--no-store',
        '--host',
        standin.url,
      ],
      { input: ANSWERS, env },
    );
    expect(r.exitCode).toBe(0);
    const [session] = rows(home, 'SELECT * FROM sessions');
    expect(session).toMatchObject({
      jd_title: 'Senior Backend Engineer, Payments',
      jd_sha256: sha256(JD_TEXT),
      jd_text: null,
      resume_sha256: sha256(CV_TEXT),
      resume_text: null,
      grounding_json: null,
    });
    // The questions were still derived and asked: they are the interview, kept like any other.
    expect(
      rows(home, 'SELECT count(*) AS n FROM transcripts WHERE content LIKE ?'.replace('?', `'%${CV_QUESTION}%'`))[0]?.n,
    ).toBe(1);
    // Not a word of either document, nor of what was read in them, anywhere in the database.
    const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
    const secrets = ['Strict idempotency for retried charges', 'Staff engineer at Acme', CLAIMS[0] ?? ''];
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")
      .all() as {
      name: string;
    }[];
    const found: string[] = [];
    for (const { name } of tables) {
      for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
        for (const value of Object.values(row)) {
          if (typeof value === 'string' && secrets.some((s) => value.includes(s))) found.push(name);
        }
      }
    }
    db.close();
    expect(found).toEqual([]);
    // ...yet the model did get the requirements during this run: the judge graded against them.
    const judge = standin.chatRequests().find((q) => q.format && !isDeriveRequest(q));
    expect(fencedDocument(judge, 'JOB-REQUIREMENTS')).toContain('Strict idempotency for retried charges');
    const history = await runCli(['history'], { env: { ...env, COLUMNS: '160' } });
    expect(history.stdout).toContain(
      '  JD: Senior Backend Engineer, Payments (text not stored) · résumé: Jane Doe (text not stored)',
    );
    const exported = JSON.parse((await runCli(['export', 'last', '--format', 'json'], { env })).stdout) as ExportDoc;
    expect(exported.jd).toEqual({ title: 'Senior Backend Engineer, Payments', sha256: sha256(JD_TEXT), text: null });
    expect(exported.grounding).toBeNull();
  }, 60_000);

  it('offline: questions from the pool with a notice, the documents still kept', async () => {
    const { home, jd } = files();
    const r = await runCli(['start', '--role', 'backend', '--questions', '2', '--jd', jd, '--offline'], {
      input: 'An answer.\n\nAnother answer.\n',
      env: { INTERVIEW_COACH_HOME: home },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(
      'No model: the questions come from the question bank; the job description is kept with the session but not used.',
    );
    expect(rows(home, 'SELECT jd_text, grounding_json FROM sessions')).toEqual([
      { jd_text: JD_TEXT, grounding_json: null },
    ]);
  });

  it('bad files stop it before anything starts, with exit code 2 and one line', async () => {
    const { home, jd } = files();
    const env = { INTERVIEW_COACH_HOME: home };
    const missing = await runCli(['start', '--role', 'backend', '--resume', join(home, 'nope.pdf'), '--offline'], {
      env,
    });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^✖ Cannot read --resume file .*nope\.pdf: no such file\.\n/);
    const binary = join(home, '..', 'photo.png');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const notText = await runCli(['start', '--role', 'backend', '--jd', binary, '--offline'], { env });
    expect(notText.exitCode).toBe(2);
    expect(notText.stderr).toMatch(/neither text nor a PDF/);
    expect(notText.stdout).toBe('');
    // Nothing was started: not even the database was created.
    expect(existsSync(join(home, 'interview-coach.db'))).toBe(false);
    void jd;
  });
});
