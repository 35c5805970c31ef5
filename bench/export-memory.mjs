// @ts-check
// Peak memory and wall time of `export --all` and `history -n 0 --json` on 10,000 sessions and
// 200,000 messages, against the same commands on 100 sessions (measured in the same run): output
// that streams keeps memory flat as sessions grow. Each command's stdout is a pipe this script
// drains, as `| jq` would; its peak RSS comes from a hook preloaded into it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MESSAGES_PER_SESSION, buildBigDatabase } from './big-database.mjs';
import { median } from './lib.mjs';

const BIN = fileURLToPath(new URL('../bin/interview-coach.js', import.meta.url));
const HOOK = fileURLToPath(new URL('./max-rss-hook.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../.bench-tmp/', import.meta.url));
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 10_000);
const SMALL_SESSIONS = 100;
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 3);

/**
 * @typedef {object} Measured
 * @property {number} ms wall time of the whole process
 * @property {number} rssMb its peak resident set size
 * @property {number} outMb what it wrote to stdout
 */

/**
 * Runs the CLI once with stdout drained through a pipe.
 * @param {string} home
 * @param {string[]} args
 * @returns {Promise<Measured>}
 */
function measure(home, args) {
  const rssFile = join(ROOT, `export-memory-${process.pid}.rss`);
  rmSync(rssFile, { force: true });
  const t = performance.now();
  const child = spawn(process.execPath, ['--import', HOOK, BIN, ...args], {
    env: { ...process.env, INTERVIEW_COACH_HOME: home, NO_COLOR: '1', BENCH_MAX_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let bytes = 0;
  let stderr = '';
  child.stdout.on('data', (/** @type {Buffer} */ d) => (bytes += d.length));
  child.stderr.on('data', (/** @type {Buffer} */ d) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t;
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`));
      const rssKb = Number(readFileSync(rssFile, 'utf8'));
      rmSync(rssFile, { force: true });
      resolve({ ms, rssMb: rssKb / 1024, outMb: bytes / 1024 / 1024 });
    });
  });
}

/**
 * Medians over RUNS runs, big and small database in turns.
 * @param {string} big
 * @param {string} small
 * @param {string[]} args
 */
async function compare(big, small, args) {
  /** @type {Measured[]} */
  const ours = [];
  /** @type {Measured[]} */
  const base = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(await measure(big, args));
    base.push(await measure(small, args));
  }
  /** @param {Measured[]} xs */
  const med = (xs) => ({
    ms: median(xs.map((x) => x.ms)),
    rssMb: median(xs.map((x) => x.rssMb)),
    outMb: median(xs.map((x) => x.outMb)),
  });
  return { big: med(ours), small: med(base) };
}

export async function run() {
  const big = join(ROOT, 'export-big');
  const small = join(ROOT, 'export-small');
  const t0 = performance.now();
  buildBigDatabase(big, SESSIONS);
  buildBigDatabase(small, SMALL_SESSIONS);
  const buildS = (performance.now() - t0) / 1000;
  console.log(
    `export and history --json on ${SESSIONS.toLocaleString('en')} sessions / ${(SESSIONS * MESSAGES_PER_SESSION).toLocaleString('en')} messages (built in ${buildS.toFixed(1)} s), against ${SMALL_SESSIONS} sessions; median of ${RUNS} runs, whole process, stdout a drained pipe`,
  );
  /** @type {Array<[label: string, args: string[]]>} */
  const cases = [
    ['export --all --format json', ['export', '--all', '--format', 'json']],
    ['export --all --format md', ['export', '--all', '--format', 'md']],
    ['history -n 0 --json', ['history', '-n', '0', '--json']],
  ];
  /** @type {Array<{ label: string, big: Measured, small: Measured }>} */
  const results = [];
  for (const [label, args] of cases) {
    const r = await compare(big, small, args);
    console.log(
      `  ${label.padEnd(28)} peak RSS ${r.big.rssMb.toFixed(0).padStart(4)} MB (${SMALL_SESSIONS} sessions: ${r.small.rssMb.toFixed(0)} MB, ratio ${(r.big.rssMb / r.small.rssMb).toFixed(2)}x)   ` +
        `${(r.big.ms / 1000).toFixed(2)} s (${SMALL_SESSIONS} sessions: ${(r.small.ms / 1000).toFixed(2)} s)   ${r.big.outMb.toFixed(0)} MB written`,
    );
    results.push({ label, ...r });
  }
  return { sessions: SESSIONS, smallSessions: SMALL_SESSIONS, cases: results };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url))))
    throw new Error('run `npm run build` first');
  await run();
}
