import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { obedient } from './support/scenarios.mjs';
import { readTask } from './support/interviewer-task.mjs';
import { openDatabase, type Db } from '../src/db/open.js';
import { getSession } from '../src/db/sessions.js';
import { listTurns } from '../src/db/transcripts.js';
import { Interview } from '../src/core/interview/interview.js';
import { savedPlan } from '../src/core/interview/plan.js';
import {
  isEvent,
  type AnswerAction,
  type AnswerSource,
  type DoneEvent,
  type InterviewEvent,
} from '../src/model/events.js';
import { OllamaLlm } from '../src/core/llm/ollama-client.js';
import { findRole } from '../src/core/roles/catalog.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

/** Answers from a list; after the list, /end. */
function scripted(answers: AnswerAction[]): AnswerSource {
  return { next: () => Promise.resolve(answers.shift() ?? { type: 'end' }) };
}

/** The first event of a type, or a clear failure naming the events there were. */
function firstEvent<T extends InterviewEvent['type']>(
  events: InterviewEvent[],
  type: T,
): Extract<InterviewEvent, { type: T }> {
  for (const e of events) if (isEvent(e, type)) return e;
  throw new Error(`no '${type}' event among: ${events.map((e) => e.type).join(', ')}`);
}

async function collect(
  it: AsyncIterable<InterviewEvent>,
  onEvent?: (e: InterviewEvent) => void,
): Promise<InterviewEvent[]> {
  const events: InterviewEvent[] = [];
  for await (const e of it) {
    events.push(e);
    onEvent?.(e);
  }
  return events;
}

function makeInterview(db: Db, url: string | null, questions = 2) {
  const role = findRole('backend');
  const llm = url ? new OllamaLlm(url, 'mistral') : null;
  return new Interview(
    { role, difficulty: 'medium', questions, model: url ? 'mistral' : null, host: url },
    { db, llm, offlineReason: url ? null : 'offline for the test', random: () => 0.5 },
  );
}

const answer = (text: string): AnswerAction => ({ type: 'answer', text, durationMs: 1000 });

