import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { OBEDIENT_ASSUME, obedient } from './support/scenarios.mjs';
import { runCli } from './support/cli.js';

// The deep system-design round end to end: the built CLI against the scripted stand-in (or
// offline), a real SQLite file, answers piped in paragraphs.
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const ANSWERS = [
  "What's the read/write ratio?",
  'Users can shorten a link and open it later; redirects need low latency and high availability.',
  'About 40 writes per second and 4,000 reads per second; 5 TB of storage over five years.',
].join('\n\n');

interface Row {
  speaker: string;
  kind: string;
  question_number: number | null;
  content: string;
  asked_by: string | null;
}

function stored(home: string): { turns: Row[]; round: unknown } {
  const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
  try {
    const turns = db
      .prepare('SELECT speaker, kind, question_number, content, asked_by FROM transcripts ORDER BY seq')
      .all() as Row[];
    const { round_json } = db.prepare('SELECT round_json FROM sessions').get() as { round_json: string };
    return { turns, round: JSON.parse(round_json) };
  } finally {
    db.close();
  }
}

const home = () => mkdtempSync(join(tmpdir(), 'ic-deep-'));

describe('start --format deep', () => {
  it('works one problem in phases: the clarifying question answered, phases printed as they change, graded per phase', async () => {
    standin = await startStandin({ reply: obedient() });
    const dir = home();
    const r = await runCli(
      ['start', '--role', 'system-design', '--format', 'deep', '--problem', 'url-shortener', '--host', standin.url],
      { input: ANSWERS, env: { INTERVIEW_COACH_HOME: dir } },
    );
    expect(r.stderr).not.toMatch(/✖/);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^# Mock interview: System Design, deep round: URL shortener \(45 min in 6 phases/);
    const phaseLines = r.stdout.split('\n').filter((l) => l.startsWith('## Phase'));
    expect(phaseLines).toEqual([
      '## Phase 1 of 6: Requirements and clarifying questions (5 min)',
      '## Phase 2 of 6: Estimates (5 min)',
      '## Phase 3 of 6: API and data model (8 min)',
    ]);

    const { turns, round } = stored(dir);
    // The question got the problem's fact, worded by the model, stored as its own kind in phase 1.
    const clarify = turns.filter((t) => t.kind === 'clarify');
    expect(clarify).toHaveLength(1);
    expect(clarify[0]).toMatchObject({ question_number: 1, asked_by: 'model' });
    expect(clarify[0]?.content).toContain(OBEDIENT_ASSUME);
    expect(clarify[0]?.content).toContain('Reads outnumber writes about 100 to 1');
    // Both phases were covered by their answers: no follow-ups, straight to the next phase.
    expect(turns.filter((t) => t.speaker === 'interviewer').map((t) => `${t.kind}:${t.question_number}`)).toEqual([
      'question:1',
      'clarify:1',
      'question:2',
      'question:3',
      'closing:3',
    ]);
    expect(round).toMatchObject({
      problem: { id: 'url-shortener' },
      phases: [{ id: 'requirements', budgetSec: 300 }, { id: 'estimates' }, {}, {}, {}, { budgetSec: 300 }],
    });

    // The model was told what to state; the judge was told what each reached phase is graded on.
    const chats = standin.chatRequests();
    const clarifyCall = chats.find((c) => /clarifying question/.test(JSON.stringify(c.messages?.at(-1))));
    expect(JSON.stringify(clarifyCall?.messages?.at(-1))).toContain('Reads outnumber writes about 100 to 1');
    const judge = chats.find((c) => c.format !== undefined);
    const system = String(judge?.messages?.[0]?.content);
    expect(system).toContain('each question_number is a phase');
    expect(system).toMatch(/ {4}1: Requirements and clarifying questions: requirements/);
    expect(system).toMatch(/ {4}2: Estimates: /);
    expect(system).not.toMatch(/ {4}3: API and data model/);

    // Per-phase grades for the phases reached; the others are said to be not reached, never graded.
    const phases = r.stdout.slice(r.stdout.indexOf('Phases:'));
    expect(phases).toMatch(/1\. Requirements and clarifying questions +4\/5/);
    expect(phases).toMatch(/2\. Estimates +4\/5/);
    for (const title of ['API and data model', 'High-level design', 'Deep dive', 'Bottlenecks and trade-offs'])
      expect(phases).toMatch(new RegExp(`\\d\\. ${title} +not reached`));
  });

  it('offline: the app answers the clarifying question from the facts table itself, one answer per phase', async () => {
    const dir = home();
    const r = await runCli(
      [
        'start',
        '--role',
        'system-design',
        '--format',
        'deep',
        '--problem',
        'url-shortener',
        '--offline',
        '--minutes',
        '90',
      ],
      { input: ANSWERS, env: { INTERVIEW_COACH_HOME: dir } },
    );
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('(90 min in 6 phases, question bank)');
    expect(r.stdout).toContain('## Phase 1 of 6: Requirements and clarifying questions (10 min)');
    expect(r.stdout).toContain('## Phase 3 of 6: API and data model (16 min)');
    const clarify = stored(dir).turns.filter((t) => t.kind === 'clarify');
    expect(clarify).toEqual([
      {
        speaker: 'interviewer',
        kind: 'clarify',
        question_number: 1,
        asked_by: 'app',
        content: expect.stringContaining('Reads outnumber writes about 100 to 1') as string,
      },
    ]);
    expect(r.stdout).toContain('answered (no grade offline)');
  });

  it.each([
    [['--minutes', '30'], /--minutes goes with --format deep/],
    [['--problem', 'chat'], /--problem goes with --format deep/],
    [['--format', 'deep', '--questions', '3'], /--questions does not go with --format deep/],
    [['--format', 'deep', '--problem', 'tinyurl'], /Unknown problem "tinyurl". Problems: url-shortener, news-feed/],
    [['--format', 'deep', '--minutes', '5'], /--minutes/],
    [['--format', 'deep', '--jd', 'job.md'], /--jd does not go with --format deep/],
  ])('refuses %j with one line and exit 2', async (flags, message) => {
    const r = await runCli(['start', '--role', 'system-design', '--offline', ...flags], {
      input: '',
      env: { INTERVIEW_COACH_HOME: home() },
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('a role without design problems says what to do instead', async () => {
    const r = await runCli(['start', '--role', 'backend', '--format', 'deep', '--offline'], {
      input: '',
      env: { INTERVIEW_COACH_HOME: home() },
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no design problems[\s\S]*--role system-design/);
  });
});

describe('the per-phase evaluation outside the live run', () => {
  it('start --json, export (json, md, txt) and piped replay all give each phase its grade or "not reached"', async () => {
    standin = await startStandin({ reply: obedient() });
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir };
    const start = await runCli(
      [
        'start',
        '--role',
        'system-design',
        '--format',
        'deep',
        '--problem',
        'url-shortener',
        '--host',
        standin.url,
        '--json',
      ],
      { input: ANSWERS, env },
    );
    expect(start.exitCode).toBe(0);
    const reached = [
      { number: 1, id: 'requirements', title: 'Requirements and clarifying questions', budgetSec: 300, score: 4 },
      { number: 2, id: 'estimates', title: 'Estimates', budgetSec: 300, score: 4 },
    ];
    const doc = JSON.parse(start.stdout) as { round: { problem: unknown; phases: unknown[] } };
    expect(doc.round.problem).toMatchObject({ id: 'url-shortener', title: 'URL shortener' });
    expect(doc.round.phases).toHaveLength(6);
    expect(doc.round.phases.slice(0, 2)).toEqual(
      reached.map((p) => ({ ...p, result: expect.stringMatching(/^4\/5/) as string })),
    );
    expect(doc.round.phases[5]).toEqual({
      number: 6,
      id: 'trade-offs',
      title: 'Bottlenecks and trade-offs',
      budgetSec: 300,
      result: 'not reached',
      score: null,
    });

    const json = await runCli(['export', 'last', '--format', 'json'], { env });
    expect((JSON.parse(json.stdout) as { round: unknown }).round).toEqual(doc.round);

    const txt = await runCli(['export', 'last', '--format', 'txt'], { env });
    expect(txt.stdout).toContain('Deep round: URL shortener (45 min in 6 phases)');
    const phases = txt.stdout.slice(txt.stdout.indexOf('Phases:'));
    expect(phases).toMatch(/1\. Requirements and clarifying questions +4\/5/);
    expect(phases).toMatch(/6\. Bottlenecks and trade-offs +not reached/);

    for (const args of [
      ['export', 'last', '--format', 'md'],
      ['replay', 'last'],
    ]) {
      const md = await runCli(args, { env });
      expect(md.exitCode).toBe(0);
      expect(md.stdout).toContain('| **Deep round** | URL shortener (45 min in 6 phases) |');
      expect(md.stdout).toMatch(/\| 2\. Estimates \| 5 min \| 4\/5[^|]*\|/);
      expect(md.stdout).toContain('| 4. High-level design | 12 min | not reached |');
    }
  });

  it('evaluate grades a deep round phase by phase too', async () => {
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir };
    const args = ['start', '--role', 'system-design', '--format', 'deep', '--problem', 'chat', '--offline'];
    expect((await runCli(args, { input: 'People send messages to friends and groups.', env })).exitCode).toBe(0);
    const r = await runCli(['evaluate', 'last', '--heuristic'], { env });
    expect(r.exitCode).toBe(0);
    const phases = r.stdout.slice(r.stdout.indexOf('Phases:'));
    expect(phases).toMatch(
      /^Phases:\n {2}1\. Requirements and clarifying questions +answered \(no grade offline\)\n {2}2\. Estimates +not reached\n/,
    );
  });

  it('an interview of questions has no round', async () => {
    const dir = home();
    const r = await runCli(['start', '--role', 'system-design', '--offline', '--questions', '1', '--json'], {
      input: 'An answer.',
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(r.exitCode).toBe(0);
    expect((JSON.parse(r.stdout) as { round: unknown }).round).toBeNull();
    const txt = await runCli(['export', 'last', '--format', 'txt'], { env: { INTERVIEW_COACH_HOME: dir } });
    expect(txt.stdout).not.toMatch(/Deep round|Phases:/);
  });
});

describe('retry of a deep round', () => {
  const count = (dir: string) => {
    const db = new Database(join(dir, 'interview-coach.db'), { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('refuses with one line, exit 2, and the start command for the same problem; no session is made', async () => {
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir };
    const args = ['start', '--role', 'system-design', '--format', 'deep', '--problem', 'news-feed', '--offline'];
    expect((await runCli(args, { input: 'Users follow people and read a feed.', env })).exitCode).toBe(0);
    const r = await runCli(['retry', 'last', '--question', '1', '--offline'], { input: 'Again.', env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^✖ retry does not go with a deep round: session [0-9a-f]{8} is one problem in phases/);
    expect(r.stderr).toContain('interview-coach start --role system-design --format deep --problem news-feed');
    expect(r.stdout).toBe('');
    expect(count(dir)).toBe(1);
  });

  it('a damaged round is still a deep round: refused, the hint without a problem', async () => {
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir };
    const args = ['start', '--role', 'system-design', '--format', 'deep', '--offline'];
    expect((await runCli(args, { input: 'An answer.', env })).exitCode).toBe(0);
    const db = new Database(join(dir, 'interview-coach.db'));
    db.prepare(`UPDATE sessions SET round_json = '{"problem": 1}'`).run();
    db.close();
    const r = await runCli(['retry', 'last', '--question', '1', '--offline'], { input: 'Again.', env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/start --role system-design --format deep\n?$/);
    expect(count(dir)).toBe(1);
  });
});

describe('roles lists the design problems (the values of --problem)', () => {
  it('for the built-in system-design role, and for a custom role file that brings its own', async () => {
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir };
    const file = join(dir, 'role.yaml');
    writeFileSync(
      file,
      `id: storage-design
title: Storage Design
description: Designing storage systems.
family: technical
skills: [storage]
questions:
  - text: How would you store many small files?
  - text: How do you pick a consistency model?
  - text: How would you back up a large database?
problems:
  - id: pastebin
    title: Pastebin
    statement: Design a pastebin where people share text that expires.
    facts:
      - keywords: [users, scale]
        fact: About 10 million new pastes a day.
    deepDive: [expiry at scale]
`,
    );
    const start = await runCli(
      ['start', '--role-file', file, '--format', 'deep', '--problem', 'pastebin', '--offline'],
      {
        input: 'People paste text.',
        env,
      },
    );
    expect(start.exitCode).toBe(0);

    const text = await runCli(['roles'], { env: { ...env, COLUMNS: '200' } });
    expect(text.exitCode).toBe(0);
    const lines = text.stdout.split('\n');
    const after = (role: string) => lines.slice(lines.findIndex((l) => l.startsWith(`${role} `)) + 1).join('\n');
    expect(after('system-design')).toMatch(
      /^ {2}also [^\n]*\n {2}deep round \(--format deep --problem\): url-shortener \(URL shortener\), news-feed \(News feed\), chat \(Chat service\)/,
    );
    expect(after('storage-design')).toMatch(
      /^ {2}[^\n]*\n {2}deep round \(--format deep --problem\): pastebin \(Pastebin\)\n/,
    );
    // A role without problems has no such line.
    expect(after('backend').split('\n')[1]).not.toContain('deep round');

    const json = JSON.parse((await runCli(['roles', '--json'], { env })).stdout) as {
      id: string;
      problems?: { id: string; title: string }[];
    }[];
    const problems = (id: string) => json.find((r) => r.id === id)?.problems?.map((p) => [p.id, p.title]);
    expect(problems('system-design')).toEqual(
      expect.arrayContaining([
        ['url-shortener', 'URL shortener'],
        ['news-feed', 'News feed'],
      ]),
    );
    expect(problems('storage-design')).toEqual([['pastebin', 'Pastebin']]);
    expect(problems('backend') ?? []).toEqual([]);
  });
});
