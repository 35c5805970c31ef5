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
    `keywords: ${f.keywords.length}/${f.keywordTotal}${f.keywords.length ? ` (${f.keywords.slice(0, 5).join(', ')})` : ''}`,
    `fillers: ${fillers}`,
    f.substantive ? '' : 'not substantive',
  ]
    .filter(Boolean)
    .join(' · ');
}
