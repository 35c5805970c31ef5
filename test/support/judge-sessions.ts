import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open.js';
import { createSession } from '../../src/db/sessions.js';
import { appendTurn } from '../../src/db/transcripts.js';
import type { Difficulty } from '../../src/model/difficulty.js';
import { findRole } from '../../src/core/roles/catalog.js';

/** Sentences a backend candidate might say; answers are made of them, a different start per answer. */
const SENTENCES = [
  'At my last job we ran a payments API that served about four thousand requests a second at peak.',
  'Reads dominated, so I put a Redis read-through cache in front of Postgres and set short expiry times.',
  'Before the change the p99 latency was around three hundred milliseconds, and afterwards it was near forty.',
  'The hard part was invalidation, because a stale balance is worse than a slow one for our customers.',
  'We published change events from the write path and evicted the affected keys within a second.',
  'I also added a read replica per region and routed reads by tenant, which halved the load on the primary.',
  'To be sure it worked we load tested with recorded traffic and watched error rates and queue depth.',
  'I wrote a short design document, got review from two senior engineers and rolled out behind a flag.',
  'If I did it again I would add the dashboards first, since we spent a day guessing during the rollout.',
  'The trade-off we accepted was a few seconds of staleness on reports, which the product team agreed to.',
];

/** About `words` words of plausible answer, starting at sentence `start`. */
export function answerText(words: number, start = 0): string {
  const out: string[] = [];
  let count = 0;
  for (let i = start; count < words; i++) {
    const sentence = SENTENCES[i % SENTENCES.length] ?? '';
    out.push(sentence);
    count += sentence.split(' ').length;
  }
  return out.join(' ');
}

export interface JudgedSessionShape {
  questions: number;
  followUps: number;
  /** Words per answer (default 150). */
  words?: number;
  difficulty?: Difficulty;
  /** Overrides the answer to question q (1-based), exchange e (0: the main question). */
  answer?: (q: number, e: number) => string | undefined;
}

/** A database file in a fresh private directory (never /tmp itself: openDatabase chmods the parent). */
export function databaseFile(): Db {
  return openDatabase(join(mkdtempSync(join(tmpdir(), 'ic-judge-')), 'interview-coach.db'));
}

/** A finished backend session: each question answered, then each follow-up asked and answered. */
export function judgedSession(shape: JudgedSessionShape, db: Db = databaseFile()): { db: Db; id: string } {
  const role = findRole('backend');
  const plan = role.questions.slice(0, shape.questions).map((q) => ({
    text: q.text,
    difficulty: q.difficulty,
    topics: q.topics,
  }));
  const id = createSession(db, {
    roleId: 'backend',
    roleTitle: 'Backend Engineer',
    difficulty: shape.difficulty ?? 'medium',
    plan,
    model: 'mistral',
    host: null,
    inputMode: 'text',
    interviewer: 'ollama',
    offlineReason: null,
  });
  for (let q = 1; q <= shape.questions; q++) {
    const asked = plan[q - 1]?.text ?? `Question ${q}?`;
    appendTurn(db, id, { speaker: 'interviewer', kind: 'question', questionNumber: q, content: `Thank you. ${asked}` });
    for (let e = 0; e <= shape.followUps; e++) {
      if (e > 0)
        appendTurn(db, id, {
          speaker: 'interviewer',
          kind: 'follow-up',
          questionNumber: q,
          content: 'Could you tell me more about how you measured the result, and what you would change?',
        });
      const content = shape.answer?.(q, e) ?? answerText(shape.words ?? 150, q + e);
      appendTurn(db, id, { speaker: 'candidate', kind: 'answer', questionNumber: q, content });
    }
  }
  return { db, id };
}
