/**
 * Part C: the interviewer model plays the candidate as three personas through a short interview
 * (two main questions), then the judge grades each session as it would a real one. The order
 * strong > average > weak must hold.
 */
import { Interview } from '../../core/interview/interview.js';
import { evaluateSession } from '../../core/evaluation/evaluate-session.js';
import { findRole } from '../../core/roles/catalog.js';
import { PERSONAS, personaMessages, type Persona } from '../../core/selftest/candidates.js';
import type { AnswerAction, AnswerSource } from '../../model/events.js';
import { cleanText } from '../../shared/sanitize.js';
import type { SelftestContext } from './context.js';

/** Enough for the strong persona's ~120 words; a persona that rambles is cut here. */
const PERSONA_OPTIONS = { temperature: 0.7, seed: 7, num_predict: 320 };
/** Two main questions: each persona's interview stays short. */
export const PERSONA_QUESTIONS = 2;

export async function personaScores(ctx: SelftestContext): Promise<Record<Persona, number | null>> {
  const scores: Record<Persona, number | null> = { strong: null, average: null, weak: null };
  for (const persona of PERSONAS) scores[persona] = await interviewAs(ctx, persona);
  return scores;
}

async function interviewAs(ctx: SelftestContext, persona: Persona): Promise<number | null> {
  const role = findRole('backend');
  const exchanges: { interviewer: string; candidate?: string }[] = [];
  const source: AnswerSource = {
    next: async (): Promise<AnswerAction> => {
      const current = exchanges.at(-1);
      if (!current || current.candidate !== undefined) return { type: 'end' };
      current.candidate = await personaAnswer(ctx, persona, role.title, exchanges);
      ctx.step(`interviewing the ${persona} persona`);
      return current.candidate ? { type: 'answer', text: current.candidate } : { type: 'skip' };
    },
  };
  const interview = new Interview(
    { role, difficulty: 'medium', questions: PERSONA_QUESTIONS, model: ctx.interviewer.llm.model, host: ctx.host },
    // A fixed order of questions, so each persona is asked the same ones.
    { db: ctx.db, llm: ctx.interviewer.llm, offlineReason: null, random: () => 0 },
  );
  let sessionId = '';
  for await (const event of interview.run(source, ctx.signal)) {
    if (event.type === 'started') sessionId = event.sessionId;
    else if (event.type === 'question' && event.kind !== 'closing') exchanges.push({ interviewer: event.text });
  }
  const outcome = await evaluateSession(
    ctx.db,
    sessionId,
    role,
    { kind: 'ai', llm: ctx.judge.llm },
    { signal: ctx.signal },
  );
  ctx.step(`judging the ${persona} persona`);
  return 'evaluation' in outcome && outcome.evaluation.kind === 'ai' && outcome.evaluation.status === 'ok'
    ? outcome.evaluation.overallScore
    : null;
}

async function personaAnswer(
  ctx: SelftestContext,
  persona: Persona,
  roleTitle: string,
  exchanges: { interviewer: string; candidate?: string }[],
): Promise<string> {
  let text = '';
  for await (const chunk of ctx.candidate.llm.chat(personaMessages(persona, roleTitle, exchanges), {
    signal: ctx.signal,
    options: PERSONA_OPTIONS,
    purpose: 'interviewer',
  })) {
    text += chunk.text;
  }
  return cleanText(text.replace(/<think>[\s\S]*?<\/think>/g, '')).trim();
}
