/**
 * The interview against stand-in models that misbehave the way real local models do
 * (support/scenarios.mjs). For each: what the candidate is shown, what is stored, what is
 * spoken, and what the model is sent next (the saved turns, exactly), with the plan and the
 * follow-up cap kept and a one-line notice whenever the model's words were not used as they came.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, tokenize, type ChatRequestBody, type ReplyFn, type Standin } from './support/ollama-standin.mjs';
import {
  EARLY_CLOSING,
  EXTRA_QUESTIONS,
  OBEDIENT_CLOSING,
  OBEDIENT_GREETING,
  OWN_QUESTION,
  ROLE_PLAY_TAIL,
  SELF_ANSWER,
  alwaysFollowUp,
  closesEarly,
  empty,
  forgetful,
  ignoresInstructions,
  longReply,
  obedient,
  otherLanguage,
  rolePlay,
  severalQuestions,
  thinksInline,
  whitespace,
} from './support/scenarios.mjs';
import { openDatabase, type Db } from '../src/db/open.js';
import { getSession } from '../src/db/sessions.js';
import { listTurns } from '../src/db/transcripts.js';
import { Interview } from '../src/core/interview/interview.js';
import { followUpsPerQuestion, savedPlan } from '../src/core/interview/plan.js';
import { OllamaLlm } from '../src/core/llm/ollama-client.js';
import { tuneRuntime } from '../src/core/llm/runtime.js';
import { findRole } from '../src/core/roles/catalog.js';
import { VoiceSession, type SpeechOutputLike } from '../src/voice/session.js';
import { deliveryMetrics } from '../src/core/evaluation/delivery.js';
import type { AnswerAction, InterviewEvent } from '../src/model/events.js';
import type { Difficulty } from '../src/model/role.js';
import type { Turn } from '../src/model/turn.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const say = (text: string): AnswerAction => ({ type: 'answer', text, durationMs: 1000 });
/** Substantive, but no example, no numbers, no topic words: always worth a follow-up. */
const THIN = 'I would look at it carefully and then decide what to change first.';
/** Long enough to matter for the context window (about 170 words). */
const LONG = Array.from(
  { length: 6 },
  (_, i) =>
    `Point ${i + 1}: at my last job we looked at the slow path, wrote down what users saw, measured it for a week and changed one thing at a time until it held.`,
).join(' ');

interface Run {
  db: Db;
  events: InterviewEvent[];
  turns: Turn[];
  /** Interviewer requests in order (judge and warm-up left out). */
  requests: ChatRequestBody[];
  /** Per interviewer turn, what the voice was given to speak. */
  spoken: string[];
  notices: string[];
  plan: string[];
  shown: string;
}

interface RunOptions {
  answers: AnswerAction[];
  questions?: number;
  difficulty?: Difficulty;
  model?: string;
  /** Read /api/show first as the app does (num_ctx, think): default true. */
  tune?: boolean;
  standin?: Partial<Parameters<typeof startStandin>[0]>;
  /** Esc (cancelReply) as soon as the first sentence is accepted for speech. */
  cancelOnFirstAccept?: boolean;
}

/** Speech output that records what it is given, per interviewer turn. */
function recordingSpeech(spoken: string[]): SpeechOutputLike {
  return {
    speakStream() {
      let said = '';
      return {
        push: (delta: string) => void (said += delta),
        end: () => {
          spoken.push(said);
          return Promise.resolve({
            clips: [],
            sentences: [],
            cutMs: null,
            firstSentenceAt: null,
            firstAudioAt: null,
            combinedPath: null,
          });
        },
      };
    },
    speaking: false,
    stop() {},
  };
}

