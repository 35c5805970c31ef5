// @ts-check
// history and history --search on a big database: 10,000 sessions and 200,000 messages,
// against the same commands on an empty database and `node -e 0` (measured in the same run).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MESSAGES_PER_SESSION, buildBigDatabase } from './big-database.mjs';
import { median, ms } from './lib.mjs';

const BIN = fileURLToPath(new URL('../bin/interview-coach.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../.bench-tmp/', import.meta.url));
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

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
  buildBigDatabase(big, SESSIONS);
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
