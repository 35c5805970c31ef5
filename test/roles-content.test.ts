import { describe, expect, it } from 'vitest';
import { RoleTemplate } from '../src/model/role.js';
import { BUILTIN_ROLES } from '../src/core/roles/builtin-roles.js';
import { nearDuplicates } from './support/near-duplicates.js';

const parsed = BUILTIN_ROLES.map((r) => RoleTemplate.parse(r));

describe('built-in role templates', () => {
  it('has at least 10 roles', () => {
    expect(BUILTIN_ROLES.length).toBeGreaterThanOrEqual(10);
  });

  it.each(BUILTIN_ROLES.map((r) => [r.id, r] as const))('%s parses with RoleTemplate', (_id, role) => {
    expect(() => RoleTemplate.parse(role)).not.toThrow();
  });

  it('has unique ids', () => {
    const ids = parsed.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  // Ten per level: a session of the default five questions at one level can then differ from
  // the last one completely (planning prefers questions not answered recently).
  it.each(parsed.map((r) => [r.id, r] as const))('%s has at least 10 questions per difficulty', (_id, role) => {
    for (const level of ['easy', 'medium', 'hard'] as const) {
      const count = role.questions.filter((q) => q.difficulty === level).length;
      expect(count, `${role.id}: ${level} questions`).toBeGreaterThanOrEqual(10);
    }
  });

  it('tags every question with 1 to 3 topics', () => {
    const bad = parsed.flatMap((r) =>
      r.questions
        .filter((q) => q.topics.length < 1 || q.topics.length > 3)
        .map((q) => `${r.id}: ${q.text} (${q.topics.length} topics)`),
    );
    expect(bad).toEqual([]);
  });

  it.each(parsed.map((r) => [r.id, r] as const))('%s has no near-duplicate questions', (_id, role) => {
    const pairs = nearDuplicates(role.questions.map((q) => q.text)).map(
      (d) => `"${d.a}" ~ "${d.b}" (shared: ${d.shared.join(', ')})`,
    );
    expect(pairs).toEqual([]);
  });

  it('has question texts that are unique across all roles', () => {
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const role of parsed) {
      for (const q of role.questions) {
        const key = q.text.trim().toLowerCase();
        const prev = seen.get(key);
        if (prev) dupes.push(`"${q.text}" (${prev} and ${role.id})`);
        else seen.set(key, role.id);
      }
    }
    expect(dupes).toEqual([]);
  });

  it("ends every question with '?' or '.'", () => {
    const bad = parsed.flatMap((r) =>
      r.questions.filter((q) => !/[?.]$/.test(q.text.trim())).map((q) => `${r.id}: ${q.text}`),
    );
    expect(bad).toEqual([]);
  });
});

describe('the near-duplicate check', () => {
  const pool = BUILTIN_ROLES.find((r) => r.id === 'backend')!.questions.map((q) => q.text);

  it('flags a reworded question planted in a real pool', () => {
    const planted = 'How would you investigate a query that went from 20 ms to 2 seconds in production?';
    const found = nearDuplicates([...pool, planted]);
    expect(found.map((d) => d.b)).toEqual([planted]);
    expect(found[0]!.a).toMatch(/^A query that used to take 20 ms/);
  });

  it('flags a STAR prompt that only swaps a few words', () => {
    const found = nearDuplicates([
      'Tell me about a time you managed an engineer who was underperforming.',
      'Tell me about a time you coached an underperforming engineer you managed.',
    ]);
    expect(found).toHaveLength(1);
  });

  it('does not flag questions that merely share the stock opening or one topic word', () => {
    expect(
      nearDuplicates([
        'Tell me about a time you helped a teammate who was struggling.',
        'Tell me about a time you disagreed with a teammate on a technical approach and how it was resolved.',
        'How would you add caching to a read-heavy endpoint without serving users stale data for too long?',
        'How would you design a cache eviction policy for a service with a small memory budget?',
      ]),
    ).toEqual([]);
  });
});
