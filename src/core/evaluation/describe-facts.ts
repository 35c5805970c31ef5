import type { AnswerFacts } from '../../model/evaluation.js';
import { plural } from '../../shared/format.js';

/** One line of observable facts about an answer, for the plain printer and the TUI alike. */
export function describeFacts(f: AnswerFacts): string {
  const star =
    (['situation', 'task', 'action', 'result'] as const)
      .filter((k) => f.star[k])
      .map((k) => k.charAt(0).toUpperCase())
      .join('') || '—';
  const fillers = f.fillers.total
    ? `${f.fillers.total} (${f.fillers.byPhrase.map((p) => `${p.phrase} ×${p.count}`).join(', ')})`
    : '0';
  return [
    `${plural(f.words, 'word')} (~${f.speakingSeconds} s spoken)`,
    `example: ${f.concreteExample ? 'yes' : 'no'}`,
    `numbers: ${f.numbers ? 'yes' : 'no'}`,
    `STAR: ${star}`,
    coverage(f),
    `fillers: ${fillers}`,
    f.substantive ? '' : 'not substantive',
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * What of the question's own topics the answer mentions ("topics: 1/2 (metrics)"); for a question
 * without topics (custom roles, sessions before 0.2), the role's keywords as before.
 */
function coverage(f: AnswerFacts): string {
  const covered = (list: string[]) => (list.length ? ` (${list.slice(0, 5).join(', ')})` : '');
  if (f.topics && f.topicTotal) return `topics: ${f.topics.length}/${f.topicTotal}${covered(f.topics)}`;
  return `keywords: ${f.keywords.length}/${f.keywordTotal}${covered(f.keywords)}`;
}