describe('Interview with Ollama', () => {
  it('greets, asks, follows up on a thin answer, moves on at the follow-up cap, closes after a skip, saving every turn', async () => {
    standin = await startStandin({ reply: obedient() });
    const db = openDatabase(':memory:');
    const interview = makeInterview(db, standin.url, 2);
    const events = await collect(
      interview.run(
        scripted([
          answer('I would add a cache in front of the database.'),
          answer('We cached hot keys in Redis and cut p99 latency from 300 ms to 40 ms.'),
          { type: 'skip' },
        ]),
        new AbortController().signal,
      ),
    );

    const turns = events.filter((e) => isEvent(e, 'question')).map((e) => e.kind);
    expect(turns).toEqual(['question', 'follow-up', 'question', 'closing']);
    const deltas = events
      .filter((e) => isEvent(e, 'question-delta'))
      .map((e) => e.text)
      .join('');
    expect(deltas).not.toMatch(/NEXT:|FOLLOW-UP:|CLOSE:/);
    const done = events.at(-1) as Extract<InterviewEvent, { type: 'done' }>;
    expect(done).toMatchObject({ type: 'done', status: 'completed', reason: 'finished' });

    const saved = listTurns(db, done.sessionId);
    expect(saved.map((t) => `${t.speaker}:${t.kind}:${t.questionNumber}`)).toEqual([
      'interviewer:question:1',
      'candidate:answer:1',
      'interviewer:follow-up:1',
      'candidate:answer:1',
      'interviewer:question:2',
      'candidate:skipped:2',
      'interviewer:closing:2',
    ]);
    expect(getSession(db, done.sessionId)).toMatchObject({
      status: 'completed',
      interviewer: 'ollama',
      model: 'mistral',
    });

    // The candidate's words reach the model only fenced as data.
    const lastRequest = standin.chatRequests().at(-1)!;
    const userTurns = lastRequest.messages!.filter((m) => m.role === 'user').map((m) => m.content);
    expect(
      userTurns.some((c) =>
        /<<<CANDIDATE-ANSWER-[0-9a-f]{8}>>>\nI would add a cache in front of the database\.\n<<<END-CANDIDATE-ANSWER-/.test(
          c,
        ),
      ),
    ).toBe(true);
  });

  it('strips terminal control sequences from what the model says', async () => {
    standin = await startStandin({
      reply: (req) => `Hello \u001B[2J\u001B]0;owned\u0007there. ${readTask(req.messages ?? []).question}`,
    });
    const db = openDatabase(':memory:');
    const events = await collect(makeInterview(db, standin.url, 1).run(scripted([]), new AbortController().signal));
    const question = firstEvent(events, 'question');
    const planned = savedPlan(getSession(db, firstEvent(events, 'started').sessionId)!);
    expect(question.text).toBe(`Hello there. ${planned[0]?.text}`);
    expect(listTurns(db, firstEvent(events, 'started').sessionId)[0]?.content).toBe(question.text);
  });

  it('falls back to the question bank when the stream is cut, keeping what was said', async () => {
    const good = obedient();
    standin = await startStandin({
      reply: (req, i, ctx) =>
        i === 0
          ? good(req, i, ctx)
          : { text: 'Could you say', errorAfterTokens: 2, errorMessage: 'llama runner process has terminated' },
    });
    const db = openDatabase(':memory:');
    const events = await collect(
      makeInterview(db, standin.url, 2).run(
        scripted([answer('An answer of decent length about caching layers.'), answer('Second.')]),
        new AbortController().signal,
      ),
    );
    const notice = firstEvent(events, 'notice');
    expect(notice.message).toMatch(/llama runner process has terminated/);
    expect(notice.message).toMatch(/question bank/);
    const sessionId = firstEvent(events, 'started').sessionId;
    expect(getSession(db, sessionId)).toMatchObject({ interviewer: 'question-bank', status: 'completed' });
    const saved = listTurns(db, sessionId)
      .filter((t) => t.speaker === 'candidate')
      .map((t) => t.content);
    expect(saved).toEqual(['An answer of decent length about caching layers.', 'Second.']);
  });

  it('Esc (cancelReply) stops a streaming reply and keeps the partial text marked cancelled', async () => {
    standin = await startStandin({
      reply: () => ({
        text: 'NEXT: Welcome to the interview. Tell me how you would design an idempotent payment API with retries and exactly-once semantics over an unreliable network.',
        tokenDelayMs: 30,
      }),
    });
    const db = openDatabase(':memory:');
    const interview = makeInterview(db, standin.url, 1);
    let deltas = 0;
    const events = await collect(interview.run(scripted([]), new AbortController().signal), (e) => {
      if (e.type === 'question-delta' && ++deltas === 4) expect(interview.cancelReply()).toBe(true);
    });
    const question = firstEvent(events, 'question');
    expect(question.cancelled).toBe(true);
    expect(question.text.length).toBeGreaterThan(0);
    expect(question.text.length).toBeLessThan(100);
    await expect.poll(() => standin!.abortedStreams).toBe(1);
  });

  it('an abort (Ctrl-C) while waiting for an answer saves the session as interrupted', async () => {
    standin = await startStandin({ reply: obedient() });
    const db = openDatabase(':memory:');
    const controller = new AbortController();
    const never: AnswerSource = { next: () => new Promise(() => {}) };
    const events = await collect(makeInterview(db, standin.url).run(never, controller.signal), (e) => {
      if (e.type === 'awaiting-answer') controller.abort();
    });
    const done = events.at(-1) as DoneEvent;
    expect(done).toMatchObject({ type: 'done', status: 'interrupted' });
    expect(getSession(db, done.sessionId)?.status).toBe('interrupted');
  });
});

describe('Interview from the question bank', () => {
  it('asks the planned questions in order with no follow-ups, and /skip moves on', async () => {
    const db = openDatabase(':memory:');
    const events = await collect(
      makeInterview(db, null, 3).run(
        scripted([{ type: 'skip' }, answer('Short.'), answer('Done.')]),
        new AbortController().signal,
      ),
    );
    const kinds = events.filter((e) => isEvent(e, 'question')).map((e) => e.kind);
    expect(kinds).toEqual(['greeting', 'question', 'question', 'question', 'closing']);
    const sessionId = firstEvent(events, 'started').sessionId;
    const session = getSession(db, sessionId)!;
    expect(session).toMatchObject({
      interviewer: 'question-bank',
      offlineReason: 'offline for the test',
      status: 'completed',
    });
    const plan = savedPlan(session).map((q) => q.text);
    const asked = listTurns(db, sessionId)
      .filter((t) => t.kind === 'question')
      .map((t) => t.content);
    expect(asked).toEqual(plan);
    expect(listTurns(db, sessionId).find((t) => t.speaker === 'candidate')?.kind).toBe('skipped');
  });

  it('/end finishes early and says so', async () => {
    const db = openDatabase(':memory:');
    const events = await collect(
      makeInterview(db, null, 3).run(scripted([answer('One.'), { type: 'end' }]), new AbortController().signal),
    );
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'completed', reason: 'ended early' });
  });
});
