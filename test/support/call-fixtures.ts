import { join } from 'node:path';
import { openDatabase } from '../../src/db/open.js';
import { insertLlmCall } from '../../src/db/llm-calls.js';
import type { LlmCall } from '../../src/model/llm-call.js';
import { fixtureHome, type FixtureSession } from './fixtures.js';

/** A plain, successful interviewer call; override what a test is about. */
export function aCall(overrides: Partial<LlmCall> = {}): LlmCall {
  return {
    purpose: 'interviewer',
    attempt: 1,
    model: 'mistral',
    host: 'http://127.0.0.1:11434',
    options: {
      options: { num_ctx: 8192, num_predict: 400, temperature: 0.7, stop: ['\nCandidate:'] },
      think: false,
      keep_alive: '30m',
    },
    messages: [
      { role: 'system', content: 'You are the interviewer for a Backend Engineer role.' },
      { role: 'user', content: 'Ask question 1: How would you cache a hot read path?' },
    ],
    reply: 'How would you cache a hot read path in a busy service?',
    thinking: '',
    doneReason: 'stop',
    promptTokens: 812,
    outputTokens: 14,
    loadMs: 1203,
    promptMs: 310,
    evalMs: 95,
    totalMs: 1650,
    nearContextLimit: false,
    error: null,
    startedAt: '2026-11-01T09:00:03.000Z',
    ...overrides,
  };
}

/** Sessions written by the fixtures, then each one's calls through the db layer, as the interview's sink does. */
export function homeWithCalls(sessions: readonly (FixtureSession & { calls: LlmCall[] })[]): {
  home: string;
  ids: string[];
} {
  const { home, ids } = fixtureHome(sessions);
  const db = openDatabase(join(home, 'interview-coach.db'));
  sessions.forEach((s, i) => s.calls.forEach((c) => insertLlmCall(db, ids[i] ?? '', c)));
  db.close();
  return { home, ids: ids as string[] };
}
