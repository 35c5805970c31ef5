import { duration } from '../shared/format.js';
import { fitText, textWidth } from './text-layout.js';

/** What the header tells, as plain data (the component adds the styles). */
export interface HeaderInfo {
  role: string;
  questionNumber: number;
  plannedQuestions: number;
  followUp: boolean;
  /** The interviewer's model; null when the questions come from the question bank. */
  model: string | null;
  elapsedMs: number;
  /** How long the current answer has taken; null when no answer is awaited. */
  answerMs: number | null;
  /** The answer has taken long enough to suggest wrapping up. */
  nudge: boolean;
  /** Deep round: the phases with their budgets (questionNumber is the phase); null for questions. */
  phases?: readonly { short: string; budgetSec: number }[] | null;
}

export type HeaderPartName = 'role' | 'question' | 'model' | 'timer' | 'nudge';

export interface HeaderPart {
  name: HeaderPartName;
  text: string;
}

/** Columns between two parts of the header. */
export const HEADER_GAP = 2;

/**
 * The header's parts, in the order shown, fitted into `columns` (never wrapped): when they do
 * not fit, parts are shortened or dropped from the least needed up: the nudge is shortened,
 * the model dropped, the timers shortened, the nudge dropped, the question count shortened,
 * the timer and the question count dropped; the role is cut with an ellipsis last. One column
 * is left spare for a terminal that draws ⏱ two columns wide.
 */
export function headerParts(info: HeaderInfo, columns: number): HeaderPart[] {
  const forms = headerForms(info);
  const chosen: Record<HeaderPartName, number> = { role: 0, question: 0, model: 0, timer: 0, nudge: 0 };
  const room = Math.max(1, columns - 1);
  const parts = () =>
    ORDER.map((name) => ({ name, text: forms[name][chosen[name]] ?? '' })).filter((p) => p.text !== '');
  const width = (list: HeaderPart[]) =>
    list.reduce((sum, p) => sum + textWidth(p.text), 0) + HEADER_GAP * Math.max(0, list.length - 1);
  for (const name of SHORTEN_FIRST) {
    if (width(parts()) <= room) break;
    chosen[name] += 1;
  }
  const shown = parts();
  const role = shown.find((p) => p.name === 'role');
  if (role) {
    const others = width(shown) - textWidth(role.text);
    role.text = fitText(role.text, room - others);
    if (role.text === '') return shown.filter((p) => p !== role);
  }
  return shown;
}

const ORDER: HeaderPartName[] = ['role', 'question', 'model', 'timer', 'nudge'];

// One step each: the part named moves to its next (shorter) form; past its last form it is dropped.
// The nudge is shortened first, but it outranks the model's name: after two minutes on one
// answer, "wrap up" is worth more than a name that has not changed since the start.
const SHORTEN_FIRST: HeaderPartName[] = [
  'nudge',
  'model',
  'model',
  'timer',
  'timer',
  'nudge',
  'question',
  'question',
  'timer',
  'question',
];

function headerForms(info: HeaderInfo): Record<HeaderPartName, string[]> {
  const q = Math.min(info.questionNumber, info.plannedQuestions || 1);
  const of = info.plannedQuestions || '?';
  const elapsed = clock(info.elapsedMs);
  const answer = info.answerMs === null ? null : clock(info.answerMs);
  const model = info.model ?? 'question bank';
  return {
    role: [info.role || 'Interview'],
    question: info.phases?.length
      ? phaseForms(info.phases, info.questionNumber)
      : [
          `Question ${q} of ${of}${info.followUp ? ' · follow-up' : ''}`,
          `Q${q}/${of}${info.followUp ? ' follow-up' : ''}`,
          `Q${q}/${of}`,
        ],
    model: model.length > 16 ? [model, fitText(model, 16)] : [model],
    // Without an answer timer there is nothing to shorten: the clock stays until its turn to go.
    timer:
      answer === null
        ? Array<string>(3).fill(`⏱ ${elapsed}`)
        : [`⏱ ${elapsed} answer ${answer}`, `answer ${answer}`, `⏱ ${answer}`],
    nudge: info.nudge ? ['consider wrapping up', 'wrap up'] : [],
  };
}

/**
 * The deep round's phase part, longest first: the current phase, then every phase's budget in
 * minutes with the current one in brackets (`Phase 2/6 Estimate · 5 [5] 8 12 10 5 min`).
 */
function phaseForms(phases: readonly { short: string; budgetSec: number }[], number: number): string[] {
  const n = Math.min(Math.max(1, number), phases.length);
  const current = phases[n - 1];
  const minutes = (sec: number) => Math.round(sec / 60);
  const budgets = phases
    .map((p, i) => (i === n - 1 ? `[${minutes(p.budgetSec)}]` : `${minutes(p.budgetSec)}`))
    .join(' ');
  const name = current?.short ?? '';
  const own = `${minutes(current?.budgetSec ?? 0)}m`;
  return [
    `Phase ${n}/${phases.length} ${name} · ${budgets} min`,
    `P${n}/${phases.length} ${name} · ${budgets}m`,
    `P${n}/${phases.length} ${name} ${own}`,
  ];
}

/** A running clock shows whole seconds gone by (never rounds up to a second not yet reached). */
export function clock(ms: number): string {
  return duration(Math.floor(Math.max(0, ms) / 1000) * 1000);
}
