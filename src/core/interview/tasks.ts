/**
 * What the app asks the interviewer model to do on one turn. The app decides the turn (open,
 * next question, follow-up on a gap, close); the model only words it. Each task is one line at
 * the end of the last user message, always in the same form, so a reply can be checked against
 * what was asked (and stand-ins can read it the way a model does).
 */

/** What a follow-up probes for, with the app's own wording when the model's cannot be used. */
export interface Gap {
  /** For the instruction: "probes for <probe>". */
  probe: string;
  /** The follow-up the app asks itself when the model's reply is unusable. */
  fallback: string;
}

export type Task =
  | { kind: 'open'; question: string }
  | { kind: 'next'; question: string }
  | { kind: 'follow-up'; gap: Gap }
  /** Answer the candidate's clarifying question with these assumptions (none: it is their call). */
  | { kind: 'clarify'; facts: string[] }
  | { kind: 'close' };

/** The instruction line(s) for a task. */
export function taskInstruction(task: Task): string {
  switch (task.kind) {
    case 'open':
      return [
        'Task: greet the candidate in one short sentence, then ask this question in your own words without changing its meaning, and stop.',
        `Question: "${task.question}"`,
      ].join('\n');
    case 'next':
      return [
        'Task: acknowledge the answer in a few neutral words (no praise, no judgement), then ask this question in your own words without changing its meaning, and stop.',
        `Question: "${task.question}"`,
      ].join('\n');
    case 'follow-up':
      return `Task: ask one short follow-up question that probes for ${task.gap.probe}. Ask only that question, and stop.`;
    case 'clarify':
      return task.facts.length > 0
        ? `Task: answer the candidate's clarifying question in one to three sentences by stating these assumptions as assumptions, and stop. Do not ask a question and do not suggest a design. Assumptions: ${task.facts.map((f) => `"${f}"`).join(' ')}`
        : "Task: the candidate's clarifying question is not settled by the problem: say in one or two sentences that it is their call, that they should state a reasonable assumption and go on, and stop. Do not ask a question and do not suggest a design.";
    case 'close':
      return 'Task: thank the candidate in one or two sentences, say the interview is over and that feedback follows, and stop. Do not ask a question.';
  }
}

/** What the app says itself when the model's wording cannot be used. */
export function fallbackWording(task: Task): string {
  switch (task.kind) {
    case 'open':
    case 'next':
      return task.question;
    case 'follow-up':
      return task.gap.fallback;
    case 'clarify':
      return task.facts.length > 0
        ? `Let's assume this: ${task.facts.join(' ')}`
        : "That's your call: state a reasonable assumption and go on.";
    case 'close':
      return CLOSING_LINE;
  }
}

export const CLOSING_LINE = 'That was the last question. Thank you for your time; the interview is over.';

/** The turn kind a task produces in the transcript. */
export function turnKindOf(task: Task): 'question' | 'follow-up' | 'clarify' | 'closing' {
  if (task.kind === 'follow-up' || task.kind === 'clarify') return task.kind;
  return task.kind === 'close' ? 'closing' : 'question';
}

/** Does the reply have to contain a question? (Everything but the closing; a clarification states, asks nothing.) */
export function expectsQuestion(task: Task): boolean | 'statement' {
  if (task.kind === 'clarify') return 'statement';
  return task.kind !== 'close';
}

/** The planned question the model is asked to word, for the turns that ask one. */
export function plannedQuestion(task: Task): string | null {
  return task.kind === 'open' || task.kind === 'next' ? task.question : null;
}
