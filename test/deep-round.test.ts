import { describe, expect, it } from 'vitest';
import {
  PHASE_CLARIFICATIONS,
  PHASE_FOLLOW_UPS,
  deepNextTask,
  factsAskedAbout,
  isClarifyingQuestion,
} from '../src/core/interview/deep-next-turn.js';
import { buildRound, budgetsText, chooseProblem, roundPlan } from '../src/core/interview/deep-phases.js';
import { findRole } from '../src/core/roles/catalog.js';
import { headerParts } from '../src/tui/header-line.js';
import { textWidth } from '../src/tui/text-layout.js';
import { roundView } from '../src/core/interview/deep-phases.js';
import { DesignProblem, type DesignRound } from '../src/model/design-round.js';
import type { Turn, TurnKind } from '../src/model/turn.js';
import { RoleTemplate } from '../src/model/role.js';

const problems = findRole('system-design').problems ?? [];
const urlShortener = problems.find((p) => p.id === 'url-shortener');
if (!urlShortener) throw new Error('the system-design role has no url-shortener problem');
const round: DesignRound = buildRound(urlShortener);

let seq = 0;
function turn(kind: TurnKind, content: string, durationMs: number | null = null): Turn {
  seq++;
  return {
    id: seq,
    sessionId: 's',
    seq,
    speaker: kind === 'answer' || kind === 'skipped' ? 'candidate' : 'interviewer',
    kind,
    questionNumber: 1,
    content,
    createdAt: '2026-01-01T00:00:00.000Z',
    durationMs,
    cancelled: false,
    audioUrl: null,
    metrics: null,
    askedBy: kind === 'answer' ? null : 'model',
  };
}

const facts = (phase: number, turns: Turn[], more: Partial<Parameters<typeof deepNextTask>[0]> = {}) => ({
  round,
  phase,
  turns,
  skipped: false,
  followUpsPossible: true,
  ...more,
});

describe('the problem bank', () => {
  it('holds the classic problems as valid role data, each with facts and a deep-dive topic', () => {
    expect(problems.map((p) => p.id)).toEqual(
      expect.arrayContaining(['url-shortener', 'news-feed', 'chat', 'rate-limiter', 'ride-hailing']),
    );
    for (const p of problems) expect(DesignProblem.safeParse(p).success).toBe(true);
    expect(RoleTemplate.safeParse(findRole('system-design')).success).toBe(true);
  });

  it('rejects a role file problem with no facts, and bounds what a role file may hold', () => {
    const bad = { ...urlShortener, facts: [] };
    expect(DesignProblem.safeParse(bad).success).toBe(false);
    expect(DesignProblem.safeParse({ ...urlShortener, statement: 'x'.repeat(5000) }).success).toBe(false);
  });

  it('picks the problem named, else one not done lately; an unknown name lists the choices', () => {
    expect(chooseProblem(problems, 'chat').id).toBe('chat');
    expect(() => chooseProblem(problems, 'tinyurl')).toThrow(/Unknown problem "tinyurl". Problems: url-shortener/);
    const recent = problems.slice(1).map((p) => p.id);
    expect(chooseProblem(problems, null, recent, () => 0.99).id).toBe(problems[0]?.id);
    expect(() => chooseProblem([], null)).toThrow(/no design problems/);
  });
});