/** The voice session, with nothing to listen to: only its speaking side is used here. */
function speakingVoice(spoken: string[]): VoiceSession {
  return new VoiceSession(
    { listen: async function* () {}, stopPushToTalk() {}, close() {} },
    {
      start: () => Promise.resolve(),
      transcribe: () => Promise.reject(new Error('not listening')),
      close: () => Promise.resolve(),
    },
    recordingSpeech(spoken),
    {
      audioRoot: mkdtempSync(join(tmpdir(), 'ic-scenario-audio-')),
      pushToTalk: false,
      inputIsFile: true,
      typingFallback: false,
      measureDelivery: deliveryMetrics,
    },
    () => {},
  );
}

async function interview(reply: ReplyFn, opts: RunOptions): Promise<Run> {
  const model = opts.model ?? 'mistral';
  standin = await startStandin({ reply, models: [`${model}:latest`], ...opts.standin });
  const db = openDatabase(':memory:');
  const difficulty = opts.difficulty ?? 'medium';
  const questions = opts.questions ?? 2;
  const llm = new OllamaLlm(standin.url, model);
  if (opts.tune !== false) {
    await tuneRuntime(llm, { plannedQuestions: questions, followUpsPerQuestion: followUpsPerQuestion(difficulty) });
  }
  const run = new Interview(
    { role: findRole('backend'), difficulty, questions, model, host: standin.url },
    { db, llm, offlineReason: null, random: () => 0.5 },
  );
  const answers = [...opts.answers];
  const spoken: string[] = [];
  const voice = speakingVoice(spoken);
  const events: InterviewEvent[] = [];
  for await (const e of run.run(
    { next: () => Promise.resolve(answers.shift() ?? { type: 'end' }) },
    new AbortController().signal,
  )) {
    events.push(e);
    voice.observe(e);
    if (
      opts.cancelOnFirstAccept &&
      e.type === 'question-accepted' &&
      events.filter((x) => x.type === 'question-accepted').length === 1
    )
      run.cancelReply();
  }
  await voice.close({ now: false });
  const started = events.find((e) => e.type === 'started');
  if (started?.type !== 'started') throw new Error('no started event');
  const session = getSession(db, started.sessionId);
  if (!session) throw new Error('no session');
  return {
    db,
    events,
    turns: listTurns(db, started.sessionId),
    requests: standin.chatRequests().filter((r) => !r.format && (r.messages?.length ?? 0) > 0),
    spoken,
    notices: events.flatMap((e) => (e.type === 'notice' ? [e.message] : [])),
    plan: savedPlan(session).map((q) => q.text),
    shown: events.flatMap((e) => (e.type === 'question-delta' ? [e.text] : [])).join(''),
  };
}

const interviewerTurns = (r: Run) => r.turns.filter((t) => t.speaker === 'interviewer');
const stored = (r: Run) => interviewerTurns(r).map((t) => t.content);
const FENCED = /<<<CANDIDATE-ANSWER-([0-9a-f]{8})>>>\n([\s\S]*?)\n<<<END-CANDIDATE-ANSWER-\1>>>/g;

/**
 * What the model is told is what the candidate saw: request N (retries of one turn count once)
 * carries, as assistant messages, exactly the N interviewer turns saved before it, and the
 * answers, fenced, exactly as saved.
 */
function expectRequestsFollowTheTranscript(r: Run): void {
  const distinct = r.requests.filter(
    (q, i) => i === 0 || JSON.stringify(q.messages) !== JSON.stringify(r.requests[i - 1]?.messages),
  );
  const saidByInterviewer = stored(r);
  const answers = r.turns.filter((t) => t.kind === 'answer').map((t) => t.content);
  expect(distinct.length).toBe(saidByInterviewer.length);
  distinct.forEach((q, n) => {
    const messages = q.messages ?? [];
    expect(messages.filter((m) => m.role === 'assistant').map((m) => m.content)).toEqual(saidByInterviewer.slice(0, n));
    const fenced = messages.flatMap((m) => (m.role === 'user' ? [...m.content.matchAll(FENCED)].map((x) => x[2]) : []));
    expect(fenced).toEqual(answers.slice(0, fenced.length));
  });
}

