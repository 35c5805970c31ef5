import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/open.js';
import { searchHistory } from '../src/db/history.js';
import { SNIPPET_WINDOW_CHARS, textWindows } from '../src/db/search-snippet.js';
import { addSession } from './support/fixtures.js';
import { at } from './support/at.js';

// About 200,000 hits of a common word in one answer: what made snippet() take minutes.
const MEGABYTE_OF_CACHE = 'we cache the cache '.repeat(52_000);

let db: Db;
beforeEach(() => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'ic-snippet-')), 'interview-coach.db'));
});
afterEach(() => db.close());

const search = (text: string) => searchHistory(db, text, { limit: 0 });
const answer = (startedAt: string, text: string) => addSession(db, { startedAt, answers: [text] });
/** The snippet's words without the markers, to find them in the turn they were cut from. */
const plain = (snippet: string) => snippet.replace(/[[\]]/g, '').replace(/^…|…$/g, '');

describe('history --search snippets of huge turns', () => {
  it('a 1 MB answer full of the word: a short snippet with the word marked, from that answer', () => {
    const id = answer('2026-11-01T09:00:00Z', MEGABYTE_OF_CACHE);
    const [hit, ...rest] = search('cache');
    expect(rest).toEqual([]);
    expect(hit?.id).toBe(id);
    expect(hit?.snippet).toMatch(/\[cache\]/);
    expect(hit?.snippet.length).toBeLessThan(200);
    expect(MEGABYTE_OF_CACHE).toContain(plain(hit?.snippet ?? 'missing'));
  });

  it('a rare word deep inside a 1 MB answer: the snippet is cut around it, with an ellipsis on each side', () => {
    const text = `${MEGABYTE_OF_CACHE.slice(0, 700_000)} the zeppelin landed safely ${MEGABYTE_OF_CACHE.slice(700_000)}`;
    answer('2026-11-01T09:00:00Z', text);
    const snippet = at(search('zeppelin'), 0).snippet;
    expect(snippet).toMatch(/^….*\[zeppelin\] landed safely.*…$/);
    expect(snippet.length).toBeLessThan(200);
  });

  it('word forms still match inside a huge answer (the same stemming as the index)', () => {
    answer('2026-11-01T09:00:00Z', `${MEGABYTE_OF_CACHE} and then we sharded by tenant`);
    expect(at(search('sharding'), 0).snippet).toContain('[sharded] by tenant');
  });

  it('words that stand far apart in a huge answer: the snippet shows one of them', () => {
    answer('2026-11-01T09:00:00Z', `retries first. ${MEGABYTE_OF_CACHE} timeout last`);
    expect(at(search('retry timeout'), 0).snippet).toMatch(/\[retries\]|\[timeout\]/);
  });

  it('a turn that fits one window gets the snippet FTS5 itself gives for the whole turn', () => {
    const text =
      'We added an idempotency key to every payment request, so retries never charged twice, and logged each key.';
    answer('2026-11-01T09:00:00Z', text);
    const fts = db
      .prepare<[string], { s: string }>(
        `SELECT snippet(transcripts_fts, 0, '[', ']', '…', 12) AS s FROM transcripts_fts WHERE transcripts_fts MATCH ?`,
      )
      .get('"retries"');
    expect(at(search('retries'), 0).snippet).toBe(fts?.s);
  });
});

describe('history --search with several matching sessions', () => {
  it("each row's snippet comes from that session's own answer", () => {
    const answers = [
      'Client retries used exponential backoff with jitter.',
      'We capped retries at three per request.',
      'Idempotency keys made retries safe for payments.',
      'Queue consumers dropped poison messages after retries ran out.',
    ];
    const ids = answers.map((a, i) => answer(`2026-11-0${i + 1}T09:00:00Z`, a));
    const hits = search('retries');
    expect(hits.map((h) => h.id).sort()).toEqual([...ids].sort());
    for (const hit of hits) {
      const own = answers[ids.indexOf(hit.id)] ?? 'unknown session';
      expect(hit.snippet).toContain('[retries]');
      expect(own).toContain(plain(hit.snippet));
    }
  });
});

describe('textWindows', () => {
  it('cuts at whitespace into pieces no longer than the window that join back to the text', () => {
    const text = 'A sentence of several words, repeated. '.repeat(200) + 'x'.repeat(3_000) + ' end';
    const windows = textWindows(text, SNIPPET_WINDOW_CHARS);
    expect(windows.map((w) => w.text).join('')).toBe(text);
    expect(Math.max(...windows.map((w) => w.text.length))).toBeLessThanOrEqual(SNIPPET_WINDOW_CHARS);
    // Every cut but those inside the 3,000-letter word falls after a space.
    const cuts = windows.slice(0, -1).map((w) => w.text.at(-1));
    expect(cuts.filter((c) => c !== ' ' && c !== 'x')).toEqual([]);
    expect(windows.map((w) => [w.atStart, w.atEnd])).toEqual(
      windows.map((_, i) => [i === 0, i === windows.length - 1]),
    );
  });

  it('without whitespace, cuts between a word and punctuation, never inside a surrogate pair', () => {
    const text = 'alpha,beta;'.repeat(300) + '😀'.repeat(1_000);
    const windows = textWindows(text, SNIPPET_WINDOW_CHARS);
    expect(windows.map((w) => w.text).join('')).toBe(text);
    const seams = windows.slice(1).map((w, i) => `${at(windows, i).text.slice(-1)}${w.text.slice(0, 1)}`);
    expect(seams.filter((s) => /^\p{L}\p{L}$/u.test(s))).toEqual([]); // never inside a word
    // A lone surrogate is not a whole character: each piece holds whole emoji.
    for (const w of windows)
      expect(w.text).toMatch(/^[^\uD800-\uDFFF]*(?:\p{Extended_Pictographic}[^\uD800-\uDFFF]*)*$/u);
  });

  it('empty text: no windows', () => {
    expect(textWindows('', SNIPPET_WINDOW_CHARS)).toEqual([]);
  });
});
