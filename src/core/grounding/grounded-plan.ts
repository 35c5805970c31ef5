/**
 * The main questions of a session started with --jd and/or --resume: questions the model derived
 * from the documents (derive-questions.ts, each checked), mixed with questions from the role's
 * pool. Half the questions (at least one) may be derived; the pool fills the rest and opens the
 * interview, then they alternate. When there is no model, or its questions cannot be used, the
 * plan is the pool's, with a notice saying why: nothing is invented.
 */
import type { GroundingDocument, GroundingFacts } from '../../model/grounding.js';
import { DOCUMENT_NAMES } from '../../model/grounding.js';
import type { RoleTemplate } from '../../model/role.js';
import type { PlannedQuestion } from '../../model/session.js';
import { randomNonce } from '../fence.js';
import type { LlmClient } from '../llm/types.js';
import { planQuestions, type AskedBefore } from '../interview/plan.js';
import { deriveQuestions } from './derive-questions.js';

/** Spare questions asked for beyond the slots, so one that fails a check need not leave a slot to the pool. */
const SPARE = 2;

export interface GroundedPlanInput {
  role: RoleTemplate;
  difficulty: RoleTemplate['difficulty'];
  questions: number;
  jd: GroundingDocument | null;
  resume: GroundingDocument | null;
  askedBefore?: AskedBefore;
  random?: () => number;
  signal?: AbortSignal;
}

export interface GroundedPlan {
  plan: PlannedQuestion[];
  /** What the model read in the documents (null: no model, or its reply was unusable). */
  facts: GroundingFacts | null;
  /** One line each, for stderr or the TUI: why the plan is not what was asked for. */
  notices: string[];
}

/** How many of `questions` may be derived from the documents. */
export function derivedSlots(questions: number): number {
  return questions <= 1 ? questions : Math.floor(questions / 2);
}

export async function groundedPlan(llm: LlmClient | null, input: GroundedPlanInput): Promise<GroundedPlan> {
  const bank = planQuestions(input.role, input.difficulty, input.questions, input.random, input.askedBefore);
  const docs = [input.jd, input.resume].filter((d): d is GroundingDocument => d !== null);
  if (docs.length === 0) return { plan: bank, facts: null, notices: [] };
  const nouns = docs.map((d) => DOCUMENT_NAMES[d.kind].noun).join(' and ');
  if (!llm) {
    return {
      plan: bank,
      facts: null,
      notices: [
        `No model: the questions come from the question bank; the ${nouns} ${docs.length > 1 ? 'are' : 'is'} kept with the session but not used.`,
      ],
    };
  }
  const slots = derivedSlots(bank.length);
  const derived = await deriveQuestions(
    llm,
    {
      role: input.role,
      difficulty: input.difficulty,
      jd: input.jd,
      resume: input.resume,
      count: slots + SPARE,
      planned: bank.map((q) => q.text),
      nonce: randomNonce(),
    },
    input.signal,
  );
  if (!derived.ok) {
    return {
      plan: bank,
      facts: null,
      notices: [
        `Could not derive questions from the ${nouns} (${derived.problem}); asking questions from the question bank.`,
      ],
    };
  }
  const used = derived.accepted.slice(0, slots);
  const notices: string[] = [];
  if (derived.rejected.length) {
    const reasons = derived.rejected.map((r) => `"${r.text}" ${r.reason}`).join('; ');
    notices.push(`Left out ${derived.rejected.length} of the questions derived from the ${nouns}: ${reasons}.`);
  }
  if (used.length < slots) {
    notices.push(
      `${used.length} of ${slots} planned questions come from the ${nouns}; the question bank gives the rest.`,
    );
  }
  const fromDocs: PlannedQuestion[] = used.map((q) => ({
    text: q.text,
    difficulty: input.difficulty,
    topics: [q.skill],
    source: q.source,
  }));
  return { plan: alternate(bank.slice(0, bank.length - used.length), fromDocs), facts: derived.facts, notices };
}

/** The pool's first question opens (a warm-up), then one of each in turn, then the rest. */
function alternate(bank: PlannedQuestion[], derived: PlannedQuestion[]): PlannedQuestion[] {
  const out: PlannedQuestion[] = [];
  for (let i = 0; i < Math.max(bank.length, derived.length); i++) {
    const b = bank[i];
    const d = derived[i];
    if (b) out.push(b);
    if (d) out.push(d);
  }
  return out;
}
