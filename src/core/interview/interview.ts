import type { Db } from '../../db/open.js';
import { createSession, finishSession, getSession, reopenSession, setInterviewer } from '../../db/sessions.js';
import { appendTurn, listTurns } from '../../db/transcripts.js';
import type { AnswerAction, AnswerSource, InterviewEvent } from '../../model/events.js';
import type { Difficulty, RoleTemplate } from '../../model/role.js';
import type { PlannedQuestion } from '../../model/session.js';
import { sessionEndFor } from '../../model/stop-reason.js';
import type { AskedBy, InterviewerTurnKind, Turn } from '../../model/turn.js';
import { CoachError } from '../../shared/errors.js';
import type { GroundingFacts } from '../../model/grounding.js';
import { isUnreadable } from '../../model/unreadable.js';
import { cleanText } from '../../shared/sanitize.js';
import { sessionNonce } from '../fence.js';
import type { LlmError } from '../llm/llm-errors.js';
import type { LlmClient } from '../llm/types.js';
import { interviewerMessages } from './chat-context.js';
import { INTERVIEWER_OPTIONS, Interrupted, modelTurn } from './model-turn.js';
import { nextTask } from './next-turn.js';
import { offlineLines } from './offline-lines.js';
import { followUpsPerQuestion, planQuestions, savedPlan, type AskedBefore } from './plan.js';
import { resumePoint } from './resume-point.js';
import { ANSWER_CUT_NOTICE, limitAnswer } from './answer-limit.js';
import { expectsQuestion, fallbackWording, plannedQuestion, turnKindOf, type Task } from './tasks.js';
import type { DesignRound } from '../../model/design-round.js';
import { sessionRound, setSessionRound } from '../../db/session-round.js';
import { roundPlan, roundView } from './deep-phases.js';
import { deepNextTask } from './deep-next-turn.js';

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
  /** Context-window warnings as notices (--verbose). */
  verbose?: boolean;
  /** What the model read in the job description and résumé (start --jd/--resume): the interviewer probes it. */
  grounding?: GroundingFacts | null;
  /** The deep system-design round (`--format deep`): one problem in timed phases, one per planned question. */
  round?: DesignRound;
}

export interface InterviewDeps {
  db: Db;
  /** null runs the interview from the question bank. */
  llm: LlmClient | null;
  offlineReason: string | null;
  random?: () => number;
  /** Told the session's id as soon as the row exists (the calls log is written under it). */
  onSession?: (sessionId: string) => void;
}

/**
 * One interview: opens a session row, then yields typed events while it asks questions,
 * reads answers from an AnswerSource and saves every finished turn at once.
 *
 * The app decides each turn (next-turn.ts) and the model only words it (model-turn.ts). Every
 * request is built from the saved turns (chat-context.ts): there is no conversation kept in
 * memory, so what the model is told is what the candidate saw, and resuming is the same path.
 * Knows nothing about terminals: the TUI and the plain printer both consume run().
 */
export class Interview {
  private llm: LlmClient | null;
  private turnAbort: AbortController | null = null;
  private sessionId = '';
  private plan: PlannedQuestion[] = [];
  private grounding: GroundingFacts | null;
  private round: DesignRound | null = null;

