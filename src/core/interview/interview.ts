import type { Db } from '../../db/open.js';
import { createSession, finishSession, getSession, reopenSession, setInterviewer } from '../../db/sessions.js';
import type { PlannedQuestion } from '../../model/session.js';
import { appendTurn, listTurns } from '../../db/transcripts.js';
import type { Turn } from '../../model/turn.js';
import type { Difficulty, RoleTemplate } from '../../model/role.js';
import type { ChatCallOptions, ChatMessage, LlmClient } from '../llm/types.js';
import { toLlmError, type LlmError } from '../llm/llm-errors.js';
import { StreamSanitizer } from '../../shared/sanitize.js';
import { CoachError } from '../../shared/errors.js';
import type { AnswerAction, AnswerSource, InterviewEvent, InterviewerTurnKind } from '../../model/events.js';
import { offlineLines } from './offline-lines.js';
import { followUpsPerQuestion, planQuestions, savedPlan, type AskedBefore } from './plan.js';
import {
  afterAnswerDirective,
  fenceAnswer,
  interviewerSystemPrompt,
  openingDirective,
  skipDirective,
} from './prompts.js';
import { resumePoint } from './resume-point.js';
import { mentionsQuestion, ReplyLabelParser, type ReplyLabel } from './reply-label.js';

export interface InterviewConfig {
  role: RoleTemplate;
  difficulty: Difficulty;
  questions: number;
  model: string | null;
  host: string | null;
  inputMode?: 'text' | 'voice';
  /** Use these main questions instead of drawing them from the role's pool (retry). */
  plan?: PlannedQuestion[];
  /** Questions answered in earlier sessions of this role, with when (planning asks fresh ones first). */
  askedBefore?: AskedBefore;
  /** Continue this interrupted session instead of starting a new one (resume). */
  resumeSessionId?: string;
  retryOf?: string;
  retryQuestion?: number;
}

export interface InterviewDeps {
  db: Db;
  /** null runs the interview from the question bank. */
  llm: LlmClient | null;
  offlineReason: string | null;
  random?: () => number;
}

/** Interviewer replies are short by design; the cap also stops a runaway model. */
const GENERATION: ChatCallOptions['options'] = { temperature: 0.7, num_predict: 220 };

class Interrupted extends Error {}

interface LlmTurn {
  text: string;
  label: ReplyLabel | null;
  cancelled: boolean;
  durationMs: number;
  failure?: LlmError;
}

/**
 * One interview: opens a session row, then yields typed events while it asks questions,
 * reads answers from an AnswerSource and saves every finished turn at once.
 * Knows nothing about terminals: the TUI and the plain printer both consume run().
 */
export class Interview {
  private llm: LlmClient | null;
  private turnAbort: AbortController | null = null;
  private readonly history: ChatMessage[] = [];
  private sessionId = '';

  constructor(
    private readonly config: InterviewConfig,
    private readonly deps: InterviewDeps,
  ) {
    this.llm = deps.llm;
  }

  /** Esc: stop the interviewer's reply that is streaming now. Returns false when nothing streams. */
  cancelReply(): boolean {
    if (!this.turnAbort) return false;
    this.turnAbort.abort();
    return true;
  }

