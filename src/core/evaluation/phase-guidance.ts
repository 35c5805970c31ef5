import type { AnsweredQuestion } from './answered-questions.js';

/**
 * The deep system-design round: one problem worked through in phases, one question number per
 * phase. The judge grades each phase's answers (per_answer) on that phase's focus; phases never
 * reached are not in the transcript, so they get no grade (the report marks them not reached).
 */
export function phaseGuidance(questions: AnsweredQuestion[]): string[] {
  const phased = questions.filter((q) => q.focus);
  if (phased.length === 0) return [];
  return [
    '- This interview is one system-design problem worked through in phases: each question_number is a phase. Score each',
    "  phase's per_answer entry on that phase's focus (the rubric dimensions named), from the answers given in that phase:",
    ...phased.map((q) => `    ${q.number}: ${q.focus}`),
    "  When the candidate asked a clarifying question, the interviewer's reply states assumptions: asking good clarifying",
    "  questions is evidence for requirements; the assumptions themselves are not the candidate's words and earn nothing.",
  ];
}
