// @ts-check
// A big database for the benchmarks: `sessions` sessions of 20 messages each (10,000 sessions
// make 200,000 messages), written straight through better-sqlite3 in one transaction on the
// real schema (the app's openDatabase runs the migrations). The same count always builds the
// same database: the text comes from a seeded generator.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { built } from './built.mjs';
import { at } from './lib.mjs';

const { openDatabase } = await built('db/open.js');
const { BUILTIN_ROLES } = await built('core/roles/builtin-roles.js');

export const MESSAGES_PER_SESSION = 20;

const WORDS = [
  ...new Set(BUILTIN_ROLES.flatMap((r) => r.questions.flatMap((q) => q.text.toLowerCase().match(/[a-z]{3,}/g) ?? []))),
];

/**
 * Fills `home` (emptied first) with `sessions` completed sessions, an hour apart, each with an
 * AI evaluation; one session in a thousand mentions the rare word "zeppelin".
 * @param {string} home the INTERVIEW_COACH_HOME to fill
 * @param {number} sessions
 */
export function buildBigDatabase(home, sessions) {
  // A deterministic pseudo-random generator, so every run builds the same database.
  let seed = 42;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  /** @type {<T>(xs: readonly T[]) => T} */
  const pick = (xs) => at(xs, Math.floor(rand() * xs.length));
  /** @param {number} n words */
  const sentence = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const db = openDatabase(join(home, 'interview-coach.db'));
  const insertSession =
    db.prepare(`INSERT INTO sessions (id, role_id, role_title, difficulty, planned_questions, plan_json, model, host, input_mode, interviewer, status, started_at, ended_at, duration_ms, end_reason)
    VALUES (?, ?, ?, 'medium', 5, '[]', 'mistral', NULL, 'text', 'ollama', 'completed', ?, ?, ?, 'finished')`);
  const insertTurn = db.prepare(
    `INSERT INTO transcripts (session_id, seq, speaker, kind, question_number, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEval = db.prepare(
    `INSERT INTO evaluations (session_id, kind, status, overall_score, created_at) VALUES (?, 'ai', 'ok', ?, ?)`,
  );
  const start = Date.UTC(2024, 0, 1);
  db.transaction(() => {
    for (let i = 0; i < sessions; i++) {
      const id = randomUUID();
      const role = pick(BUILTIN_ROLES);
      const at = new Date(start + i * 3_600_000);
      insertSession.run(
        id,
        role.id,
        role.title,
        at.toISOString(),
        new Date(at.getTime() + 1_800_000).toISOString(),
        1_800_000,
      );
      for (let m = 0; m < MESSAGES_PER_SESSION; m++) {
        const candidate = m % 2 === 1;
        // One session in a thousand mentions a rare word, so a selective search is measured too.
        const text = candidate
          ? sentence(30 + Math.floor(rand() * 60)) + (i % 1000 === 7 && m === 1 ? ' zeppelin' : '')
          : sentence(15);
        insertTurn.run(
          id,
          m + 1,
          candidate ? 'candidate' : 'interviewer',
          candidate ? 'answer' : 'question',
          Math.floor(m / 2) + 1,
          text,
          at.toISOString(),
        );
      }
      insertEval.run(id, Math.floor(rand() * 100), at.toISOString());
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