describe('phases and budgets', () => {
  it('has six phases of 5/5/8/12/10/5 minutes by default (45 in all), scaled by --minutes', () => {
    expect(round.phases.map((p) => p.id)).toEqual([
      'requirements',
      'estimates',
      'api-data',
      'high-level',
      'deep-dive',
      'trade-offs',
    ]);
    expect(budgetsText(round)).toBe('5/5/8/12/10/5');
    expect(budgetsText(buildRound(urlShortener, 90))).toBe('10/10/16/24/20/10');
    // Never a phase of no time at all.
    expect(buildRound(urlShortener, 10).phases.every((p) => p.budgetSec >= 60)).toBe(true);
  });

  it('plans one question per phase: the problem first, then what each phase asks, each with what it is graded on', () => {
    const plan = roundPlan(round);
    expect(plan).toHaveLength(6);
    expect(plan[0]?.text).toContain(urlShortener.statement);
    expect(plan[4]?.text).toContain(urlShortener.deepDive[0]);
    expect(plan.every((q) => q.focus)).toBe(true);
    expect(plan[5]?.focus).toMatch(/^Bottlenecks and trade-offs: .*tradeoffs/);
  });
});

describe('clarifying questions', () => {
  it.each([
    ["What's the read/write ratio?", true],
    ['How many users do we expect? And do links expire?', true],
    ['Should links expire after some time?', true],
  ])('%s is a clarifying question', (text, expected) => expect(isClarifyingQuestion(text)).toBe(expected));

  it.each([
    ['Users paste a link and get a short one back.', false],
    [
      'I would shard by key. Reads go to replicas. Writes go to the primary. Then a cache. Does that make sense?',
      false,
    ],
    [`${'I would store the links in a key-value store with the code as the key. '.repeat(6)}Right?`, false],
  ])('%s is an answer', (text, expected) => expect(isClarifyingQuestion(text)).toBe(expected));

  it('answers from the facts the question asks about, and from none when it asks about nothing the problem settles', () => {
    const stated = factsAskedAbout("What's the read/write ratio?", urlShortener.facts);
    expect(stated).toContain('Reads outnumber writes about 100 to 1: redirects dominate.');
    expect(factsAskedAbout('Do links expire?', urlShortener.facts)).toEqual([
      'Links are kept for five years unless the owner sets an expiry.',
    ]);
    expect(factsAskedAbout('Which programming language should I use?', urlShortener.facts)).toEqual([]);
  });
});

describe('deepNextTask: the app decides the turn', () => {
  it('answers a clarifying question with the facts, as a clarification, not a follow-up', () => {
    const task = deepNextTask(facts(1, [turn('question', 'Design…'), turn('answer', 'What is the read/write ratio?')]));
    expect(task).toEqual({ kind: 'clarify', facts: expect.arrayContaining([expect.stringMatching(/100 to 1/)]) });
  });

  it('answers clarifying questions offline too (from the facts), and moves on after an answer', () => {
    const asked = [turn('question', 'Design…'), turn('answer', 'Do links expire?')];
    expect(deepNextTask(facts(1, asked, { followUpsPossible: false })).kind).toBe('clarify');
    const answered = [...asked, turn('clarify', 'Assume five years.'), turn('answer', 'Users shorten links.')];
    expect(deepNextTask(facts(1, answered, { followUpsPossible: false }))).toMatchObject({
      kind: 'next',
      question: expect.stringMatching(/estimates/i),
    });
  });

  it('probes the first point the answers did not cover, then the next one, never the same twice', () => {
    const first = [turn('question', 'Design…'), turn('answer', 'Users can shorten a link and open it later.')];
    const task = deepNextTask(facts(1, first));
    expect(task).toMatchObject({ kind: 'follow-up', gap: { probe: expect.stringMatching(/non-functional/) } });
    // A clarification in between does not count as a follow-up and is not an answer.
    const later = [
      ...first,
      turn('follow-up', 'What about latency?'),
      turn('answer', 'Is it global?'),
      turn('clarify', 'Assume global.'),
    ];
    expect(deepNextTask(facts(1, [...later, turn('answer', 'Not sure.')]))).toMatchObject({ kind: 'next' });
  });

  it(`moves to the next phase after ${PHASE_FOLLOW_UPS} follow-ups, even with points left`, () => {
    const turns = [
      turn('question', 'Estimates?'),
      turn('answer', 'It is big.'),
      turn('follow-up', 'How many requests per second?'),
      turn('answer', 'Many.'),
      turn('follow-up', 'And storage?'),
      turn('answer', 'Lots.'),
    ];
    expect(deepNextTask(facts(2, turns))).toMatchObject({ kind: 'next', question: expect.stringMatching(/API/) });
    expect(deepNextTask(facts(2, turns.slice(0, 4)))).toMatchObject({ kind: 'follow-up' });
  });

  it("moves on when the phase's time budget is spent (the candidate's answering time)", () => {
    const budgetMs = (round.phases[1]?.budgetSec ?? 0) * 1000;
    const thin = [turn('question', 'Estimates?'), turn('answer', 'It is big.', budgetMs - 1)];
    expect(deepNextTask(facts(2, thin)).kind).toBe('follow-up');
    const spent = [turn('question', 'Estimates?'), turn('answer', 'It is big.', budgetMs)];
    expect(deepNextTask(facts(2, spent)).kind).toBe('next');
  });

  it(`takes questions as answers after ${PHASE_CLARIFICATIONS} clarifications in one phase`, () => {
    const turns: Turn[] = [turn('question', 'Design…')];
    for (let i = 0; i < PHASE_CLARIFICATIONS; i++) turns.push(turn('answer', 'And the scale?'), turn('clarify', 'x'));
    expect(deepNextTask(facts(1, [...turns, turn('answer', 'And latency?')])).kind).not.toBe('clarify');
  });

  it('closes after the last phase, and a skip moves on', () => {
    expect(deepNextTask(facts(6, [turn('question', 'Trade-offs?'), turn('skipped', '')], { skipped: true }))).toEqual({
      kind: 'close',
    });
  });
});