/** Nothing is spoken that is not stored: per turn, the speech is the stored text. */
function expectSpokenIsStored(r: Run): void {
  expect(r.spoken.map((s) => s.replace(/\s+/g, ' ').trim())).toEqual(
    stored(r).map((s) => s.replace(/\s+/g, ' ').trim()),
  );
}

/** Every main question asked is the planned one (in the model's words or the plan's). */
function expectPlanKept(r: Run, wording: 'verbatim' | 'any' = 'verbatim'): void {
  const questions = interviewerTurns(r).filter((t) => t.kind === 'question');
  expect(questions.length).toBeGreaterThan(0);
  for (const q of questions) {
    const planned = r.plan[(q.questionNumber ?? 0) - 1] ?? '';
    if (wording === 'verbatim') expect(q.content).toContain(planned);
  }
  expect(questions.map((q) => q.questionNumber)).toEqual(questions.map((_, i) => i + 1));
}

/** Four answers: a thin one (followed up), then full ones; enough for two questions at medium. */
const FOUR = [say(THIN), say(LONG), say(LONG), say(LONG)];

describe('an obedient model', () => {
  it('its words are shown, stored and spoken as they came; each request replays the saved turns', async () => {
    const r = await interview(obedient(), { answers: FOUR });
    expect(interviewerTurns(r).map((t) => [t.kind, t.askedBy])).toEqual([
      ['question', 'model'],
      ['follow-up', 'model'],
      ['question', 'model'],
      ['follow-up', 'model'],
      ['closing', 'model'],
    ]);
    expect(r.notices).toEqual([]);
    expect(stored(r).at(-1)).toBe(OBEDIENT_CLOSING);
    expect(r.shown).toBe(stored(r).join(''));
    expectRequestsFollowTheTranscript(r);
    expectSpokenIsStored(r);
    expectPlanKept(r);
  });
});

