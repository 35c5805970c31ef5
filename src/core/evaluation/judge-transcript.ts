/**
 * The transcript as the judge reads it: each main question, then the candidate's answer, then
 * each follow-up and the answer to it, in the order they were said, so the judge can tell which
 * answer responded to which probe. Every answer is fenced on its own (ANSWER), and so is every
 * interviewer turn (INTERVIEWER): both are data, never instructions.
 */
import { createHash } from 'node:crypto';
import { fence, transcriptNonce } from '../fence.js';
import type { AnsweredQuestion } from './answered-questions.js';
import { deliveryLine } from './delivery.js';

export const ANSWER_LABEL = 'ANSWER';
export const INTERVIEWER_LABEL = 'INTERVIEWER';

/** A line written as a speaker: the model that worded the turn role-played a transcript. */
const SPEAKER_LINE = /^\s*(?:candidate|you|me|interviewee|user|answer|interviewer|assistant)\s*:/i;
/** The interviewer's own label before its words ("Interviewer: Tell me…"): the label goes, the words stay. */
const OWN_LABEL = /^\s*(?:interviewer|assistant)\s*:\s*/i;

/**
 * What the interviewer said, without transcript-style lines: a line that starts with a speaker
 * ("Candidate: …", "You: …", "Interviewer: …") was the model writing both parts, and words put
 * in the candidate's mouth must never be graded as theirs. Only a label on the first line is
 * kept as a turn's own words (its label removed).
 */
export function interviewerWords(text: string): string {
  const [first = '', ...rest] = text.split('\n');
  return [first.replace(OWN_LABEL, ''), ...rest]
    .filter((line) => !SPEAKER_LINE.test(line))
    .join('\n')
    .trim();
}

/** An interviewer turn and what the candidate said to it (nothing: skipped, or never answered). */
interface Exchange {
  prompt: string;
  promptLabel: string;
  answers: { text: string; delivery: string | null }[];
  answerLabel: string;
}

/**
 * A question's exchanges: the candidate's answers alternate with the interviewer's turns (the
 * main question, then each follow-up), so answer i responded to turn i; answers beyond the
 * last turn (a question asked again on resume) stay with the last one, never dropped. Delivery
 * figures go with their answer when every answer has them (a voice session), else after the
 * question's last answer (judgeTranscript).
 */
function exchangesOf(q: AnsweredQuestion): Exchange[] {
  const prompts = [q.asked, ...q.followUps];
  const aligned = q.delivery.length === q.answers.length;
  const answer = (j: number) => {
    const d = aligned ? q.delivery[j] : undefined;
    return { text: q.answers[j] ?? '', delivery: d ? deliveryLine(d) : null };
  };
  return prompts.map((prompt, i) => {
    const last = i === prompts.length - 1;
    const indexes = q.answers.map((_, j) => j).filter((j) => j === i || (last && j > i));
    return {
      prompt: interviewerWords(prompt) || (i === 0 ? q.question : ''),
      promptLabel: i === 0 ? `Question ${q.number}` : `Follow-up ${i} on question ${q.number}`,
      answers: indexes.map(answer),
      answerLabel:
        i === 0 ? `The candidate's answer to question ${q.number}` : `The candidate's answer to follow-up ${i}`,
    };
  });
}

/** Every text that goes inside a fence: the nonce must not occur in any of them. */
export function fencedTexts(questions: readonly AnsweredQuestion[]): string[] {
  return questions.flatMap((q) => exchangesOf(q).flatMap((e) => [e.prompt, ...e.answers.map((a) => a.text)]));
}

/**
 * The fence nonce for judging this session: derived from the session id and everything fenced
 * (so the same transcript gives the same request), and absent from all of it.
 */
export function judgeNonce(sessionId: string, questions: readonly AnsweredQuestion[]): string {
  const texts = fencedTexts(questions);
  const digest = createHash('sha256').update(JSON.stringify(texts)).digest('hex');
  return transcriptNonce(`${sessionId} ${digest}`, texts);
}

/** The transcript of these questions, interleaved and fenced, for the judge's user message. */
export function judgeTranscript(questions: readonly AnsweredQuestion[], nonce: string): string {
  return questions
    .map((q) => {
      const exchanges = exchangesOf(q);
      const parts: string[] = [];
      exchanges.forEach((e, i) => {
        // A follow-up the session ended before answering says nothing about the candidate.
        const last = i === exchanges.length - 1;
        if (i > 0 && e.answers.length === 0 && !(last && q.skipped)) return;
        parts.push(`${e.promptLabel}, as the interviewer said it:`, fence(e.prompt, nonce, INTERVIEWER_LABEL));
        if (e.answers.length === 0) {
          parts.push(`The candidate skipped ${i === 0 ? `question ${q.number}` : 'this follow-up'}: no answer.`);
          return;
        }
        for (const a of e.answers) {
          parts.push(`${e.answerLabel}:`, fence(a.text, nonce, ANSWER_LABEL));
          // Measured by the app from the recording (outside the fence: facts, not the candidate's words).
          if (a.delivery) parts.push(`Delivery of this spoken answer (measured): ${a.delivery}.`);
        }
      });
      if (q.delivery.length !== q.answers.length)
        q.delivery.forEach((d) => parts.push(`Delivery of a spoken answer (measured): ${deliveryLine(d)}.`));
      return parts.join('\n');
    })
    .join('\n\n');
}
