import type { Rubric } from '../../model/rubric.js';
import type { AnsweredQuestion } from './answered-questions.js';

/** The rubric dimension that grades a story's Situation-Task-Action-Result (behavioural rubric). */
export const STAR_DIMENSION = 'star_structure';

/**
 * Opener questions ask who the candidate is or why they are here, not for a story, so they
 * cannot show STAR structure. Recognised by their wording (the role files have no flag for it):
 * "Tell me about yourself", "Introduce yourself", "Walk me through your background / CV / résumé
 * / career", "Why this role / company / team / position?", "Why do you want to work here / this
 * job?", "What draws (attracts) you to this role?". "Tell me about a time …" is not an opener.
 */
const OPENER_PATTERNS: RegExp[] = [
  /\btell (?:me|us) (?:a (?:little|bit) )?(?:more )?about yourself\b/i,
  /\bintroduce yourself\b/i,
  /\b(?:walk|take|talk) (?:me|us) through your (?:background|cv|r[ée]sum[ée]|career|experience so far)(?!\w)/i,
  /\bwhy (?:this|our) (?:role|company|team|position|job)\b/i,
  /\bwhy (?:do|would) you want (?:to (?:work|join)|this (?:role|job|position))\b/i,
  /\bwhat (?:draws|drew|attracts|attracted) you to (?:this|our|the) (?:role|company|team|position|job)\b/i,
];

export function isOpenerQuestion(text: string): boolean {
  return OPENER_PATTERNS.some((p) => p.test(text));
}

/** The question text the opener test looks at: the planned text, and what was actually asked. */
function isOpener(q: AnsweredQuestion): boolean {
  return isOpenerQuestion(q.question) || (q.question === '' && isOpenerQuestion(q.asked));
}

export function openerNumbers(questions: AnsweredQuestion[]): Set<number> {
  return new Set(questions.filter(isOpener).map((q) => q.number));
}

/**
 * Extra rules for the judge's system prompt that depend on this session's questions (the guards
 * enforce them anyway: guards.ts). Today: opener questions are not graded on STAR structure.
 */
export function judgeGuidance(questions: AnsweredQuestion[], rubric: Rubric): string[] {
  if (!rubric.dimensions.some((d) => d.id === STAR_DIMENSION)) return [];
  const openers = questions.filter(isOpener).map((q) => q.number);
  if (openers.length === 0) return [];
  const which =
    openers.length === 1 ? `Question ${openers[0]} is an opener` : `Questions ${openers.join(', ')} are openers`;
  const rest =
    openers.length === questions.length
      ? `no question asked for a story, so ${STAR_DIMENSION} is null (not tested).`
      : `judge ${STAR_DIMENSION} only on the other questions' answers.`;
  return [
    `- ${which} ("tell me about yourself", "why this role"): it asks who the candidate is, not for a story. Do not grade it on STAR structure:`,
    `  ${rest}`,
  ];
}
