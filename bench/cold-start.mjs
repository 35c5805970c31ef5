// @ts-check
// Cold start of the CLI against `node -e 0` (the floor for any Node program).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, ms } from './lib.mjs';

const BIN = fileURLToPath(new URL('../bin/interview-coach.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const env = { ...process.env, INTERVIEW_COACH_HOME: mkdtempSync(join(tmpdir(), 'ic-bench-')), NO_COLOR: '1' };

/**
 * Median wall time of running node with `args`, after two warm-up runs.
 * @param {string[]} args
 */
function time(args) {
  /** @type {number[]} */
  const samples = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const start = performance.now();
    const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    if (i >= 2) samples.push(performance.now() - start); // two warm-up runs fill the page cache
  }
  return median(samples);
}

export async function run() {
  const baseline = time(['-e', '0']);
  const version = time([BIN, '--version']);
  const roles = time([BIN, 'roles']);
  console.log(`cold start, median of ${RUNS} runs`);
  console.log(`  node -e 0                    ${ms(baseline)}`);
  console.log(`  interview-coach --version    ${ms(version)}  (${(version / baseline).toFixed(2)}x node)`);
  console.log(`  interview-coach roles        ${ms(roles)}  (${(roles / baseline).toFixed(2)}x node)`);
  return {
    runs: RUNS,
    nodeMs: baseline,
    versionMs: version,
    rolesMs: roles,
    versionRatio: version / baseline,
    rolesRatio: roles / baseline,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
