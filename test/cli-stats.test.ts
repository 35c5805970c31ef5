import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/open.js';
import { createSession, finishSession } from '../src/db/sessions.js';
import { appendTurn } from '../src/db/transcripts.js';
import { insertEvaluation } from '../src/db/evaluations.js';
import type { NewEvaluation } from '../src/model/evaluation.js';
import { databasePath } from '../src/shared/paths.js';
import { runCli } from './support/cli.js';
import type { StatsReport } from './support/cli-json.js';
import { at } from './support/at.js';

// Dates are printed in local time: pin the zone of the binary.
const TZ = 'UTC';
const MIN = 60_000;

const home = () => mkdtempSync(join(tmpdir(), 'ic-stats-'));
const stats = (dir: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  runCli(['stats', ...args], { env: { INTERVIEW_COACH_HOME: dir, TZ, ...env } });

function withDb(dir: string, fn: (db: Db) => void): void {
  const db = openDatabase(databasePath({ INTERVIEW_COACH_HOME: dir }));
  try {
    fn(db);
  } finally {
    db.close();
  }
}

const ROLES = { backend: 'Backend Engineer', frontend: 'Frontend Engineer' } as const;

function addSession(
  db: Db,
  role: keyof typeof ROLES,
  startedAt: string,
  end: { status: 'completed' | 'interrupted'; minutes: number } | null,
): string {
  const start = new Date(startedAt);
  const id = createSession(
    db,
    {
      roleId: role,
      roleTitle: ROLES[role],
      difficulty: 'medium',
      plan: [],
      model: 'mistral',
      host: null,
      inputMode: 'text',
      interviewer: 'ollama',
      offlineReason: null,
    },
    start,
  );
  if (end) finishSession(db, id, end.status, 'test', new Date(start.getTime() + end.minutes * MIN));
  return id;
}

const base = {
  strengths: [],
  areas: [],
  detailedFeedback: null,
  evidenceNote: null,
  error: null,
  model: 'mistral',
  rubric: 'technical',
  attempts: 1,
  durationMs: 1000,
};

function aiOk(
  db: Db,
  sessionId: string,
  score: number,
  dims: [string, number][],
  answers: [number, number, string][],
): void {
  insertEvaluation(db, {
    ...base,
    sessionId,
    kind: 'ai',
    status: 'ok',
    overallScore: score,
    dimensions: dims.map(([name, s]) => ({
      id: name.toLowerCase().replace(/ /g, '_'),
      name,
      score: s,
      evidence: 'a quote of the candidate',
      verified: true,
    })),
    perAnswer: answers.map(([questionNumber, s, question]) => ({
      questionNumber,
      question,
      score: s,
      landed: 'l',
      missing: 'm',
      strongerAnswer: 's',
    })),
  });
}

function aiFailed(db: Db, sessionId: string): void {
  insertEvaluation(db, {
    ...base,
    sessionId,
    kind: 'ai',
    status: 'failed',
    overallScore: null,
    dimensions: [],
    perAnswer: [],
    error: 'invalid output after 3 attempts',
  });
}

/** Heuristic feedback whose per-answer JSON is stored as given, even in shapes the app never writes. */
function heuristic(db: Db, sessionId: string, perAnswer: unknown[]): void {
  const e: NewEvaluation = {
    ...base,
    sessionId,
    kind: 'heuristic',
    status: 'ok',
    overallScore: null,
    dimensions: [],
    perAnswer: [],
    model: null,
  };
  const { id } = insertEvaluation(db, e);
  db.prepare('UPDATE evaluations SET per_answer_json = ? WHERE id = ?').run(JSON.stringify(perAnswer), id);
}

const LONG_QUESTION = `Walk me through \u001b[31mhow you would\u001b[0m migrate a monolith's ${'very '.repeat(20)}large session store to a new region without downtime.`;

/**
 * The fixture, worked out by hand below.
 *
 *  #  role      started (UTC)      status                 time   evaluations (oldest first)                 score
 *  1  backend   2026-10-01 09:00   completed              20m    AI ok 40, then heuristic                   40
 *  2  frontend  2026-10-03 09:00   interrupted            10m    heuristic                                  -
 *  3  backend   2026-10-05 09:00   completed              30m    AI ok 20, AI ok 70, then AI failed         70
 *  4  frontend  2026-10-07 09:00   completed              15m    AI failed                                  -
 *  5  frontend  2026-11-02 09:00   completed              25m    AI ok 55                                   55
 *  6  backend   2026-11-04 09:00   in progress, process    7m    none (turns at +1m and +7m)                -
 *                                  gone (= interrupted)
 *  7  backend   2026-11-06 09:00   completed               5m    AI ok 85                                   85
 *
 * Answer scores (latest ok AI evaluations): 1: 2/5 3/5 · 3: 4/5 1/5 · 5: 2/5 5/5 3/5 · 7: 5/5 4/5 3/5
 */
let dir: string;
const ids: string[] = [];
const short = (n: number) => at(ids, n - 1).slice(0, 8);

beforeAll(() => {
  dir = home();
  withDb(dir, (db) => {
    ids.push(addSession(db, 'backend', '2026-10-01T09:00:00Z', { status: 'completed', minutes: 20 }));
    aiOk(
      db,
      at(ids, 0),
      40,
      [
        ['Technical depth', 2],
        ['Structured reasoning', 2],
        ['Communication and clarity', 3],
      ],
      [
        [1, 2, 'How would you design a rate limiter for a public API?'],
        [2, 3, 'How do you make a database migration safe to roll back?'],
      ],
    );
    heuristic(db, at(ids, 0), [{ questionNumber: 1, question: 'heuristic facts', skipped: false, facts: {} }]);

    ids.push(addSession(db, 'frontend', '2026-10-03T09:00:00Z', { status: 'interrupted', minutes: 10 }));
    // A heuristic evaluation has no score: even a stray per-answer score must not surface.
    heuristic(db, at(ids, 1), [{ questionNumber: 1, question: 'From a heuristic evaluation', score: 1 }]);

    ids.push(addSession(db, 'backend', '2026-10-05T09:00:00Z', { status: 'completed', minutes: 30 }));
    aiOk(
      db,
      at(ids, 2),
      20,
      [
        ['Technical depth', 1],
        ['Structured reasoning', 1],
        ['Communication and clarity', 1],
      ],
      [[1, 1, 'From a superseded evaluation']],
    );
    aiOk(
      db,
      at(ids, 2),
      70,
      [
        ['Technical depth', 4],
        ['Structured reasoning', 3],
        ['Communication and clarity', 4],
      ],
      [
        [1, 4, 'Explain how an index speeds up a query.'],
        [2, 1, 'Tell me about a time you debugged a production outage.'],
      ],
    );
    aiFailed(db, at(ids, 2));

    ids.push(addSession(db, 'frontend', '2026-10-07T09:00:00Z', { status: 'completed', minutes: 15 }));
    aiFailed(db, at(ids, 3));

    ids.push(addSession(db, 'frontend', '2026-11-02T09:00:00Z', { status: 'completed', minutes: 25 }));
    aiOk(
      db,
      at(ids, 4),
      55,
      [
        ['Technical depth', 3],
        ['Structured reasoning', 2],
        ['Communication and clarity', 5],
      ],
      [
        [1, 2, 'How do you keep a large React app fast?'],
        [2, 5, 'What is a closure?'],
        [3, 3, LONG_QUESTION],
      ],
    );

    ids.push(addSession(db, 'backend', '2026-11-04T09:00:00Z', null));
    db.prepare('UPDATE sessions SET pid = NULL WHERE id = ?').run(at(ids, 5));
    const s6 = Date.parse('2026-11-04T09:00:00Z');
    appendTurn(
      db,
      at(ids, 5),
      { speaker: 'interviewer', kind: 'question', questionNumber: 1, content: 'Q?' },
      new Date(s6 + 1 * MIN),
    );
    appendTurn(
      db,
      at(ids, 5),
      { speaker: 'candidate', kind: 'answer', questionNumber: 1, content: 'A.' },
      new Date(s6 + 7 * MIN),
    );

    ids.push(addSession(db, 'backend', '2026-11-06T09:00:00Z', { status: 'completed', minutes: 5 }));
    aiOk(
      db,
      at(ids, 6),
      85,
      [
        ['Technical depth', 4],
        ['Structured reasoning', 3],
        ['Communication and clarity', 5],
      ],
      [
        [1, 5, 'What happens when you type a URL?'],
        [2, 4, 'How do you size a connection pool?'],
        [3, 3, 'How would you shard a users table?'],
      ],
    );
  });
});

const lines = (stdout: string) => stdout.split('\n');

describe('interview-coach stats', () => {
  it('prints totals, the trend chart, rubric averages with the weakest named, and answers to retry', async () => {
    const r = await stats(dir);
    expect(r.exitCode).toBe(0);
    // Session 3's failed third attempt does not hide its 70: stats counts it and says why, once.
    expect(r.stderr).toMatch(
      new RegExp(
        `^Session ${short(3)}: latest attempt failed [0-9-]+ [0-9:]+ \\(showing the [0-9:]+ evaluation\\): invalid output after 3 attempts\\.\n$`,
      ),
    );
    const out = lines(r.stdout);
    expect(out.slice(0, 5)).toEqual([
      'Progress: all roles, all time',
      '  Sessions       7 (5 completed, 2 interrupted)',
      '  Practice time  1:52 (h:mm)', // 20 + 10 + 30 + 15 + 25 + 7 + 5 = 112 min
      '  Evaluated      4 of 7 sessions with an AI score',
      '  Average score  62.5/100', // (40 + 70 + 55 + 85) / 4; the failed and heuristic-only sessions are not 0s
    ]);
    // Scores 40, 70, 55, 85 on 40..85: (v - 40) / 45 * 7 -> 0, 4.67, 2.33, 7.
    expect(out).toContain('  overall   ▁▆▃█  min 40  max 85  last 85');
    expect(out).toContain('  backend   ▁▆█   min 40  max 85  last 85');
    expect(out).toContain('  frontend  ▄     min 55  max 55  last 55');
    // Dimensions from the latest ok AI evaluation of sessions 1, 3, 5, 7 only.
    const dims = out.indexOf('Rubric dimensions (average of 1-5 grades, lowest first)');
    expect(out.slice(dims + 1, dims + 5)).toEqual([
      '  Structured reasoning       2.5/5  (4 sessions)', // 2 3 2 3
      '  Technical depth            3.3/5  (4 sessions)', // 2 4 3 4 = 3.25
      '  Communication and clarity  4.3/5  (4 sessions)', // 3 4 5 5 = 4.25
      '  Weakest: Structured reasoning (2.5/5)',
    ]);
    const retry = out.indexOf('Answers to retry (lowest score first)');
    expect(retry).toBeGreaterThan(dims);
    expect(out.slice(retry + 1, retry + 9)).toEqual([
      '  1/5  Tell me about a time you debugged a production outage.',
      `       interview-coach retry ${short(3)} --question 2  (backend, 2026-10-05)`,
      // Ties: the oldest session first.
      '  2/5  How would you design a rate limiter for a public API?',
      `       interview-coach retry ${short(1)} --question 1  (backend, 2026-10-01)`,
      '  2/5  How do you keep a large React app fast?',
      `       interview-coach retry ${short(5)} --question 1  (frontend, 2026-11-02)`,
      '  3/5  How do you make a database migration safe to roll back?',
      `       interview-coach retry ${short(1)} --question 2  (backend, 2026-10-01)`,
    ]);
    // The fifth: the long question, cleaned of escape sequences and cut to 80 columns.
    const fifth = at(out, retry + 9);
    expect(fifth).toMatch(/^ {2}3\/5 {2}Walk me through how you would migrate a monolith's very .*…$/);
    expect([...fifth].length).toBe(80);
    expect(out[retry + 10]).toBe(`       interview-coach retry ${short(5)} --question 3  (frontend, 2026-11-02)`);
    expect(r.stdout.match(/interview-coach retry /g)).toHaveLength(5);
    expect(r.stdout).not.toMatch(/superseded|heuristic evaluation|From a/);
  });

  it('--json prints the whole report as one documented object', async () => {
    const r = await stats(dir, ['--json']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout) as StatsReport;
    expect(Object.keys(doc)).toEqual([
      'filters',
      'totals',
      'trend',
      'dimensions',
      'weakestDimension',
      'weakestAnswers',
    ]);
    expect(doc.filters).toEqual({ role: null, since: null });
    expect(doc.totals).toEqual({
      sessions: 7,
      completed: 5,
      interrupted: 2,
      inProgress: 0,
      practiceMs: 112 * MIN,
      practiceTime: '1:52',
      evaluatedSessions: 4,
      averageScore: 62.5,
    });
    expect(doc.trend.overall).toEqual({
      points: [
        { sessionId: ids[0], startedAt: '2026-10-01T09:00:00.000Z', score: 40 },
        { sessionId: ids[2], startedAt: '2026-10-05T09:00:00.000Z', score: 70 },
        { sessionId: ids[4], startedAt: '2026-11-02T09:00:00.000Z', score: 55 },
        { sessionId: ids[6], startedAt: '2026-11-06T09:00:00.000Z', score: 85 },
      ],
      min: 40,
      max: 85,
      last: 85,
      average: 62.5,
    });
    expect(
      doc.trend.byRole.map((t) => [
        t.roleId,
        t.roleTitle,
        t.points.map((p) => p.score),
        t.min,
        t.max,
        t.last,
        t.average,
      ]),
    ).toEqual([
      ['backend', 'Backend Engineer', [40, 70, 85], 40, 85, 85, 65], // (40 + 70 + 85) / 3
      ['frontend', 'Frontend Engineer', [55], 55, 55, 55, 55],
    ]);
    expect(doc.dimensions).toEqual([
      { name: 'Structured reasoning', average: 2.5, count: 4, unverified: 0 },
      { name: 'Technical depth', average: 3.3, count: 4, unverified: 0 },
      { name: 'Communication and clarity', average: 4.3, count: 4, unverified: 0 },
    ]);
    expect(doc.weakestDimension).toEqual({ name: 'Structured reasoning', average: 2.5, count: 4, unverified: 0 });
    expect(doc.weakestAnswers.map((a) => [a.sessionId, a.questionNumber, a.score])).toEqual([
      [ids[2], 2, 1],
      [ids[0], 1, 2],
      [ids[4], 1, 2],
      [ids[0], 2, 3],
      [ids[4], 3, 3],
    ]);
    expect(doc.weakestAnswers[0]).toEqual({
      sessionId: ids[2],
      shortId: short(3),
      roleId: 'backend',
      startedAt: '2026-10-05T09:00:00.000Z',
      questionNumber: 2,
      question: 'Tell me about a time you debugged a production outage.',
      score: 1,
      retryCommand: `interview-coach retry ${short(3)} --question 2`,
    });
  });

  it('--role keeps one role (aliases resolved); the chart then has just the overall line', async () => {
    const r = await stats(dir, ['--role', 'backend']);
    expect(r.exitCode).toBe(0);
    const out = lines(r.stdout);
    expect(out.slice(0, 5)).toEqual([
      'Progress: backend, all time',
      '  Sessions       4 (3 completed, 1 interrupted)', // 1, 3, 7 completed; 6 lost its process
      '  Practice time  1:02 (h:mm)', // 20 + 30 + 7 + 5
      '  Evaluated      3 of 4 sessions with an AI score',
      '  Average score  65/100',
    ]);
    expect(out).toContain('  overall  ▁▆█  min 40  max 85  last 85');
    expect(out.filter((l) => /^ {2}(backend|frontend) /.test(l))).toEqual([]);
    expect(out).toContain('  Weakest: Structured reasoning (2.7/5)'); // (2 + 3 + 3) / 3
    // 1, 2, 3, 3, then a tie at 4/5 across the limit: session 3 (October) is kept, session 7 (November) is not.
    expect(r.stdout.match(/interview-coach retry \S+ --question \d/g)).toEqual([
      `interview-coach retry ${short(3)} --question 2`,
      `interview-coach retry ${short(1)} --question 1`,
      `interview-coach retry ${short(1)} --question 2`,
      `interview-coach retry ${short(7)} --question 3`,
      `interview-coach retry ${short(3)} --question 1`,
    ]);
    const sre = await stats(dir, ['--role', 'SRE', '--json']);
    expect(JSON.parse(sre.stdout).filters.role).toBe('devops');
  });

  it('--since takes an ISO date, and combines with --role', async () => {
    const r = await stats(dir, ['--since', '2026-11-01']);
    expect(r.exitCode).toBe(0);
    const out = lines(r.stdout);
    expect(out.slice(0, 5)).toEqual([
      'Progress: all roles, since 2026-11-01',
      '  Sessions       3 (2 completed, 1 interrupted)',
      '  Practice time  0:37 (h:mm)', // 25 + 7 + 5
      '  Evaluated      2 of 3 sessions with an AI score',
      '  Average score  70/100', // (55 + 85) / 2
    ]);
    expect(out).toContain('  overall   ▁█  min 55  max 85  last 85');
    expect(out).toContain('  Weakest: Structured reasoning (2.5/5)'); // (2 + 3) / 2
    const both = JSON.parse((await stats(dir, ['--since', '2026-11-01', '--role', 'backend', '--json'])).stdout);
    expect(both.filters).toEqual({ role: 'backend', since: '2026-11-01T00:00:00.000Z' });
    expect(both.totals).toMatchObject({
      sessions: 2,
      completed: 1,
      interrupted: 1,
      practiceTime: '0:12',
      evaluatedSessions: 1,
      averageScore: 85,
    });
  });

  it('--since takes a relative span back from now', async () => {
    const d = home();
    withDb(d, (db) => {
      const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
      aiOk(
        db,
        addSession(db, 'backend', daysAgo(10), { status: 'completed', minutes: 10 }),
        30,
        [['Problem solving', 1]],
        [],
      );
      aiOk(
        db,
        addSession(db, 'backend', daysAgo(3), { status: 'completed', minutes: 10 }),
        60,
        [['Problem solving', 3]],
        [],
      );
    });
    const week = JSON.parse((await stats(d, ['--since', '7d', '--json'])).stdout);
    expect(week.totals).toMatchObject({ sessions: 1, averageScore: 60 });
    const month = JSON.parse((await stats(d, ['--since', '2w', '--json'])).stdout);
    expect(month.totals).toMatchObject({ sessions: 2, averageScore: 45 });
    expect(month.weakestDimension).toEqual({ name: 'Problem solving', average: 2, count: 2, unverified: 0 });
  });

  it('bad --since or unknown --role: exit 2 with the accepted forms', async () => {
    const since = await stats(dir, ['--since', 'last tuesday']);
    expect(since.exitCode).toBe(2);
    expect(since.stdout).toBe('');
    expect(since.stderr).toMatch(/✖ Invalid --since "last tuesday"\. Use a date \(2026-11-01\).*7d/);
    const role = await stats(dir, ['--role', 'astronaut']);
    expect(role.exitCode).toBe(2);
    expect(role.stderr).toMatch(/Unknown role "astronaut"\. Valid roles: backend, /);
  });

  it('a filter that matches nothing says so, exit 0', async () => {
    const r = await stats(dir, ['--role', 'mobile']);
    expect(r.exitCode).toBe(0);
    // One sentence, folded at the width (80 when piped).
    expect(r.stdout.trimEnd().replace(/\n/g, ' ')).toBe(
      'No sessions for mobile, all time (7 saved in all). Widen --role, or practise with `interview-coach start --role mobile`.',
    );
  });

  it('no sessions at all: a friendly line, exit 0, and no database created', async () => {
    const empty = home();
    const r = await stats(empty);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.replace(/\n/g, ' ')).toMatch(
      /^No interviews yet\. Start your first one with `interview-coach start --role backend`/,
    );
    expect(existsSync(databasePath({ INTERVIEW_COACH_HOME: empty }))).toBe(false);
    const json = JSON.parse((await stats(empty, ['--json'])).stdout);
    expect(json).toEqual({
      filters: { role: null, since: null },
      totals: {
        sessions: 0,
        completed: 0,
        interrupted: 0,
        inProgress: 0,
        practiceMs: 0,
        practiceTime: '0:00',
        evaluatedSessions: 0,
        averageScore: null,
      },
      trend: { overall: null, byRole: [] },
      dimensions: [],
      weakestDimension: null,
      weakestAnswers: [],
    });
  });

  it('sessions whose evaluations all failed or were heuristic: counted, but no score, no chart', async () => {
    const d = home();
    withDb(d, (db) => {
      aiFailed(db, addSession(db, 'backend', '2026-10-01T09:00:00Z', { status: 'completed', minutes: 10 }));
      heuristic(db, addSession(db, 'frontend', '2026-10-02T09:00:00Z', { status: 'completed', minutes: 10 }), []);
    });
    const r = await stats(d);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('  Evaluated      0 of 2 sessions with an AI score');
    expect(r.stdout).toContain('  Average score  none yet');
    expect(r.stdout).toContain('No AI scores yet');
    expect(r.stdout).not.toMatch(/[▁▂▃▄▅▆▇█]|\/100|Weakest|retry/);
  });

  it('piped output has no ANSI escapes, even with FORCE_COLOR and without NO_COLOR', async () => {
    const r = await stats(dir, [], { NO_COLOR: '', FORCE_COLOR: '3' });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Weakest: Structured reasoning');
    expect(r.stdout).not.toContain('\u001b');
  });

  it('--help shows the options and examples', async () => {
    const r = await runCli(['stats', '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/--role <id>/);
    expect(r.stdout).toMatch(/--since <when>/);
    expect(r.stdout).toContain('$ interview-coach stats --role backend --since 30d');
  });
});
