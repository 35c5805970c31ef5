// @ts-check
// Serving many people: N interviews at once (default 8, BENCH_INTERVIEWS), each its own
// interview-coach process (headless), against ONE stand-in server, for each provider: the Ollama
// stand-in and the OpenAI-compatible one. Per turn: from sending an answer to the end of the
// interviewer's reply on stdout (what the person waits for). Baseline, same run: one interview
// alone on the same server. The stand-ins generate every stream in parallel with fixed timing (a
// server with as many slots as interviews), so what grows with N is our side: the CLI processes,
// the clients, SQLite writes, and the stand-in's own event loop.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandin } from '../test/support/ollama-standin.mjs';
import { startOpenAiStandin } from '../test/support/openai-standin.mjs';
import { obedient } from '../test/support/scenarios.mjs';
import { at, median, ms, trackOutput, waitForOutput } from './lib.mjs';

const BIN = fileURLToPath(new URL('../bin/interview-coach.js', import.meta.url));
const INTERVIEWS = Number(process.env.BENCH_INTERVIEWS ?? 8);
const TURNS = Number(process.env.BENCH_TURNS ?? 6);
const QUESTIONS = 20;
const TIMING = { firstByteDelayMs: 30, tokenDelayMs: 10 };
const ANSWER =
  'We partitioned the orders table by month, added a covering index on customer id, and cut the p95 query time from 800 ms to 60 ms.';

/**
 * @param {number[]} values
 * @param {number} q 0..1
 */
function percentile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return at(sorted, Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1));
}

/**
 * One interview process, answering turn after turn.
 * @param {string[]} serverFlags
 */
async function startInterview(serverFlags) {
  const home = mkdtempSync(join(tmpdir(), 'ic-bench-conc-'));
  const child = spawn(
    process.execPath,
    [BIN, 'start', '--role', 'backend', '--questions', String(QUESTIONS), '--no-evaluate', ...serverFlags],
    {
      env: { ...process.env, INTERVIEW_COACH_HOME: home, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const out = trackOutput(child.stdout);
  const err = trackOutput(child.stderr);
  await waitForOutput(out, (t) => /Interviewer: .+\n\n$/s.test(t), 180_000);
  // A preflight that timed out on a loaded machine would measure the question bank, not the server.
  if (err.text.includes('question bank')) throw new Error(`an interview fell back to the question bank: ${err.text}`);
  return {
    /** @returns {Promise<number>} ms from the answer to the end of the reply */
    async turn() {
      const mark = out.text.length;
      const start = performance.now();
      child.stdin.write(`${ANSWER}\n\n`);
      await waitForOutput(out, (t) => /Interviewer: .+\n\n$/s.test(t.slice(mark)), 60_000);
      return performance.now() - start;
    },
    async close() {
      child.stdin.end();
      await new Promise((r) => child.on('exit', r));
    },
  };
}

/**
 * `count` interviews at once, TURNS turns each (after one warm-up turn); every turn's latency.
 * @param {string[]} serverFlags
 * @param {number} count
 */
async function measure(serverFlags, count) {
  // Started one after another (8 processes starting at once on 2 cores can miss the 3 s
  // preflight and fall back to the question bank); the turns below run all at once.
  /** @type {Awaited<ReturnType<typeof startInterview>>[]} */
  const interviews = [];
  for (let i = 0; i < count; i++) interviews.push(await startInterview(serverFlags));
  try {
    await Promise.all(interviews.map((i) => i.turn()));
    /** @type {number[]} */
    const samples = [];
    await Promise.all(
      interviews.map(async (i) => {
        for (let t = 0; t < TURNS; t++) samples.push(await i.turn());
      }),
    );
    return samples;
  } finally {
    await Promise.all(interviews.map((i) => i.close()));
  }
}

/** @param {number[]} s */
const figures = (s) => ({ p50: median(s), p95: percentile(s, 0.95), p99: percentile(s, 0.99), n: s.length });

export async function run() {
  console.log(
    `${INTERVIEWS} interviews at once vs one alone, answer → end of the reply on stdout (${TURNS} turns each after 1 warm-up; stand-in: first byte ${TIMING.firstByteDelayMs} ms, ${TIMING.tokenDelayMs} ms/token, every stream in parallel)`,
  );
  const results = [];
  for (const provider of ['ollama', 'openai']) {
    const standin =
      provider === 'ollama'
        ? await startStandin({ reply: obedient(), ...TIMING })
        : await startOpenAiStandin({ reply: obedient(), ...TIMING });
    const flags = provider === 'ollama' ? ['--host', standin.url] : ['--base-url', standin.url];
    try {
      const alone = figures(await measure(flags, 1));
      const together = figures(await measure(flags, INTERVIEWS));
      const result = {
        provider,
        alone,
        together,
        ratioP50: together.p50 / alone.p50,
        ratioP95: together.p95 / alone.p95,
      };
      results.push(result);
      const line = (/** @type {string} */ label, /** @type {ReturnType<typeof figures>} */ f) =>
        `  ${label.padEnd(28)} p50 ${ms(f.p50)}  p95 ${ms(f.p95)}  p99 ${ms(f.p99)}  (${f.n} turns)`;
      console.log(`${provider}:`);
      console.log(line('1 interview', alone));
      console.log(line(`${INTERVIEWS} interviews at once`, together));
      console.log(
        `  ratio (${INTERVIEWS} / 1)              p50 ${result.ratioP50.toFixed(2)}x  p95 ${result.ratioP95.toFixed(2)}x`,
      );
    } finally {
      await standin.close();
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