describe('the header of a deep round', () => {
  const phases = roundView(round).phases;
  const info = (questionNumber: number) => ({
    role: 'URL shortener',
    questionNumber,
    plannedQuestions: 6,
    followUp: false,
    model: 'mistral',
    elapsedMs: 754_000,
    answerMs: 45_000,
    nudge: false,
    phases,
  });

  it('shows the current phase and every phase budget at 80 columns, the current one marked', () => {
    const parts = headerParts(info(2), 76);
    const question = parts.find((p) => p.name === 'question')?.text;
    expect(question).toBe('Phase 2/6 Estimate · 5 [5] 8 12 10 5 min');
    expect(parts.find((p) => p.name === 'role')?.text).toBe('URL shortener');
  });

  it('fits every width from 40 to 120 columns, and keeps the phase from 50 columns up', () => {
    for (let columns = 40; columns <= 120; columns++) {
      const parts = headerParts(info(4), columns - 4);
      const width = parts.reduce((sum, p) => sum + textWidth(p.text), 0) + 2 * (parts.length - 1);
      expect(width).toBeLessThanOrEqual(columns - 5);
      if (columns >= 50) expect(parts.find((p) => p.name === 'question')?.text).toMatch(/^(Phase 4\/6|P4\/6) /);
    }
  });
});

describe('storage', () => {
  it('a saved role keeps its design problems (role_templates.problems_json), and a damaged column is named', async () => {
    const { openDatabase } = await import('../src/db/open.js');
    const { upsertRoles, getStoredRole } = await import('../src/db/roles.js');
    const db = openDatabase(':memory:');
    upsertRoles(db, [findRole('system-design'), findRole('backend')], true);
    const stored = getStoredRole(db, 'system-design');
    expect(stored && 'problems' in stored ? stored.problems?.map((p) => p.id) : null).toEqual(
      problems.map((p) => p.id),
    );
    expect(getStoredRole(db, 'backend')).not.toHaveProperty('unreadable');
    db.prepare("UPDATE role_templates SET problems_json = '[{}]' WHERE id = 'system-design'").run();
    expect(getStoredRole(db, 'system-design')).toMatchObject({ unreadable: expect.stringMatching(/^problems_json/) });
    db.close();
  });
});
