import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/tui/App.js';
import { Interview } from '../src/core/interview/interview.js';
import { buildRound } from '../src/core/interview/deep-phases.js';
import { OllamaLlm } from '../src/core/llm/ollama-client.js';
import { findRole } from '../src/core/roles/catalog.js';
import { openDatabase, type Db } from '../src/db/open.js';
import { listTurns } from '../src/db/transcripts.js';
import { sessionRound } from '../src/db/session-round.js';
import { isEvent, type AnswerAction, type InterviewEvent } from '../src/model/events.js';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { OBEDIENT_ASSUME, obedient } from './support/scenarios.mjs';
import { waitFor } from './support/wait.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const role = findRole('system-design');
const problem = role.problems?.find((p) => p.id === 'rate-limiter');
if (!problem) throw new Error('no rate-limiter problem in the system-design role');
const rateLimiter = problem;

function deepInterview(db: Db, url: string | null, resumeSessionId?: string) {
  return new Interview(
    {
      role,
      difficulty: 'medium',
      questions: 6,
      model: url ? 'mistral' : null,
      host: url,
      ...(resumeSessionId ? { resumeSessionId } : { round: buildRound(rateLimiter, 45) }),
    },
    { db, llm: url ? new OllamaLlm(url, 'mistral') : null, offlineReason: url ? null : 'offline for the test' },
  );
}

describe('TUI: the deep round', () => {
  it("shows the problem, the current phase and every phase's budget in the header; answers a clarifying question", async () => {
    standin = await startStandin({ reply: obedient(), tokenDelayMs: 1 });
    const db = openDatabase(':memory:');
    const app = render(
      <App interview={deepInterview(db, standin.url)} offlineReason={null} judgeModel="mistral" onDone={() => {}} />,
    );
    const frame = () => app.lastFrame() ?? '';
    await waitFor(() => frame().includes('Enter send'), 'the answer box');
    expect(frame()).toContain('Rate limiter');
    expect(frame()).toContain('Phase 1 of 6: Requirements and clarifying questions (5 min)');
    expect(frame()).toContain('Phase 1/6 Reqs · [5] 5 8 12 10 5 min');

    app.stdin.write('How many requests per minute may each client make?');
    await waitFor(() => frame().includes('How many requests per minute'), 'typed text');
    app.stdin.write('\r');
    await waitFor(() => frame().includes('Q1 answers your question'), 'the stored clarification');
    expect(frame()).toContain(`${OBEDIENT_ASSUME} Each API key may make 1,000 requests per minute.`);
    // The opening kept the whole planned question: the problem and what to start with.
    expect(frame()).not.toContain('left out what followed it');
    await waitFor(() => frame().includes('Enter send'), 'the answer box again');

    app.stdin.write('Clients can call until they reach their limit; the check must be fast and always available.');
    await waitFor(() => frame().includes('always available.'), 'typed text');
    app.stdin.write('\r');
    await waitFor(() => frame().includes('Phase 2/6 Estimate · 5 [5] 8 12 10 5 min'), 'the header in phase 2');
    expect(frame()).toContain('Phase 2 of 6: Estimates (5 min)');
    expect(listTurns(db, sessionOf(db)).map((t) => t.kind)).toContain('clarify');
    app.unmount();
  });
});

function sessionOf(db: Db): string {
  const row = db.prepare('SELECT id FROM sessions').get() as { id: string };
  return row.id;
}

describe('resuming a deep round', () => {
  it('keeps the problem, the budgets and the phase where it stopped', async () => {
    const db = openDatabase(':memory:');
    const stop = new AbortController();
    const answers: AnswerAction[] = [
      { type: 'answer', text: 'Clients are limited per API key; it must be fast.', durationMs: 1000 },
    ];
    const first: InterviewEvent[] = [];
    for await (const e of deepInterview(db, null).run(
      {
        next: ({ questionNumber }) => {
          const next = answers.shift();
          if (next) return Promise.resolve(next);
          // Waiting on phase 2's answer: the session is cut off here.
          expect(questionNumber).toBe(2);
          stop.abort();
          return new Promise(() => {});
        },
      },
      stop.signal,
    )) {
      first.push(e);
    }
    expect(first.filter((e) => isEvent(e, 'phase')).map((e) => e.number)).toEqual([1, 2]);
    const id = sessionOf(db);
    expect(db.prepare('SELECT status FROM sessions').get()).toEqual({ status: 'interrupted' });

    // The resume names no round: it comes from the session, with the phase it was in.
    const later: InterviewEvent[] = [];
    const more: AnswerAction[] = [
      { type: 'answer', text: 'Is it one region or several?', durationMs: 500 },
      { type: 'answer', text: '500,000 requests per second, 1 million keys, a few bytes each.', durationMs: 1000 },
    ];
    for await (const e of deepInterview(db, null, id).run(
      { next: () => Promise.resolve(more.shift() ?? { type: 'end' }) },
      new AbortController().signal,
    ))
      later.push(e);
    const started = later.find((e) => isEvent(e, 'started'));
    expect(started && isEvent(started, 'started') ? started.round?.problemTitle : null).toBe('Rate limiter');
    expect(later.filter((e) => isEvent(e, 'phase')).map((e) => [e.number, e.title])).toEqual([
      [2, 'Estimates'],
      [3, 'API and data model'],
    ]);
    const round = sessionRound(db, id);
    expect(round && 'problem' in round ? round.problem.id : null).toBe('rate-limiter');
    // The question asked on resume got the app's assumptions (offline), in phase 2.
    const clarify = listTurns(db, id).filter((t) => t.kind === 'clarify');
    expect(clarify.map((t) => t.questionNumber)).toEqual([2]);
  });
});
