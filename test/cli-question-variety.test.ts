import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { BUILTIN_ROLES } from '../src/core/roles/builtin-roles.js';

const FIVE_ANSWERS = ['First answer.', 'Second answer.', 'Third answer.', 'Fourth answer.', 'Fifth answer.'].join(
  '\n\n',
);

/** The question texts each saved session planned, oldest session first. */
function plans(dir: string): string[][] {
  const db = new Database(join(dir, 'interview-coach.db'), { readonly: true });
  try {
    return db
      .prepare<[], { plan_json: string }>('SELECT plan_json FROM sessions ORDER BY started_at, rowid')
      .all()
      .map((r) => (JSON.parse(r.plan_json) as { text: string }[]).map((q) => q.text));
  } finally {
    db.close();
  }
}

describe('consecutive sessions of one role', () => {
  it('do not repeat a question until the pool at that level is used up, then repeat the oldest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-variety-'));
    const mediumPool = BUILTIN_ROLES.find((r) => r.id === 'devops')!
      .questions.filter((q) => q.difficulty === 'medium')
      .map((q) => q.text);
    expect(mediumPool).toHaveLength(10);

    const outputs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await runCli(['start', '--role', 'devops', '--offline', '--questions', '5', '--no-evaluate'], {
        input: FIVE_ANSWERS,
        env: { INTERVIEW_COACH_HOME: dir },
      });
      expect(r.exitCode, r.stderr).toBe(0);
      outputs.push(r.stdout);
    }

    const [first, second, third] = plans(dir) as [string[], string[], string[]];
    for (const [i, plan] of [first, second, third].entries()) {
      expect(plan).toHaveLength(5);
      // The plan saved is the one asked.
      for (const text of plan) expect(outputs[i]).toContain(text);
    }
    // Two sessions of five at medium: ten different questions, the whole medium pool.
    expect([...first, ...second].sort()).toEqual([...mediumPool].sort());
    // The third has nothing fresh left, so it asks the five answered longest ago: the first session's.
    expect([...third].sort()).toEqual([...first].sort());
  }, 60_000);
});
