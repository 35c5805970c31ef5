/**
 * The deep round's decisions, from facts the app can check (the model only words the turn):
 * a clarifying question gets the problem's facts as assumptions; otherwise the phase goes on
 * with a follow-up on a point its answers have not covered, until its time budget is spent or
 * it has had its follow-ups, and then the next phase starts (or the round closes).
 */
import type { DesignFact, DesignRound, PhaseId } from '../../model/design-round.js';
import type { Turn } from '../../model/turn.js';
import { phaseSpec, type PhasePoint } from './deep-phases.js';
import type { Task } from './tasks.js';

/** Follow-ups one phase may get (clarifications do not count). */
export const PHASE_FOLLOW_UPS = 2;
/** Clarifying questions answered in one phase; more are taken as answers (the round must move). */
export const PHASE_CLARIFICATIONS = 4;
/** Longer than this, a text ending in "?" is an answer that ends with a question, not a question. */
const QUESTION_MAX_WORDS = 60;
/** Facts stated in one clarification at most. */
const FACTS_PER_ANSWER = 3;

/**
 * A clarifying question: short, ending with a question mark, and made mostly of questions
 * ("What's the read/write ratio? And do links expire?"), not an answer with a question at the end.
 */
export function isClarifyingQuestion(text: string): boolean {
  const t = text.trim().replace(/["')\]]+$/, '');
  if (!t.endsWith('?')) return false;
  if (t.split(/\s+/).length > QUESTION_MAX_WORDS) return false;
  const sentences = t.split(/(?<=[.?!])\s+/).filter((s) => s.trim() !== '');
  const asked = sentences.filter((s) => s.trim().endsWith('?')).length;
  return asked * 2 >= sentences.length;
}

/** The problem's facts a question asks about: those with a keyword the question uses (as a word start). */
export function factsAskedAbout(question: string, facts: readonly DesignFact[]): string[] {
  const asked = facts.filter((f) =>
    f.keywords.some((k) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(k)}`, 'iu').test(question)),
  );
  return asked.slice(0, FACTS_PER_ANSWER).map((f) => f.fact);
}

export interface DeepFacts {
  round: DesignRound;
  /** The phase being worked on, from 1 (the question number). */
  phase: number;
  /** The session's saved turns of this phase, in order. */
  turns: readonly Turn[];
  /** The last one was a skip (/skip). */
  skipped: boolean;
  /** False without a model: no follow-ups (clarifications are answered from the facts). */
  followUpsPossible: boolean;
}

/** What comes after the candidate's latest turn in a phase. */
export function deepNextTask(f: DeepFacts): Task {
  const last = f.turns.at(-1);
  const clarified = f.turns.filter((t) => t.kind === 'clarify').length;
  if (!f.skipped && last?.kind === 'answer' && isClarifyingQuestion(last.content) && clarified < PHASE_CLARIFICATIONS) {
    return { kind: 'clarify', facts: factsAskedAbout(last.content, f.round.problem.facts) };
  }
  const moveOn = (): Task => {
    const next = f.round.phases[f.phase];
    return next ? { kind: 'next', question: phaseSpec(next.id).ask(f.round.problem) } : { kind: 'close' };
  };
  const phase = f.round.phases[f.phase - 1];
  if (!phase || f.skipped || !f.followUpsPossible) return moveOn();
  const followUps = f.turns.filter((t) => t.kind === 'follow-up').length;
  if (followUps >= PHASE_FOLLOW_UPS || phaseTimeMs(f.turns) >= phase.budgetSec * 1000) return moveOn();
  const open = openPoints(f.round, phase.id, f.turns)[0];
  return open ? { kind: 'follow-up', gap: { probe: open.probe, fallback: open.fallback } } : moveOn();
}

/**
 * The phase's points its answers have not covered, leaving out those an earlier follow-up
 * already probed (found by replaying each follow-up's decision on the answers before it): a
 * person is not asked for the same point twice.
 */
export function openPoints(round: DesignRound, phaseId: PhaseId, turns: readonly Turn[]): PhasePoint[] {
  const points = phaseSpec(phaseId).points(round.problem);
  const probed = new Set<string>();
  const uncovered = (upTo: number) => {
    const said = phaseAnswers(turns.slice(0, upTo)).join('\n');
    return points.filter((p) => !p.covered.test(said) && !probed.has(p.id));
  };
  turns.forEach((t, i) => {
    if (t.kind !== 'follow-up') return;
    const earlier = uncovered(i)[0];
    if (earlier) probed.add(earlier.id);
  });
  return uncovered(turns.length);
}

/**
 * Time spent in a phase: the candidate's answering time, as saved with each answer. Time the
 * model took and time the session was paused do not count, so resuming keeps the clock.
 */
export function phaseTimeMs(turns: readonly Turn[]): number {
  return turns.reduce((sum, t) => sum + (t.speaker === 'candidate' ? (t.durationMs ?? 0) : 0), 0);
}

/** The phase's answers, without the clarifying questions (those the interviewer answered). */
export function phaseAnswers(turns: readonly Turn[]): string[] {
  return turns.filter((t, i) => t.kind === 'answer' && turns[i + 1]?.kind !== 'clarify').map((t) => t.content);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