  async *run(answers: AnswerSource, signal: AbortSignal): AsyncGenerator<InterviewEvent, void> {
    const { role, difficulty } = this.config;
    const resuming = this.config.resumeSessionId ? this.restore(this.config.resumeSessionId) : null;
    const plan =
      resuming?.plan ??
      this.config.plan ??
      planQuestions(role, difficulty, this.config.questions, this.deps.random, this.config.askedBefore);
    const first = plan[0];
    if (!first) throw new CoachError('There is no question to ask: the interview plan is empty.');
    const maxFollowUps = followUpsPerQuestion(difficulty);
    if (!resuming) {
      this.sessionId = createSession(this.deps.db, {
        roleId: role.id,
        roleTitle: role.title,
        difficulty,
        plan,
        model: this.config.model,
        host: this.config.host,
        inputMode: this.config.inputMode ?? 'text',
        interviewer: this.llm ? 'ollama' : 'question-bank',
        offlineReason: this.deps.offlineReason,
        retryOf: this.config.retryOf ?? null,
        retryQuestion: this.config.retryQuestion ?? null,
      });
    }
    yield {
      type: 'started',
      sessionId: this.sessionId,
      roleTitle: role.title,
      difficulty,
      plannedQuestions: plan.length,
      interviewer: this.llm ? 'ollama' : 'question-bank',
      model: this.config.model,
      offlineReason: this.deps.offlineReason,
    };
    if (this.llm)
      this.history.push({ role: 'system', content: interviewerSystemPrompt(role, difficulty, plan.length) });
    if (resuming) {
      if (this.llm) this.history.push(...resumedHistory(role.title, first.text, resuming.turns));
      yield { type: 'resumed', turns: resuming.turns };
    }

    let finished = false;
    try {
      const point = resuming?.point ?? { pending: 'opening' as const };
      if (point.pending === 'closed') {
        yield* this.finish('completed', 'finished');
        finished = true;
        return;
      }
      let qn = point.pending === 'opening' ? 1 : point.qn;
      let followUpsLeft = point.pending === 'opening' ? maxFollowUps : maxFollowUps - point.followUpsUsed;
      let followUp = point.pending === 'opening' ? false : point.followUp;
      // A resumed interview whose last answer never got a reply continues with that reply.
      let action: AnswerAction | null = point.pending === 'next-step' ? point.action : null;
      if (point.pending === 'opening') yield* this.opening(first, signal);
      for (;;) {
        if (!action) {
          yield { type: 'awaiting-answer', questionNumber: qn, followUp };
          action = await untilAborted(answers.next({ questionNumber: qn, signal }), signal);
          if (action.type === 'end') {
            yield* this.say('closing', offlineLines.endedEarly, qn, false);
            yield* this.finish('completed', qn < plan.length || followUp ? 'ended early' : 'finished');
            finished = true;
            return;
          }
          yield* this.recordAnswer(action, qn);
        }
        const nextQuestion = plan[qn] ?? null;
        const step = yield* this.decideNext(action, qn, plan.length, nextQuestion, followUpsLeft, signal);
        action = null;
        if (step.kind === 'follow-up') {
          followUpsLeft--;
          followUp = true;
          yield* this.say('follow-up', step.text, qn, step.cancelled, step.durationMs);
        } else if (step.kind === 'question') {
          qn++;
          followUpsLeft = maxFollowUps;
          followUp = false;
          yield* this.say('question', step.text, qn, step.cancelled, step.durationMs);
        } else {
          yield* this.say('closing', step.text, qn, step.cancelled, step.durationMs);
          yield* this.finish('completed', 'finished');
          finished = true;
          return;
        }
      }
    } catch (err) {
      if (!(err instanceof Interrupted) && !signal.aborted) throw err;
      yield* this.finish('interrupted', 'cancelled by the candidate');
      finished = true;
    } finally {
      this.turnAbort = null;
      // The consumer stopped early (or something threw): never leave the session looking alive.
      if (!finished) finishSession(this.deps.db, this.sessionId, 'interrupted', 'ended unexpectedly');
    }
  }

  /** Reopens an interrupted session: same plan, and the point where it stopped. */
  private restore(sessionId: string) {
    const session = getSession(this.deps.db, sessionId);
    if (!session) throw new Error(`session ${sessionId} not found`);
    const plan = savedPlan(session);
    this.sessionId = sessionId;
    reopenSession(this.deps.db, sessionId, this.llm ? 'ollama' : 'question-bank', this.deps.offlineReason);
    const turns = listTurns(this.deps.db, sessionId);
    return { plan, turns, point: resumePoint(turns) };
  }

  private async *opening(first: PlannedQuestion, signal: AbortSignal): AsyncGenerator<InterviewEvent, void> {
    if (this.llm) {
      const turn = yield* this.llmTurn(this.llm, openingDirective(this.config.role.title, first.text), signal);
      if (!turn.failure) {
        const usable = turn.text.trim().length >= 10;
        yield* this.say('question', usable ? turn.text : first.text, 1, turn.cancelled, turn.durationMs);
        return;
      }
      yield* this.fallBack(turn.failure);
    }
    yield* this.say('greeting', offlineLines.greeting(this.config.role.title), 1, false);
    yield* this.say('question', first.text, 1, false);
  }

  private async *decideNext(
    action: Exclude<AnswerAction, { type: 'end' }>,
    qn: number,
    planned: number,
    next: PlannedQuestion | null,
    followUpsLeft: number,
    signal: AbortSignal,
  ): AsyncGenerator<
    InterviewEvent,
    { kind: 'follow-up' | 'question' | 'closing'; text: string; cancelled: boolean; durationMs?: number }
  > {
    const fallback = next
      ? { kind: 'question' as const, text: next.text, cancelled: false }
      : { kind: 'closing' as const, text: offlineLines.closing, cancelled: false };
    const llm = this.llm;
    if (!llm) return fallback;
    const skipped = action.type === 'skip';
    const nextStep = { nextQuestion: next?.text ?? null, followUpsLeft: skipped ? 0 : followUpsLeft };
    const directive =
      action.type === 'skip' ? skipDirective(qn, nextStep) : afterAnswerDirective(action.text, qn, planned, nextStep);
    const turn = yield* this.llmTurn(llm, directive, signal);
    if (turn.failure) {
      yield* this.fallBack(turn.failure);
      return fallback;
    }
    const text = turn.text.trim();
    const base = { text, cancelled: turn.cancelled, durationMs: turn.durationMs };
    if (text.length < 10) return { ...fallback, cancelled: turn.cancelled };
    const label = turn.label ?? guessLabel(text, next?.text ?? null, nextStep.followUpsLeft);
    if (label === null) return fallback;
    if (label === 'follow-up' && !skipped && followUpsLeft > -1) return { kind: 'follow-up', ...base };
    if (label === 'next' && next) return { kind: 'question', ...base };
    if (label === 'close' && !next) return { kind: 'closing', ...base };
    // The model ignored the director twice, or closed too early: keep to the plan.
    return fallback;
  }

