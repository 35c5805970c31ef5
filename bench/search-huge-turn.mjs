// @ts-check
// history --search when one matching turn is huge: a 100 KB and a 1 MB answer made almost
// entirely of the searched word (about 17,000 and 175,000 hits), against the same search where
// that answer is 1 KB, runs interleaved in the same run. Every matching session is listed
// (-n 0), so the huge answer's snippet is always among those computed. Timed twice: the whole process, and
// the search alone in-process (searchHistory, snippets included). For scale, FTS5's own
// snippet() over the whole 100 KB turn, as search used it before, is timed once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { built } from './built.mjs';
import { median, ms } from './lib.mjs';

const { openDatabase } = await built('db/open.js');
const { searchHistory } = await built('db/history.js');

const BIN = fileURLToPath(new URL('../bin/interview-coach.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../.bench-tmp/', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const OTHER_SESSIONS = 20;

/**
 * A data dir with 20 ordinary sessions that mention the word once, and one whose answer is
 * `bytes` of the word repeated.
 * @param {number} bytes
 * @returns {string} the home
 */
function buildDatabase(bytes) {
  const home = join(ROOT, `search-turn-${bytes}`);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const db = openDatabase(join(home, 'interview-coach.db'));
  const insertSession =
    db.prepare(`INSERT INTO sessions (id, role_id, role_title, difficulty, planned_questions, plan_json, model, host, input_mode, interviewer, status, started_at, ended_at, duration_ms, end_reason)
    VALUES (?, 'backend', 'Backend Engineer', 'medium', 1, '[]', 'mistral', NULL, 'text', 'ollama', 'completed', ?, ?, 60000, 'finished')`);
  const insertTurn = db.prepare(
    `INSERT INTO transcripts (session_id, seq, speaker, kind, question_number, content, created_at) VALUES (?, ?, ?, ?, 1, ?, ?)`,
  );
  const start = Date.UTC(2026, 0, 1);
  db.transaction(() => {
    for (let i = 0; i <= OTHER_SESSIONS; i++) {
      const id = randomUUID();
      const at = new Date(start + i * 3_600_000).toISOString();
      insertSession.run(id, at, at);
      insertTurn.run(id, 1, 'interviewer', 'question', 'How would you speed up a slow read path?', at);
      const answer =
        i === OTHER_SESSIONS
          ? 'cache '.repeat(Math.ceil(bytes / 6))
          : 'I would put a cache in front of the database and measure the hit rate.';
      insertTurn.run(id, 2, 'candidate', 'answer', answer, at);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return home;
}

/**
 * `history --search cache` as a whole process.
 * @param {string} home
 */
function searchProcess(home) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'history', '-n', '0', '--search', 'cache'], {
    env: { ...process.env, INTERVIEW_COACH_HOME: home, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0 || !String(r.stdout).includes('[cache]')) throw new Error(`search failed: ${r.stderr}`);
  return performance.now() - t;
}

/**
 * The search alone, in-process: the query, the rows and their snippets.
 * @param {import('../src/db/open.js').Db} db
 */
function searchInProcess(db) {
  const t = performance.now();
  const hits = searchHistory(db, 'cache', { limit: 0 });
  if (!hits.every((h) => h.snippet.includes('[cache]'))) throw new Error('a snippet lacks the word');
  return performance.now() - t;
}

/**
 * Medians of `measure` on the case and on the baseline, taken in turns (one warm-up each), so
 * that a machine busy with something else slows both alike.
 * @template T
 * @param {T} subject
 * @param {T} baseline
 * @param {(x: T) => number} measure
 */
function interleaved(subject, baseline, measure) {
  /** @type {number[]} */
  const ours = [];
  /** @type {number[]} */
  const base = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const a = measure(subject);
    const b = measure(baseline);
    if (i === 0) continue; // warm-up
    ours.push(a);
    base.push(b);
  }
  return { ours: median(ours), base: median(base) };
}

/**
 * FTS5's snippet() over the whole huge turn, as `history --search` ran it before (one run).
 * @param {import('../src/db/open.js').Db} db
 */
function wholeTurnSnippet(db) {
  const t = performance.now();
  db.prepare(
    `SELECT snippet(transcripts_fts, 0, '[', ']', '…', 12) FROM transcripts_fts WHERE transcripts_fts MATCH '"cache"' AND rowid = (SELECT max(id) FROM transcripts)`,
  ).get();
  return performance.now() - t;
}

export async function run() {
  const small = buildDatabase(1_000);
  const smallDb = openDatabase(join(small, 'interview-coach.db'));
  console.log(
    `history --search "cache" with one huge matching answer among ${OTHER_SESSIONS + 1} sessions, against the same with that answer at 1 KB; medians of ${RUNS} interleaved runs`,
  );
  /** @type {Array<{ bytes: number, processMs: number, processBaseMs: number, searchMs: number, searchBaseMs: number }>} */
  const cases = [];
  let before = NaN;
  for (const bytes of [100_000, 1_000_000]) {
    const home = buildDatabase(bytes);
    const db = openDatabase(join(home, 'interview-coach.db'));
    const proc = interleaved(home, small, searchProcess);
    const inProc = interleaved(db, smallDb, searchInProcess);
    if (bytes === 100_000) before = wholeTurnSnippet(db);
    db.close();
    const size = `${(bytes / 1000).toLocaleString('en')} KB`;
    console.log(
      `  answer of ${size.padEnd(8)}  whole process ${ms(proc.ours).padStart(9)} (1 KB: ${ms(proc.base)}, ratio ${(proc.ours / proc.base).toFixed(2)}x)   search alone ${ms(inProc.ours).padStart(8)} (1 KB: ${ms(inProc.base)}, ratio ${(inProc.ours / inProc.base).toFixed(2)}x)`,
    );
    cases.push({
      bytes,
      processMs: proc.ours,
      processBaseMs: proc.base,
      searchMs: inProc.ours,
      searchBaseMs: inProc.base,
    });
  }
  smallDb.close();
  console.log(`  for scale: snippet() over the whole 100 KB answer, as search ran it before: ${ms(before)} (one run)`);
  return { cases, wholeTurnSnippet100kbMs: before };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url))))
    throw new Error('run `npm run build` first');
  await run();
}
