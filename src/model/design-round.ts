import { z } from 'zod';
import { cleanLine, cleanText } from '../shared/sanitize.js';

/**
 * The deep system-design round (`start --format deep`): one problem from the role's problem bank
 * worked through in timed phases. The problem's facts are what the interviewer states as
 * assumptions when the candidate asks a clarifying question. A problem comes from a role file,
 * so it is untrusted text: cleaned and bounded like the rest of a role (model/role.ts).
 */

/** `start --format`: an interview of questions, or the deep system-design round. */
export const INTERVIEW_FORMATS = ['questions', 'deep'] as const;
export type InterviewFormat = (typeof INTERVIEW_FORMATS)[number];

export const PROBLEM_LIMITS = { problems: 20, facts: 20, fact: 300, statement: 1_000, listItems: 20, listItem: 60 };

const line = (max: number) =>
  z
    .string()
    .overwrite((s) => cleanLine(s))
    .min(1)
    .max(max, { message: `at most ${max} characters allowed` });
const names = z.array(line(PROBLEM_LIMITS.listItem)).min(1).max(PROBLEM_LIMITS.listItems);

/** One fact the interviewer may state: the words a question about it uses, and the assumption itself. */
export const DesignFact = z.object({
  /** Words of a question this fact answers ("read", "ratio"), matched case-insensitively. */
  keywords: names,
  /** The assumption as the interviewer states it: "Reads outnumber writes 100 to 1." */
  fact: line(PROBLEM_LIMITS.fact).min(10),
});
export type DesignFact = z.infer<typeof DesignFact>;

export const DesignProblem = z.object({
  id: z
    .string()
    .max(64)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'a problem id is lower-case letters, digits and dashes (e.g. "url-shortener")'),
  /** Short, for the header and the plan: "URL shortener". */
  title: line(60),
  /** How the interviewer poses it: "Design a URL shortener like bit.ly." */
  statement: z
    .string()
    .overwrite(cleanText)
    .trim()
    .min(10)
    .max(PROBLEM_LIMITS.statement, { message: `at most ${PROBLEM_LIMITS.statement} characters allowed` }),
  facts: z.array(DesignFact).min(1).max(PROBLEM_LIMITS.facts),
  /** What the deep-dive phase digs into, first one first ("short-code generation"). */
  deepDive: names,
});
export type DesignProblem = z.infer<typeof DesignProblem>;

export const PHASE_IDS = ['requirements', 'estimates', 'api-data', 'high-level', 'deep-dive', 'trade-offs'] as const;
export type PhaseId = (typeof PHASE_IDS)[number];

/** A phase as a session keeps it: which one, and its time budget. */
export const RoundPhase = z.object({ id: z.enum(PHASE_IDS), budgetSec: z.number().int().positive() });
export type RoundPhase = z.infer<typeof RoundPhase>;

/** sessions.round_json: the problem and the phases with their budgets (resume keeps both). */
export const DesignRound = z.object({
  problem: DesignProblem,
  phases: z.array(RoundPhase).min(1).max(PHASE_IDS.length),
});
export type DesignRound = z.infer<typeof DesignRound>;
