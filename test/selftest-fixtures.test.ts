import { describe, expect, it } from 'vitest';
import { RUBRICS } from '../src/core/evaluation/rubrics.js';
import {
  CALIBRATION_FIXTURES,
  CORE_FIXTURES,
  SMALL_FIXTURE_IDS,
  selectFixtures,
} from '../src/core/selftest/fixtures/index.js';
import { findRole } from '../src/core/roles/catalog.js';
import { answerFacts } from '../src/core/evaluation/heuristics.js';
import { changesSince, formatReport, type SelftestReport } from '../src/core/selftest/report.js';
import { checkFigures } from '../src/core/selftest/verdict.js';
import { PERSONA_MARKER as APP_MARKER } from '../src/core/selftest/candidates.js';
import { PERSONA_MARKER as STANDIN_MARKER } from './support/selftest-models.mjs';

describe('the calibration fixtures', () => {
  it('cover levels 1-5 in every rubric family, graded with the rubric of their role', () => {
    const families = [...new Set(CORE_FIXTURES.map((f) => f.family))];
    expect(families.sort()).toEqual(Object.keys(RUBRICS).sort());
    for (const family of families) {
      const levels = CORE_FIXTURES.filter((f) => f.family === family).map((f) => f.level);
      expect(levels.sort()).toEqual([1, 2, 3, 4, 5]);
    }
    for (const f of CALIBRATION_FIXTURES) expect(findRole(f.roleId).family).toBe(f.family);
  });

  it('have unique ids, grades 1-5, and adversarial twists of a fixture that exists', () => {
    const ids = CALIBRATION_FIXTURES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of CALIBRATION_FIXTURES) {
      for (const a of f.answers) expect(a.grade).toBeGreaterThanOrEqual(1);
      for (const a of f.answers) expect(a.grade).toBeLessThanOrEqual(5);
      if (f.variant !== 'reference' && f.variant !== 'mixed') expect(ids).toContain(f.base);
    }
    for (const variant of [
      'padded',
      'dense',
      'confident-wrong',
      'numbers-without-mechanism',
      'paraphrased',
      'injection',
      'mixed',
    ])
      expect(CALIBRATION_FIXTURES.some((f) => f.variant === variant)).toBe(true);
  });

  it('grade 1 every answer the guards call a non-answer (the guards force a 1 there, whatever the judge says)', () => {
    const nonAnswers = CALIBRATION_FIXTURES.flatMap((f) => f.answers).filter(
      (a) => !answerFacts(a.answer, []).substantive,
    );
    expect(nonAnswers.map((a) => a.answer)).toEqual(['fine', "I don't know."]);
    expect(nonAnswers.every((a) => a.grade === 1)).toBe(true);
  });

  it('the small subset and a list of ids select fixtures; an unknown id is an error', () => {
    expect(selectFixtures('small').map((f) => f.id)).toEqual(SMALL_FIXTURE_IDS);
    expect(selectFixtures(undefined)).toBe(CALIBRATION_FIXTURES);
    expect(selectFixtures('technical-1, behavioral-5').map((f) => f.id)).toEqual(['technical-1', 'behavioral-5']);
    expect(() => selectFixtures('technical-9')).toThrow('unknown selftest fixture technical-9');
  });

  it('the stand-in persona responder reads the marker the app writes', () => {
    expect(STANDIN_MARKER).toBe(APP_MARKER);
  });
});

describe('the report', () => {
  const report = (over: Partial<SelftestReport> & { orderAccuracy?: number }): SelftestReport => {
    const base = {
      model: 'mistral',
      judgeModel: 'mistral',
      modelDigest: 'aaaaaaaaaaaaaaaa',
      judgeDigest: 'aaaaaaaaaaaaaaaa',
      host: 'http://127.0.0.1:11434',
      numCtx: 8192,
      runs: 3,
      fixtures: 28,
      judge: { orderAccuracy: over.orderAccuracy ?? 0.9 },
      interviewer: {},
      endToEnd: { orderHeld: true, overall: { strong: 80, average: 50, weak: 20 } },
      maxPromptTokens: 3000,
      calls: 120,
      durationMs: 1000,
      verdict: 'usable',
      verdictLevel: 'usable' as const,
      changes: [],
      ...over,
    } as unknown as SelftestReport;
    return { ...base, checks: checkFigures(base) };
  };

  it('says nothing changed on a second identical run, and what changed otherwise', () => {
    const first = report({});
    const previous = {
      createdAt: '2026-01-01T00:00:00.000Z',
      modelDigest: first.modelDigest,
      judgeDigest: first.judgeDigest,
      checks: first.checks,
      verdict: first.verdict,
    };
    expect(changesSince(null, first)).toEqual([]);
    expect(changesSince(previous, first)).toEqual(['No change since the run of 2026-01-01T00:00:00.000Z.']);
    const later = report({
      orderAccuracy: 0.5,
      modelDigest: 'bbbbbbbbbbbbbbbb',
      judgeDigest: 'bbbbbbbbbbbbbbbb',
      verdict: 'not recommended as judge: orderAccuracy',
    });
    expect(changesSince(previous, later)).toEqual([
      'Compared with the run of 2026-01-01T00:00:00.000Z:',
      'mistral: the model was updated since (digest aaaaaaaaaaaa → bbbbbbbbbbbb).',
      'judge.orderAccuracy: 90% → 50%',
      'verdict: usable → not recommended as judge: orderAccuracy',
    ]);
  });

  it('prints each figure with its threshold, then the verdict', () => {
    const text = formatReport(report({}));
    expect(text).toMatch(/✓ judge\.orderAccuracy +90% {2}\(≥ 80%, required\)/);
    expect(text).toMatch(/ {2}judge\.maeVsReference +not measured {2}\(≤ 1\.00, required\)/);
    expect(text.trimEnd().split('\n').at(-1)).toBe('Verdict: usable');
  });
});