  /** Streams one interviewer reply. Failures are returned, not thrown, so the caller can fall back. */
  private async *llmTurn(
    llm: LlmClient,
    directive: string,
    signal: AbortSignal,
  ): AsyncGenerator<InterviewEvent, LlmTurn> {
    this.history.push({ role: 'user', content: directive });
    const started = Date.now();
    yield { type: 'thinking', since: started };
    this.turnAbort = new AbortController();
    const labels = new ReplyLabelParser();
    const sanitizer = new StreamSanitizer();
    let text = '';
    let cancelled = false;
    try {
      for await (const chunk of llm.chat(this.history, {
        signal: AbortSignal.any([signal, this.turnAbort.signal]),
        options: GENERATION,
      })) {
        const visible = labels.push(sanitizer.push(chunk.text));
        if (visible) {
          text += visible;
          yield { type: 'question-delta', text: visible };
        }
      }
      const rest = labels.push(sanitizer.flush()) + labels.flush();
      if (rest) {
        text += rest;
        yield { type: 'question-delta', text: rest };
      }
    } catch (err) {
      if (signal.aborted) throw new Interrupted();
      const e = toLlmError(err, { host: llm.host, model: llm.model }, true);
      if (e.kind !== 'aborted') {
        this.history.pop();
        return { text, label: null, cancelled: false, durationMs: Date.now() - started, failure: e };
      }
      cancelled = true;
    } finally {
      this.turnAbort = null;
    }
    this.history.push({ role: 'assistant', content: text });
    return { text, label: labels.label, cancelled, durationMs: Date.now() - started };
  }

  private *fallBack(failure: LlmError): Generator<InterviewEvent, void> {
    this.llm = null;
    setInterviewer(this.deps.db, this.sessionId, 'question-bank', failure.message);
    yield {
      type: 'notice',
      level: 'warning',
      message: `${failure.message} Continuing from the question bank (no follow-ups).`,
      hint: failure.hint,
    };
  }

  private *say(
    kind: InterviewerTurnKind,
    text: string,
    questionNumber: number,
    cancelled: boolean,
    durationMs?: number,
  ): Generator<InterviewEvent, void> {
    const turnId = appendTurn(this.deps.db, this.sessionId, {
      speaker: 'interviewer',
      kind,
      questionNumber,
      content: text,
      cancelled,
      durationMs,
    });
    if (this.llm && kind !== 'closing' && this.history[this.history.length - 1]?.role !== 'assistant') {
      this.history.push({ role: 'assistant', content: text });
    }
    yield { type: 'question', kind, text, questionNumber, cancelled, turnId };
  }

  private *recordAnswer(action: Exclude<AnswerAction, { type: 'end' }>, qn: number): Generator<InterviewEvent, void> {
    const text = action.type === 'answer' ? action.text : '';
    appendTurn(this.deps.db, this.sessionId, {
      speaker: 'candidate',
      kind: action.type === 'answer' ? 'answer' : 'skipped',
      questionNumber: qn,
      content: text,
      durationMs: action.type === 'answer' ? (action.durationMs ?? null) : null,
      metrics: action.type === 'answer' ? (action.metrics ?? null) : null,
      audioUrl: action.type === 'answer' ? (action.audioPath ?? null) : null,
    });
    yield {
      type: 'answer',
      text,
      questionNumber: qn,
      skipped: action.type === 'skip',
      metrics: action.type === 'answer' ? action.metrics : undefined,
    };
  }

  private *finish(status: 'completed' | 'interrupted', reason: string): Generator<InterviewEvent, void> {
    finishSession(this.deps.db, this.sessionId, status, reason);
    yield { type: 'done', sessionId: this.sessionId, status, reason };
  }
}

/** The model forgot its label: judge by content, and keep to the plan when unsure (null). */
/** The conversation so far, as the interviewer model would have seen it. */
function resumedHistory(roleTitle: string, firstQuestion: string, turns: Turn[]): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'user', content: openingDirective(roleTitle, firstQuestion) }];
  for (const t of turns) {
    if (t.speaker === 'interviewer') messages.push({ role: 'assistant', content: t.content });
    else
      messages.push({
        role: 'user',
        content:
          t.kind === 'skipped' ? 'Director note: the candidate skipped this question.' : fenceAnswer(t.content).block,
      });
  }
  return messages;
}

function guessLabel(text: string, next: string | null, followUpsLeft: number): ReplyLabel | null {
  if (next && mentionsQuestion(text, next)) return 'next';
  if (followUpsLeft > 0) return 'follow-up';
  return null;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Interrupted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Interrupted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