  constructor(
    private readonly config: InterviewConfig,
    private readonly deps: InterviewDeps,
  ) {
    this.llm = deps.llm;
    this.grounding = config.grounding ?? null;
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
    this.round = resuming ? resuming.round : (this.config.round ?? null);
    this.plan =
      resuming?.plan ??
      this.config.plan ??
      (this.round
        ? roundPlan(this.round)
        : planQuestions(role, difficulty, this.config.questions, this.deps.random, this.config.askedBefore));
    if (!this.plan[0]) throw new CoachError('There is no question to ask: the interview plan is empty.');
    if (!resuming) this.sessionId = this.createSession();
    this.deps.onSession?.(this.sessionId);
    yield {
      type: 'started',
      sessionId: this.sessionId,
      roleTitle: role.title,
      difficulty,
      plannedQuestions: this.plan.length,
      interviewer: this.llm ? 'ollama' : 'question-bank',
      model: this.config.model,
      offlineReason: this.deps.offlineReason,
      ...(this.round ? { round: roundView(this.round) } : {}),
    };
    if (resuming) yield { type: 'resumed', turns: resuming.turns };

    let finished = false;
    try {
      const point = resumePoint(resuming?.turns ?? []);
      if (point.pending === 'closed') {
        yield* this.finish('completed', 'finished');
        finished = true;
        return;
      }
      let qn = point.pending === 'opening' ? 1 : point.qn;
      let followUp = point.pending === 'opening' ? false : point.followUp;
      // A resumed interview whose last answer never got a reply continues with that reply.
      let action: AnswerAction | null = point.pending === 'next-step' ? point.action : null;
      if (point.pending === 'opening') yield* this.opening(signal);
      // A resumed round says which phase it is in before going on.
      else if (this.round) yield* this.phaseStarts(qn);
      for (;;) {
        if (!action) {
          yield { type: 'awaiting-answer', questionNumber: qn, followUp };
          action = await untilAborted(answers.next({ questionNumber: qn, signal }), signal);
          if (action.type === 'end') {
            yield* this.sayOwnWords('closing', offlineLines.endedEarly, qn);
            yield* this.finish('completed', qn < this.plan.length || followUp ? 'ended early' : 'finished');
            finished = true;
            return;
          }
          yield* this.recordAnswer(action, qn);
        }
        // Read once per turn: the decision and the request both come from the saved turns.
        const saved = listTurns(this.deps.db, this.sessionId);
        const task = this.decide(saved, qn, action.type === 'skip');
        action = null;
        if (task.kind === 'next') qn++;
        followUp = task.kind === 'follow-up';
        if (task.kind === 'next') yield* this.phaseStarts(qn);
        yield* this.interviewerTurn(task, qn, signal, saved);
        if (task.kind === 'close') {
          yield* this.finish('completed', 'finished');
          finished = true;
          return;
        }
      }
    } catch (err) {
      if (!(err instanceof Interrupted) && !signal.aborted) throw err;
      // The abort's reason says who stopped it: a signal, Ctrl-C in the TUI, a reader that left.
      const end = sessionEndFor(signal.reason);
      yield* this.finish(end.status, end.reason);
      finished = true;
    } finally {
      this.turnAbort = null;
      // The consumer stopped early (or something threw): never leave the session looking alive.
      if (!finished) finishSession(this.deps.db, this.sessionId, 'interrupted', 'ended unexpectedly');
    }
  }

  private createSession(): string {
    const { role, difficulty } = this.config;
    const id = createSession(this.deps.db, {
      roleId: role.id,
      roleTitle: role.title,
      difficulty,
      plan: this.plan,
      model: this.config.model,
      host: this.config.host,
      inputMode: this.config.inputMode ?? 'text',
      interviewer: this.llm ? 'ollama' : 'question-bank',
      offlineReason: this.deps.offlineReason,
      retryOf: this.config.retryOf ?? null,
      retryQuestion: this.config.retryQuestion ?? null,
    });
    if (this.round) setSessionRound(this.deps.db, id, this.round);
    return id;
  }

  /** Deep round: a phase begins (the screens show its name and budget). */
  private *phaseStarts(qn: number): Generator<InterviewEvent, void> {
    const view = this.round ? roundView(this.round) : null;
    const phase = view?.phases[qn - 1];
    if (view && phase) yield { type: 'phase', number: qn, of: view.phases.length, ...phase };
  }

  /** Reopens an interrupted session: same plan, and the point where it stopped. */
  private restore(sessionId: string): { plan: PlannedQuestion[]; turns: Turn[]; round: DesignRound | null } {
    const session = getSession(this.deps.db, sessionId);
    if (!session) throw new Error(`session ${sessionId} not found`);
    const plan = savedPlan(session);
    const round = sessionRound(this.deps.db, sessionId);
    if (isUnreadable(round)) {
      throw new CoachError(`The saved design round of this session is damaged (${round.unreadable}).`, {
        hint: 'Its transcript is kept: `interview-coach export` and `interview-coach evaluate` still work. Start a new session to practise again.',
      });
    }
    this.sessionId = sessionId;
    // A resumed session keeps probing what it was grounded in (nothing when it was --no-store).
    if (session.grounding && !isUnreadable(session.grounding)) this.grounding = session.grounding;
    reopenSession(this.deps.db, sessionId, this.llm ? 'ollama' : 'question-bank', this.deps.offlineReason);
    return { plan, turns: listTurns(this.deps.db, sessionId), round };
  }

  /** What comes after the answer (or skip) to question `qn`, from the saved turns. */
  private decide(saved: readonly Turn[], qn: number, skipped: boolean): Task {
    const turns = saved.filter((t) => t.questionNumber === qn);
    const question = this.plan[qn - 1];
    if (!question) return { kind: 'close' };
    if (this.round) {
      return deepNextTask({ round: this.round, phase: qn, turns, skipped, followUpsPossible: this.llm !== null });
    }
    return nextTask({
      family: this.config.role.family,
      question,
      answers: turns.filter((t) => t.kind === 'answer').map((t) => t.content),
      skipped,
      followUpsUsed: turns.filter((t) => t.kind === 'follow-up').length,
      followUpCap: followUpsPerQuestion(this.config.difficulty),
      next: this.plan[qn] ?? null,
      followUpsPossible: this.llm !== null,
    });
  }

