import type { SessionDocument } from '../../core/session-document.js';
import { documentRefs } from '../../core/session-formats.js';
import { isUnreadable } from '../../model/unreadable.js';
import { cleanLine } from '../../shared/sanitize.js';
import { fitText } from '../text-layout.js';

/**
 * Rows a terminal needs before the requirements and claims are listed under the header: a
 * replay page (header, a question, an answer, its feedback box, the keys) takes about 24 rows;
 * below this the two lines would push the answer's feedback off the screen.
 */
export const ROWS_FOR_FACTS = 30;

/**
 * The lines under the replay's header for a session started with `--jd`/`--resume`: one per
 * document (its title, and `text not stored` after --no-store), then, when `rows` leaves room,
 * one line of requirements and one of claims. Each line is cut to `columns` less one spare
 * column (never wrapped); none for a session without documents.
 */
export function replayDocumentLines(
  doc: Pick<SessionDocument, 'jd' | 'resume' | 'grounding'>,
  columns: number,
  rows: number,
): string[] {
  const room = Math.max(1, columns - 1);
  const lines = documentRefs(doc).map(
    ([name, ref]) => `${name}: ${cleanLine(ref.title)}${ref.text === null ? ' (text not stored)' : ''}`,
  );
  const g = doc.grounding;
  if (lines.length && g && rows >= ROWS_FOR_FACTS) {
    if (isUnreadable(g)) lines.push('What was read in the documents is damaged.');
    else {
      const list = (title: string, items: string[]) =>
        items.length ? [`${title} (${items.length}): ${items.map((i) => cleanLine(i)).join(' · ')}`] : [];
      lines.push(...list('Requirements', g.requirements), ...list('Claims', g.claims));
    }
  }
  return lines.map((line) => fitText(line, room));
}
