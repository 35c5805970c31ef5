import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUBRICS, rubricFor } from '../src/core/evaluation/rubrics.js';
import type { RubricFamily } from '../src/model/rubric.js';
import { RoleFamily } from '../src/model/role.js';
import { findRole } from '../src/core/roles/catalog.js';
import { loadRoleFile } from '../src/core/roles/role-file.js';

const FAMILIES: RubricFamily[] = ['technical', 'system-design', 'behavioral', 'leadership', 'product'];

describe('rubrics', () => {
  it('defines all five families', () => {
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

describe('the product-manager rubric', () => {
  const product = RUBRICS.product;

  it('grades product sense, analytical rigour and metrics, prioritisation, execution and alignment, communication', () => {
    expect(product.dimensions.map((d) => d.name)).toEqual([
      'Product sense',
      'Analytical rigour and metrics',
      'Prioritisation',
      'Execution and alignment',
      'Communication and clarity',
    ]);
    // The communication dimension is the one every rubric shares, not a copy.
    expect(product.dimensions.at(-1)).toBe(RUBRICS.technical.dimensions.find((d) => d.id === 'communication'));
  });

  it('has no people-leadership dimension (product managers were graded on it before)', () => {
    expect(product.dimensions.map((d) => d.id)).not.toContain('people_leadership');
  });

  it('is the rubric of the built-in product-manager role, and only of it', () => {
    expect(findRole('product-manager').family).toBe('product');
    expect(findRole('pm').family).toBe('product');
    expect(findRole('engineering-manager').family).toBe('leadership');
  });

  it('every family a role can name has a rubric, and the other way round', () => {
    expect([...RoleFamily.options].sort()).toEqual(Object.keys(RUBRICS).sort());
  });

  it('a custom role file can name the product family; an unknown family is refused, naming product', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-rubric-'));
    const file = (family: string) => {
      const path = join(dir, `${family}.yaml`);
      writeFileSync(
        path,
        `id: growth-pm
title: Growth PM
description: Growth experiments for a subscription app.
family: ${family}
skills: [experimentation]
questions:
  - text: How would you raise trial-to-paid conversion?
  - text: Which metric would you pick for onboarding?
  - text: How do you decide which experiment to run first?
`,
      );
      return path;
    };
    expect(loadRoleFile(file('product')).family).toBe('product');
    expect(() => loadRoleFile(file('pm'))).toThrow(/family.*product/s);
  });
});
