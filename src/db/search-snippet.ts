import type { Db } from './open.js';

/** How much of a turn one window holds: snippet() runs over one window only. */
export const SNIPPET_WINDOW_CHARS = 1_000;
/** Tokens in a snippet, as `history --search` always showed. */
const SNIPPET_TOKENS = 12;
const ELLIPSIS = '…';

/**
 * Reads the snippet of one matching turn: its text around the query words, matched words in
 * [brackets].
 *
 * FTS5's snippet() scores every possible start against every hit of the row, so its cost is
 * quadratic in the hits: a 1 MB answer of common words (about 200,000 hits) took minutes, and
 * highlight() is no better. So the turn is cut into windows of about 1,000 characters, which
 * go into a temporary FTS5 table with the same tokenizer as transcripts_fts (linear: about
 * 10 ms per MB), and snippet() runs over the best window alone, a bounded cost whatever the
 * turn holds. A turn that fits one window gets exactly the snippet it always got.
 *
 * The turn is read by its id and its session together, so the snippet is always the session's
 * own (snippet() given `rowid = ?` as a JS number, a REAL to SQLite, ignored the rowid and
 * returned the first matching turn of any session).
 */
export function snippetReader(db: Db): (turnId: number, sessionId: string, words: readonly string[]) => string {
  // A temp table lives in the connection's own temp schema: no migration, nothing on disk
  // beside the database, and it works on a database opened for reading only.
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS temp.snippet_windows USING fts5 (text, at_start UNINDEXED, at_end UNINDEXED, tokenize = 'porter unicode61')`,
  );
  const content = db.prepare<[bigint, string], { content: string }>(
    `SELECT content FROM transcripts WHERE id = ? AND session_id = ?`,
  );
  const insert = db.prepare<[string, number, number]>(
    `INSERT INTO temp.snippet_windows (text, at_start, at_end) VALUES (?, ?, ?)`,
  );
  // Any word may lead to the best window: words the turn holds far apart share no window.
  const best = db.prepare<[string], { s: string; at_start: number; at_end: number }>(
    `SELECT snippet(snippet_windows, 0, '[', ']', '${ELLIPSIS}', ${SNIPPET_TOKENS}) AS s, at_start, at_end
       FROM temp.snippet_windows WHERE snippet_windows MATCH ? ORDER BY rank LIMIT 1`,
  );
  // The windows are written inside a savepoint and rolled back, never committed: one
  // transaction for a thousand rows instead of one each (about 200 ms for a 1 MB turn), and
  // nothing to delete afterwards. Only the temp schema is written, so the database file is not
  // locked against other processes.
  const begin = db.prepare(`SAVEPOINT snippet_windows`);
  const rollback = db.prepare(`ROLLBACK TO snippet_windows`);
  const release = db.prepare(`RELEASE snippet_windows`);
  return (turnId, sessionId, words) => {
    const text = content.get(BigInt(turnId), sessionId)?.content;
    if (text === undefined || words.length === 0) return '';
    begin.run();
    try {
      for (const w of textWindows(text, SNIPPET_WINDOW_CHARS)) insert.run(w.text, Number(w.atStart), Number(w.atEnd));
      const hit = best.get(words.map((w) => `"${w}"`).join(' OR '));
      if (!hit) return openingWords(text);
      // A window inside the turn has more text on either side than snippet() can see.
      const before = hit.at_start || hit.s.startsWith(ELLIPSIS) ? '' : ELLIPSIS;
      const after = hit.at_end || hit.s.endsWith(ELLIPSIS) ? '' : ELLIPSIS;
      return `${before}${hit.s}${after}`;
    } finally {
      rollback.run();
      release.run();
    }
  };
}

export interface TextWindow {
  text: string;
  atStart: boolean;
  atEnd: boolean;
}

/**
 * `text` in consecutive pieces of at most `size` characters (the last may be shorter), each
 * cut at whitespace where the second half of the piece has some, else between two characters
 * that cannot both belong to one word, so no word is split (a single word longer than half a
 * window is the exception). Pieces join back to `text`.
 */
export function textWindows(text: string, size: number): TextWindow[] {
  const windows: TextWindow[] = [];
  let start = 0;
  while (start < text.length) {
    const end = start + size >= text.length ? text.length : cutBefore(text, start + size, start + size / 2);
    windows.push({ text: text.slice(start, end), atStart: start === 0, atEnd: end === text.length });
    start = end;
  }
  return windows;
}

const SPACE = /\s/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** The best place to cut at or before `limit` but after `floor`. */
function cutBefore(text: string, limit: number, floor: number): number {
  for (let i = limit; i > floor; i--) if (SPACE.test(text[i - 1] ?? '')) return i;
  for (let i = limit; i > floor; i--) {
    if (!(WORD_CHAR.test(text[i - 1] ?? '') && WORD_CHAR.test(text[i] ?? '')) && !isLowSurrogate(text, i)) return i;
  }
  return isLowSurrogate(text, limit) ? limit - 1 : limit;
}

function isLowSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Never an empty line under a hit: the turn's opening words, when no window can be matched. */
function openingWords(text: string): string {
  const words = text.trim().split(/\s+/);
  const shown = words.slice(0, SNIPPET_TOKENS).join(' ');
  return words.length > SNIPPET_TOKENS || shown.length > 200 ? `${shown.slice(0, 200)}${ELLIPSIS}` : shown;
}
