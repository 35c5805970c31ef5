/**
 * The app decides each interviewer turn from facts it can check; the model only words it.
 * After an answer: a follow-up on what is missing (within the cap for the difficulty), else
 * the next planned question, else the close. Pure: everything comes from the saved turns.
 */
import type { RoleFamily } from '../../model/role.js';
import type { PlannedQuestion } from '../../model/session.js';
import { answerFacts, keywordsCovered } from '../evaluation/heuristics.js';
import type { Gap, Task } from './tasks.js';

export interface TurnFacts {
  family: RoleFamily;
  /** The main question being discussed. */
  question: PlannedQuestion;
  /** The candidate's answers on it so far, in order (to the question, then to each follow-up). */
  answers: string[];
  /** The last one was a skip (/skip). */
  skipped: boolean;
  followUpsUsed: number;
  /** Follow-ups allowed on one main question (exactly this many, never one more). */
  followUpCap: number;
  /** The next planned main question; null after the last one. */
  next: PlannedQuestion | null;
  /** False in question-bank mode: no model, so no follow-ups. */
  followUpsPossible: boolean;
}

export function nextTask(f: TurnFacts): Task {
  const moveOn = (): Task => (f.next ? { kind: 'next', question: f.next.text } : { kind: 'close' });
  if (!f.followUpsPossible || f.skipped || f.followUpsUsed >= f.followUpCap) return moveOn();
  const gap = openGaps(f)[0];
  return gap ? { kind: 'follow-up', gap } : moveOn();
}

interface NamedGap extends Gap {
  id: string;
}

/**
 * What the answers still lack, most important first, leaving out what an earlier follow-up on
 * this question already asked for (a person who could not give an example once will not be
 * asked twice).
 */
export function openGaps(f: Pick<TurnFacts, 'family' | 'question' | 'answers' | 'followUpsUsed'>): NamedGap[] {
  const probed = new Set<string>();
  for (let asked = 1; asked <= f.followUpsUsed; asked++) {
    const earlier = gapsIn(f.family, f.question, f.answers.slice(0, asked)).find((g) => !probed.has(g.id));
    if (earlier) probed.add(earlier.id);
  }
  return gapsIn(f.family, f.question, f.answers).filter((g) => !probed.has(g.id));
}

const TRADE_OFF_WORDS =
  /\b(trade-?offs?|downsides?|drawbacks?|costs?|instead|versus|vs\.?|on the other hand|at the expense)\b/i;

function gapsIn(family: RoleFamily, question: PlannedQuestion, answers: string[]): NamedGap[] {
  const said = answers.join('\n');
  const facts = answerFacts(said, question.topics);
  // "I don't know" is not probed: a good interviewer moves on.
  if (!facts.substantive) return [];
  const gaps: NamedGap[] = [];
  if (facts.words < 30) {
    gaps.push({
      id: 'detail',
      probe: 'more detail: what they would actually do, step by step',
      fallback: 'Could you walk me through that in more detail, step by step?',
    });
  }
  if (!facts.concreteExample) {
    gaps.push({
      id: 'example',
      probe: 'a concrete example from their own experience',
      fallback: 'Can you give a concrete example from your own work?',
    });
  }
  if ((family === 'behavioral' || family === 'leadership') && !facts.star.result) {
    gaps.push({
      id: 'result',
      probe: 'the result: what happened in the end and how they knew it worked',
      fallback: 'What was the outcome, and how did you know it worked?',
    });
  }
  // Product answers stand on metrics, so they are probed for numbers too (not for a STAR result).
  if ((family === 'technical' || family === 'system-design' || family === 'product') && !facts.numbers) {
    gaps.push({
      id: 'numbers',
      probe: 'numbers: the scale involved, or how they would measure success',
      fallback: 'What numbers would guide you here, for example the scale or how you would measure success?',
    });
  }
  const asksTradeOffs = /trade-?offs?/i.test(question.text) || question.topics.some((t) => /trade-?off/i.test(t));
  if (asksTradeOffs && !TRADE_OFF_WORDS.test(said)) {
    gaps.push({
      id: 'trade-offs',
      probe: 'the trade-offs of their approach',
      fallback: 'What are the trade-offs of that approach?',
    });
  }
  for (const topic of question.topics) {
    if (/trade-?off/i.test(topic) || keywordsCovered(said, [topic]).length > 0) continue;
    gaps.push({
      id: `topic:${topic}`,
      probe: `how they would handle ${topic}`,
      fallback: `How would you handle ${topic} here?`,
    });
  }
  return gaps;
}
