/**
 * The checks every question the model derives from a job description or a résumé must pass
 * before it is asked. They reuse what checks the interviewer's own replies and the question
 * pools, so a derived question is held to the same rules as any other:
 *
 * - one question: the reply filter (reply-filter.ts) reads it as it reads a streamed reply; a
 *   second question after the first, no question at all, a speaker label or another language
 *   is a problem;
 * - no repeats: the near-duplicate test of the role pools (near-duplicates.ts) against the
 *   questions already planned and the derived ones accepted before it, and equal texts;
 * - within the role: it must share at least one subject word with the role (its title,
 *   description, skills, keywords, topics and question pool). This is a lexical check: it
 *   catches a question wholly outside the role (a pasta recipe in a backend interview), not a
 *   question that uses the role's words for something else. The model also has to tag each
 *   question with one of the role's skills (the schema allows no other), which is its claim,
 *   not a proof.
 */
import type { RoleTemplate } from '../../model/role.js';
import type { DocumentKind } from '../../model/grounding.js';
import { ReplyFilter } from '../interview/reply-filter.js';
import { contentStems } from '../interview/on-plan.js';
import { nearDuplicates } from '../interview/near-duplicates.js';

export interface DerivedCandidate {
  text: string;
  source: DocumentKind;
  /** One of the role's skills, as the model tagged it. */
  skill: string;
}

export interface CheckedQuestions {
  accepted: DerivedCandidate[];
  rejected: { text: string; reason: string }[];
}

export function checkDerivedQuestions(
  candidates: readonly DerivedCandidate[],
  role: Pick<RoleTemplate, 'title' | 'description' | 'skills' | 'keywords' | 'questions'>,
  planned: readonly string[],
): CheckedQuestions {
  const vocabulary = roleVocabulary(role);
  const accepted: DerivedCandidate[] = [];
  const rejected: CheckedQuestions['rejected'] = [];
  for (const c of candidates) {
    const reason =
      singleQuestionProblem(c.text) ??
      (role.skills.includes(c.skill) ? null : `is tagged "${c.skill}", not one of the role's skills`) ??
      offRoleProblem(c.text, vocabulary) ??
      repeatProblem(c.text, [...planned, ...accepted.map((a) => a.text)]);
    if (reason) rejected.push({ text: c.text, reason });
    else accepted.push(c);
  }
  return { accepted, rejected };
}

/** Null when `text` is exactly one question, as the interviewer's replies are checked. */
export function singleQuestionProblem(text: string): string | null {
  const filter = new ReplyFilter(true, null);
  filter.push(text);
  const result = filter.finish('stop', '');
  if (result.askedBy === 'model' && result.notices.length === 0 && result.text === text.trim()) return null;
  const notices = result.notices.join(' ');
  if (/Kept the first question/.test(notices)) return 'asks more than one question';
  if (/no question/.test(notices) || !result.text) return 'is not a question';
  return `is not usable as one question (${notices || 'the checks changed it'})`;
}

function roleVocabulary(role: Parameters<typeof checkDerivedQuestions>[1]): Set<string> {
  const texts = [
    role.title,
    role.description,
    ...role.skills,
    ...role.keywords,
    ...role.questions.flatMap((q) => [q.text, ...q.topics]),
  ];
  return new Set(texts.flatMap((t) => [...contentStems(t)]));
}

function offRoleProblem(text: string, vocabulary: Set<string>): string | null {
  return [...contentStems(text)].some((w) => vocabulary.has(w))
    ? null
    : "shares no subject word with the role's topics";
}

const normal = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function repeatProblem(text: string, others: readonly string[]): string | null {
  const same = others.find((o) => normal(o) === normal(text));
  if (same !== undefined) return 'repeats a planned question';
  const near = nearDuplicates([...others, text]).find((d) => d.b === text || d.a === text);
  return near ? `repeats "${near.a === text ? near.b : near.a}"` : null;
}
