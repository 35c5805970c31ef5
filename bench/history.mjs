// @ts-check
// history and history --search on a big database: 10,000 sessions and 200,000 messages,
// against the same commands on an empty database and `node -e 0` (measured in the same run).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { built } from './built.mjs';
import { at, median, ms } from './lib.mjs';

const { openDatabase } = await built('db/open.js');
const { BUILTIN_ROLES } = await built('core/roles/builtin-roles.js');

const BIN = fileURLToPath(new URL('../bin/interview-coach.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../.bench-tmp/', import.meta.url));
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 10_000);
const MESSAGES_PER_SESSION = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

// A deterministic pseudo-random generator, so every run builds the same database.
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
/** @type {<T>(xs: readonly T[]) => T} */
const pick = (xs) => at(xs, Math.floor(rand() * xs.length));

const WORDS = [
  ...new Set(BUILTIN_ROLES.flatMap((r) => r.questions.flatMap((q) => q.text.toLowerCase().match(/[a-z]{3,}/g) ?? []))),
];
/** @param {number} n words */
const sentence = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

/** @param {string} home the INTERVIEW_COACH_HOME to fill */
function buildDatabase(home) {
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const db = openDatabase(join(home, 'interview-coach.db'));
  const insertSession =
    db.prepare(`INSERT INTO sessions (id, role_id, role_title, difficulty, planned_questions, plan_json, model, host, input_mode, interviewer, status, started_at, ended_at, duration_ms, end_reason)
    VALUES (?, ?, ?, 'medium', 5, '[]', 'mistral', NULL, 'text', 'ollama', 'completed', ?, ?, ?, 'finished')`);
  const insertTurn = db.prepare(
    `INSERT INTO transcripts (session_id, seq, speaker, kind, question_number, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEval = db.prepare(
    `INSERT INTO evaluations (session_id, kind, status, overall_score, created_at) VALUES (?, 'ai', 'ok', ?, ?)`,
  );
  const start = Date.UTC(2024, 0, 1);
  db.transaction(() => {
    for (let i = 0; i < SESSIONS; i++) {
      const id = randomUUID();
      const role = pick(BUILTIN_ROLES);
      const at = new Date(start + i * 3_600_000);
      insertSession.run(
        id,
        role.id,
        role.title,
        at.toISOString(),
        new Date(at.getTime() + 1_800_000).toISOString(),
        1_800_000,
      );
      for (let m = 0; m < MESSAGES_PER_SESSION; m++) {
        const candidate = m % 2 === 1;
        // One session in a thousand mentions a rare word, so a selective search is measured too.
        const text = candidate
          ? sentence(30 + Math.floor(rand() * 60)) + (i % 1000 === 7 && m === 1 ? ' zeppelin' : '')
          : sentence(15);
        insertTurn.run(
          id,
          m + 1,
          candidate ? 'candidate' : 'interviewer',
          candidate ? 'answer' : 'question',
          Math.floor(m / 2) + 1,
          text,
          at.toISOString(),
        );
      }
      insertEval.run(id, Math.floor(rand() * 100), at.toISOString());
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/**
 * Median wall time of the whole process, after one warm-up run.
 * @param {string[]} args
 * @param {Record<string, string>} env added to the environment
 */
function time(args, env) {
  /** @type {number[]} */
  const samples = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, {
      env: { ...process.env, ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 28,
    });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    if (i > 0) samples.push(performance.now() - t);
  }
  return median(samples);
}

export async function run() {
  const big = join(ROOT, 'history-big');
  const empty = join(ROOT, 'history-empty');
  const t0 = performance.now();
  buildDatabase(big);
  const buildMs = performance.now() - t0;
  rmSync(empty, { recursive: true, force: true });
  mkdirSync(empty, { recursive: true });
  spawnSync(process.execPath, [BIN, 'evaluate', 'last'], { env: { ...process.env, INTERVIEW_COACH_HOME: empty } }); // creates the empty database
  const node = time(['-e', '0'], {});
  /** @type {Array<[label: string, args: string[]]>} */
  const cases = [
    ['history (20 rows)', ['history']],
    ['history -n 0 --json (all 10,000)', ['history', '-n', '0', '--json']],
    ['history --search "cache" (common word)', ['history', '--search', 'cache']],
    ['history --search "zeppelin" (rare word)', ['history', '--search', 'zeppelin']],
    ['history --search "retry timeout"', ['history', '--search', 'retry timeout']],
  ];
  console.log(
    `history on ${SESSIONS.toLocaleString('en')} sessions / ${(SESSIONS * MESSAGES_PER_SESSION).toLocaleString('en')} messages (built in ${(buildMs / 1000).toFixed(1)} s); median of ${RUNS} runs, whole process`,
  );
  console.log(`  node -e 0                                   ${ms(node)}`);
  /** @type {{ sessions: number, messages: number, nodeMs: number, cases: Array<{ label: string, bigMs: number, emptyMs: number }> }} */
  const result = { sessions: SESSIONS, messages: SESSIONS * MESSAGES_PER_SESSION, nodeMs: node, cases: [] };
  for (const [label, args] of cases) {
    const onBig = time([BIN, ...args], { INTERVIEW_COACH_HOME: big });
    const onEmpty = time([BIN, ...args], { INTERVIEW_COACH_HOME: empty });
    console.log(
      `  ${label.padEnd(42)}  ${ms(onBig).padStart(9)}  (empty db ${ms(onEmpty)}, ratio ${(onBig / onEmpty).toFixed(2)}x)`,
    );
    result.cases.push({ label, bigMs: onBig, emptyMs: onEmpty });
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url))))
    throw new Error('run `npm run build` first');
  await run();
}