describe('a model that ignores or misplaces instructions', () => {
  it('labels (NEXT:, [NEXT], mid-reply) never reach the candidate; its own question is replaced by the planned one', async () => {
    const r = await interview(ignoresInstructions(), { answers: FOUR });
    const labels = /NEXT|FOLLOW-UP|CLOSE\b|\[/;
    expect(r.shown).not.toMatch(labels);
    for (const text of stored(r)) expect(text).not.toMatch(labels);
    expect(stored(r).join('\n')).not.toContain(OWN_QUESTION);
    expect(r.notices).toEqual([
      'The model asked a question of its own instead of the planned one; asked the planned question.',
    ]);
    expect(interviewerTurns(r).map((t) => t.askedBy)).toEqual(['model', 'model', 'model+app', 'model', 'model']);
    expectPlanKept(r);
    expectRequestsFollowTheTranscript(r);
    expectSpokenIsStored(r);
  });

  it('a model that always asks a follow-up gets exactly the cap per question, then the planned questions', async () => {
    for (const difficulty of ['medium', 'hard'] as const) {
      const cap = followUpsPerQuestion(difficulty);
      const r = await interview(alwaysFollowUp(), {
        answers: Array.from({ length: 2 * (cap + 1) }, () => say(THIN)),
        difficulty,
      });
      for (const qn of [1, 2]) {
        expect(interviewerTurns(r).filter((t) => t.kind === 'follow-up' && t.questionNumber === qn)).toHaveLength(cap);
      }
      expectPlanKept(r);
      // Its closing asks another question and never says the interview is over: the app closes it.
      expect(interviewerTurns(r).at(-1)).toMatchObject({ kind: 'closing', askedBy: 'app' });
      expect(r.notices).toContain(
        "The model's reply did not close the interview; closed the interview in the app's words.",
      );
      expectRequestsFollowTheTranscript(r);
      expectSpokenIsStored(r);
      await standin?.close();
      standin = undefined;
    }
  });

  it('a model that closes early: the planned questions are asked, and the notices say why', async () => {
    const r = await interview(closesEarly(), { answers: FOUR });
    expect(interviewerTurns(r).map((t) => [t.kind, t.askedBy])).toEqual([
      ['question', 'app'],
      ['follow-up', 'app'],
      ['question', 'app'],
      ['follow-up', 'app'],
      ['closing', 'model'],
    ]);
    expect(stored(r).at(-1)).toBe(EARLY_CLOSING);
    expect(r.notices).toEqual([
      'The model closed the interview when a question was due; asked the planned question instead.',
      "The model closed the interview when a question was due; asked the app's own follow-up instead.",
      'The model closed the interview when a question was due; asked the planned question instead.',
      "The model closed the interview when a question was due; asked the app's own follow-up instead.",
    ]);
    expectPlanKept(r);
    expectRequestsFollowTheTranscript(r);
    expectSpokenIsStored(r);
  });
});

describe('replies that are empty, run on, or play both parts', () => {
  for (const [name, reply] of [
    ['empty', empty],
    ['whitespace only', whitespace],
  ] as const) {
    it(`${name}: the app's own wording, who asked it stored, and a notice each time`, async () => {
      const r = await interview(reply(), { answers: FOUR });
      expect(interviewerTurns(r).every((t) => t.askedBy === 'app')).toBe(true);
      expect(r.notices.length).toBe(interviewerTurns(r).length);
      expect(r.notices[0]).toBe('The model gave no usable reply; asked the planned question instead.');
      expect(getSession(r.db, interviewerTurns(r)[0]!.sessionId)).toMatchObject({ interviewer: 'ollama' });
      expectPlanKept(r);
      expectRequestsFollowTheTranscript(r);
      expectSpokenIsStored(r);
    });
  }

  it('several questions, or answering its own: only the first question is kept', async () => {
    const r = await interview(severalQuestions(), { answers: FOUR });
    const all = stored(r).join('\n');
    expect(all).not.toContain(EXTRA_QUESTIONS.split('?')[0]);
    expect(all).not.toContain(SELF_ANSWER.slice(0, 40));
    expect(r.shown).not.toContain(SELF_ANSWER.slice(0, 40));
    for (const t of interviewerTurns(r).filter((x) => x.kind !== 'closing'))
      expect(t.content.match(/\?/g)).toHaveLength(1);
    expect(r.notices).toContain('Kept the first question of the reply and left out what followed it.');
    expectPlanKept(r);
    expectRequestsFollowTheTranscript(r);
    expectSpokenIsStored(r);
  });

  it('role-play: the stop sequences are sent, and no line written as the candidate is shown, stored or spoken', async () => {
    const r = await interview(rolePlay(), { answers: FOUR });
    for (const q of r.requests)
      expect(q.options?.stop).toEqual(expect.arrayContaining(['\nCandidate:', '\nInterviewer:', '<<<']));
    const candidateLine = ROLE_PLAY_TAIL.split('\n')[1] ?? '';
    expect(r.shown).not.toContain('Candidate:');
    expect(stored(r).join('\n')).not.toContain(candidateLine.slice(11, 40));
    expect(interviewerTurns(r).every((t) => t.askedBy === 'model')).toBe(true);
    expectRequestsFollowTheTranscript(r);
    expectSpokenIsStored(r);
  });

  it('a 1,500-word reply cut by num_predict: trimmed to its last full sentence, the planned question added', async () => {
    const r = await interview(longReply(), { answers: FOUR });
    const first = interviewerTurns(r)[0]!;
    expect(first.askedBy).toBe('model+app');
    expect(first.content.endsWith(r.plan[0] ?? '-')).toBe(true);
    // Every sentence before the planned question is whole.
    expect(first.content.slice(0, -(r.plan[0] ?? '').length).trim()).toMatch(/[.!?]$/);
    expect(r.notices).toContain('The reply ran long and was cut off: its unfinished last sentence is left out.');
    expectPlanKept(r);
    expectRequestsFollowTheTranscript(r);
    expectSpokenIsStored(r);
  });

  it('another language: not kept, and the planned wording asked in English', async () => {
    const r = await interview(otherLanguage('es'), { answers: FOUR });
    expect(r.notices[0]).toBe('The model replied in another language; asked the planned question instead.');
    expect(
      interviewerTurns(r)
        .filter((t) => t.kind === 'question')
        .every((t) => t.askedBy === 'app'),
    ).toBe(true);
    for (const said of r.spoken) expect(said).not.toMatch(/gracias|pregunta|usted|¿/i);
    expectPlanKept(r);
    expectRequestsFollowTheTranscript(r);
    expectSpokenIsStored(r);
  });
});

describe('a model that fails in the middle of a reply (speak only what will be stored)', () => {
  /** The first interviewer reply breaks after `tokens` token lines; the interview goes on from the question bank. */
  const breaksAfter =
    (tokens: number, fault: 'errorAfterTokens' | 'eofAfterTokens' | 'destroyAfterTokens'): ReplyFn =>
    (request, callIndex, context) => {
      const reply = obedient()(request, callIndex, context);
      const spec = typeof reply === 'string' ? { text: reply } : reply;
      return callIndex === 0 ? { ...spec, [fault]: tokens } : spec;
    };

  for (const fault of ['errorAfterTokens', 'eofAfterTokens', 'destroyAfterTokens'] as const) {
    it(`${fault}: the greeting already accepted is kept and the planned question added, as spoken`, async () => {
      // "Hello, thanks for joining." is 4 tokens; the 5th begins the question, which never ends.
      const r = await interview(breaksAfter(5, fault), { answers: FOUR });
      const first = interviewerTurns(r)[0]!;
      expect(first.content).toBe(`${OBEDIENT_GREETING} ${r.plan[0]}`);
      expect(first.askedBy).toBe('model+app');
      // One turn: no greeting of the question bank's after the model's own.
      expect(interviewerTurns(r).filter((t) => t.questionNumber === 1 && t.kind === 'greeting')).toEqual([]);
      expect(r.notices[0]).toMatch(/Continuing from the question bank/);
      expectSpokenIsStored(r);
      expectPlanKept(r);
    });
  }

  it('Esc while the reply streams: the text shown is stored (cancelled) and the voice said a prefix of it', async () => {
    const r = await interview(obedient(), { answers: FOUR, cancelOnFirstAccept: true, standin: { tokenDelayMs: 20 } });
    const first = interviewerTurns(r)[0]!;
    expect(first.cancelled).toBe(true);
    expect(r.spoken[0]?.trim()).toBe(OBEDIENT_GREETING);
    expect(first.content.startsWith(OBEDIENT_GREETING)).toBe(true);
    expect(r.shown.startsWith(first.content)).toBe(true); // what was shown up to Esc
    // Later turns: spoken is stored.
    expect(r.spoken.slice(1).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(stored(r).slice(1));
  });

  it('a failure before any sentence was accepted: the question bank greets and asks, and that is what is spoken', async () => {
    const r = await interview(breaksAfter(2, 'errorAfterTokens'), { answers: FOUR });
    expect(
      interviewerTurns(r)
        .slice(0, 2)
        .map((t) => [t.kind, t.askedBy]),
    ).toEqual([
      ['greeting', 'app'],
      ['question', 'app'],
    ]);
    expect(stored(r).join(' ')).not.toContain('Hello, thanks');
    expectSpokenIsStored(r);
  });

  it('a failure after the question is complete (while reading on): the question stands as the model worded it', async () => {
    const reply: ReplyFn = (request, callIndex, context) => {
      const spec = obedient()(request, callIndex, context);
      const text = typeof spec === 'string' ? spec : (spec.text ?? '');
      // The error line comes right after the question's last token, while the reply is read on.
      return callIndex === 0 ? { text, errorAfterTokens: tokenize(text).length } : spec;
    };
    const r = await interview(reply, { answers: FOUR, questions: 1 });
    const first = interviewerTurns(r)[0]!;
    expect(first.askedBy).toBe('model');
    expect(first.content).toMatch(/^Hello, thanks for joining\. .*\?$/);
    expect(r.notices.join('\n')).not.toMatch(/question bank/);
    expectSpokenIsStored(r);
  });
});

describe('thinking models', () => {
  it('qwen3 is sent think: false (read from /api/show), and answers within its budget', async () => {
    const r = await interview(obedient(), { answers: FOUR, model: 'qwen3' });
    for (const q of r.requests) expect(q.think).toBe(false);
    expect(interviewerTurns(r).every((t) => t.askedBy === 'model')).toBe(true);
    expect(r.notices).toEqual([]);
    expectRequestsFollowTheTranscript(r);
  });

  it('a server that thinks anyway spends the budget on reasoning: one retry with room for it, nothing of it shown', async () => {
    const r = await interview(obedient(), { answers: FOUR, model: 'deepseek-r1', tune: false });
    expect(r.requests.some((q) => q.think !== undefined)).toBe(false);
    const retries = r.requests.filter((q) => q.options?.num_predict === 1024);
    expect(retries.length).toBe(interviewerTurns(r).length);
    expect(interviewerTurns(r).every((t) => t.askedBy === 'model')).toBe(true);
    expect(r.shown).toBe(stored(r).join(''));
    expectSpokenIsStored(r);
    expectRequestsFollowTheTranscript(r);
  });

  it('reasoning inline in <think> tags, split across chunks, is never shown, stored or spoken', async () => {
    const reasoning = 'The note asks for one short turn. I will keep it brief.';
    const r = await interview(thinksInline(obedient(), reasoning), { answers: FOUR });
    expect(r.shown).not.toMatch(/think|keep it brief/);
    for (const text of [...stored(r), ...r.spoken]) expect(text).not.toMatch(/think|keep it brief/);
    expect(interviewerTurns(r).every((t) => t.askedBy === 'model')).toBe(true);
    expectRequestsFollowTheTranscript(r);
    expectSpokenIsStored(r);
  });
});

describe('the context window', () => {
  const longInterview = {
    answers: Array.from({ length: 30 }, () => say(LONG)),
    questions: 10,
    difficulty: 'hard' as const,
  };

  it('num_ctx is set from the model and the session, so nothing is dropped and nothing re-asked', async () => {
    const r = await interview(forgetful(), longInterview);
    expect(standin!.truncatedRequests).toBe(0);
    const numCtx = new Set(r.requests.map((q) => q.options?.num_ctx));
    expect([...numCtx]).toEqual([16384]);
    expectPlanKept(r);
    expectRequestsFollowTheTranscript(r);
  });

  it('a model with a small window: the oldest exchanges are left out by the app, named, never the system prompt', async () => {
    const r = await interview(forgetful(), {
      ...longInterview,
      standin: { modelInfo: { mistral: { contextLength: 4096 } } },
    });
    expect(standin!.truncatedRequests).toBe(0);
    expect(new Set(r.requests.map((q) => q.options?.num_ctx))).toEqual(new Set([4096]));
    const last = r.requests.at(-1)?.messages ?? [];
    expect(last[0]?.role).toBe('system');
    expect(last[1]?.content).toMatch(
      /To save space, the first \d+ questions and answers are left out\. Already asked: "/,
    );
    // Still the plan, in order, no question asked twice.
    expectPlanKept(r);
    const asked = interviewerTurns(r)
      .filter((t) => t.kind === 'question')
      .map((t) => t.content);
    expect(new Set(asked).size).toBe(asked.length);
  });

  it('without num_ctx (a server default of 4,096) the server drops turns and the model re-asks: the plan check still holds', async () => {
    const r = await interview(forgetful(), { ...longInterview, tune: false });
    expect(standin!.truncatedRequests).toBeGreaterThan(0);
    expect(r.notices).toContain(
      'The model asked a question of its own instead of the planned one; asked the planned question.',
    );
    expectPlanKept(r);
  });
});
