import { describe, expect, it } from 'vitest';
import { RUBRICS, rubricFor } from '../src/core/evaluation/rubrics.js';
import type { RubricFamily } from '../src/model/rubric.js';

const FAMILIES: RubricFamily[] = ['technical', 'system-design', 'behavioral', 'leadership'];

describe('rubrics', () => {
  it('defines all four families', () => {
    expect(Object.keys(RUBRICS).sort()).toEqual([...FAMILIES].sort());
    for (const family of FAMILIES) {
      expect(rubricFor(family).family).toBe(family);
      expect(rubricFor(family).title.trim()).not.toBe('');
    }
  });

  for (const family of FAMILIES) {
    describe(family, () => {
      const rubric = RUBRICS[family];

      it('has 4-5 dimensions with unique snake_case ids', () => {
        expect(rubric.dimensions.length).toBeGreaterThanOrEqual(4);
        expect(rubric.dimensions.length).toBeLessThanOrEqual(5);
        const ids = rubric.dimensions.map((d) => d.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      });

      it('includes communication', () => {
        expect(rubric.dimensions.map((d) => d.id)).toContain('communication');
      });

      it('every dimension has a name, a description and 5 distinct non-empty anchors', () => {
        for (const d of rubric.dimensions) {
          expect(d.name.trim()).not.toBe('');
          expect(d.description.trim()).not.toBe('');
          expect(d.anchors).toHaveLength(5);
          for (const a of d.anchors) expect(a.trim()).not.toBe('');
          expect(new Set(d.anchors.map((a) => a.trim().toLowerCase())).size).toBe(5);
        }
      });

      it('score 1 anchors cover a missing answer', () => {
        for (const d of rubric.dimensions) {
          expect(d.anchors[0]).toMatch(/no answer|don't know|do not know/i);
        }
      });
    });
  }
});