  private async *opening(signal: AbortSignal): AsyncGenerator<InterviewEvent, void> {
    const first = this.plan[0];
    if (!first) return;
    yield* this.phaseStarts(1);
    if (!this.llm) yield* this.sayOwnWords('greeting', offlineLines.greeting(this.config.role.title), 1);
    yield* this.interviewerTurn(
      { kind: 'open', question: first.text },
      1,
      signal,
      listTurns(this.deps.db, this.sessionId),
    );
  }

  /** One interviewer turn: worded by the model when there is one, else the app's own words. */
  /** `saved`: the session's turns as saved now (the request is built from them). */
  private async *interviewerTurn(
    task: Task,
    qn: number,
    signal: AbortSignal,
    saved: readonly Turn[],
  ): AsyncGenerator<InterviewEvent, void> {
    const kind: InterviewerTurnKind = turnKindOf(task);
    const fallback = task.kind === 'close' && !this.llm ? offlineLines.closing : fallbackWording(task);
    if (this.llm) {
      const llm = this.llm;
      const numCtx = llm.runtime.numCtx;
      const setting = {
        role: this.config.role,
        difficulty: this.config.difficulty,
        plannedQuestions: this.plan.length,
        nonce: sessionNonce(this.sessionId),
        grounding: this.grounding,
      };
      const budget = numCtx ? numCtx - INTERVIEWER_OPTIONS.num_predict - 64 : Number.POSITIVE_INFINITY;
      const messages = interviewerMessages(setting, saved, task, budget);
      this.turnAbort = new AbortController();
      try {
        const turn = yield* modelTurn(llm, messages, {
          expectQuestion: expectsQuestion(task),
          planned: plannedQuestion(task),
          fallback,
          signal,
          cancel: this.turnAbort.signal,
          verbose: Boolean(this.config.verbose),
        });
        if (!turn.failure) {
          yield* this.say(kind, turn.text, qn, turn);
          for (const message of turn.notices) yield { type: 'notice', level: 'info', message };
          return;
        }
        yield* this.fallBack(turn.failure);
        if (turn.text) {
          // Sentences accepted before the failure may have been spoken: they are kept, and the
          // app's wording finishes the turn (no greeting of its own: the model's began it).
          yield { type: 'question-accepted', text: ` ${fallback}` };
          yield* this.say(kind, `${turn.text} ${fallback}`, qn, { askedBy: 'model+app', durationMs: turn.durationMs });
          return;
        }
      } finally {
        this.turnAbort = null;
      }
      // The model was to greet the candidate too: the question bank's greeting does it instead.
      if (task.kind === 'open') yield* this.sayOwnWords('greeting', offlineLines.greeting(this.config.role.title), qn);
    }
    yield* this.sayOwnWords(kind, fallback, qn);
  }

  /** A line in the app's own words (question bank, fallback): accepted as it is, then stored. */
  private *sayOwnWords(kind: InterviewerTurnKind, text: string, qn: number): Generator<InterviewEvent, void> {
    yield { type: 'question-accepted', text };
    yield* this.say(kind, text, qn, { askedBy: 'app' });
  }

  private *fallBack(failure: LlmError): Generator<InterviewEvent, void> {
    this.llm = null;
    setInterviewer(this.deps.db, this.sessionId, 'question-bank', failure.message);
    yield {
      type: 'notice',
      level: 'warning',
      message: `${failure.message} Continuing from the question bank (no follow-ups).`,
      hint: failure.hint,
      questionBank: true,
    };
  }

  private *say(
    kind: InterviewerTurnKind,
    text: string,
    questionNumber: number,
    how: { askedBy: AskedBy; cancelled?: boolean; durationMs?: number },
  ): Generator<InterviewEvent, void> {
    const cancelled = how.cancelled ?? false;
    const turnId = appendTurn(this.deps.db, this.sessionId, {
      speaker: 'interviewer',
      kind,
      questionNumber,
      content: text,
      cancelled,
      durationMs: how.durationMs,
      askedBy: how.askedBy,
    });
    yield { type: 'question', kind, text, questionNumber, cancelled, turnId, askedBy: how.askedBy };
  }

  private *recordAnswer(action: Exclude<AnswerAction, { type: 'end' }>, qn: number): Generator<InterviewEvent, void> {
    // Every way of answering (typed, piped, spoken) arrives here: the one place the limit is kept.
    // What was typed, pasted or transcribed is stored and echoed as it was said, minus what a
    // terminal would act on or hide (escapes, controls, bidi and zero-width characters).
    const { text, cut } = limitAnswer(action.type === 'answer' ? cleanText(action.text) : '');
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
    if (cut) yield { type: 'notice', level: 'warning', message: ANSWER_CUT_NOTICE };
  }

  private *finish(status: 'completed' | 'interrupted', reason: string): Generator<InterviewEvent, void> {
    finishSession(this.deps.db, this.sessionId, status, reason);
    yield { type: 'done', sessionId: this.sessionId, status, reason };
  }
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
