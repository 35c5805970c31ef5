// @ts-check
// Time from sending an answer to the first interviewer token on stdout: our CLI (headless)
// against a minimal script that calls the `ollama` client directly, both as subprocesses
// talking to the same stand-in server with fixed timing, whose model replies exactly what it
// is asked (the obedient scenario).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandin } from '../test/support/ollama-standin.mjs';
import { obedient } from '../test/support/scenarios.mjs';
import { median, ms, p90, trackOutput, waitForOutput } from './lib.mjs';

const BIN = fileURLToPath(new URL('../bin/interview-coach.js', import.meta.url));
const BASELINE = fileURLToPath(new URL('./baseline-ollama-client.mjs', import.meta.url));
const TURNS = Number(process.env.BENCH_TURNS ?? 20);
const WARMUP_TURNS = 2;
/**
 * The most main questions an interview has. Each gets a follow-up (the answer below never
 * covers a question's topics), so 20 questions give 39 replies to answers: enough turns.
 */
const QUESTIONS = 20;
const TIMING = { firstByteDelayMs: 30, tokenDelayMs: 10 };
const ANSWER =
  'We partitioned the orders table by month, added a covering index on customer id, and cut the p95 query time from 800 ms to 60 ms.';

/**
 * A running client that answers one turn at a time.
 * @typedef {object} Contender
 * @property {() => Promise<number>} turn sends the answer and waits for the whole reply; resolves
 *   with the ms from sending it to the first token on stdout
 * @property {() => Promise<void>} close
 */

/**
 * Our CLI, headless, in an interview long enough for every turn to get a next question.
 * @param {string} url the stand-in Ollama
 * @returns {Promise<Contender>}
 */
async function startOurs(url) {
  const home = mkdtempSync(join(tmpdir(), 'ic-bench-'));
  const child = spawn(
    process.execPath,
    [BIN, 'start', '--role', 'backend', '--questions', String(QUESTIONS), '--no-evaluate', '--host', url],
    {
      env: { ...process.env, INTERVIEW_COACH_HOME: home, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'ignore'],
    },
  );
  const out = trackOutput(child.stdout);
  await waitForOutput(out, (t) => /Interviewer: .+\n\n$/s.test(t));
  return {
    async turn() {
      const mark = out.text.length;
      const start = performance.now();
      child.stdin.write(`${ANSWER}\n\n`);
      // Our own echo of the answer comes first; the interviewer's first token follows "Interviewer: ".
      await waitForOutput(out, (t) => /Interviewer: \S/.test(t.slice(mark)));
      const elapsed = performance.now() - start;
      await waitForOutput(out, (t) => /Interviewer: .+\n\n$/s.test(t.slice(mark)));
      return elapsed;
    },
    async close() {
      child.stdin.end();
      await new Promise((r) => child.on('exit', r));
    },
  };
}

/**
 * The minimal script calling the `ollama` client directly.
 * @param {string} url the stand-in Ollama
 * @returns {Promise<Contender>}
 */
async function startBaseline(url) {
  const child = spawn(process.execPath, [BASELINE, url], { stdio: ['pipe', 'pipe', 'inherit'] });
  const out = trackOutput(child.stdout);
  await waitForOutput(out, (t) => t.includes('ready\n'));
  return {
    async turn() {
      const mark = out.text.length;
      const start = performance.now();
      child.stdin.write(`${ANSWER}\n`);
      await waitForOutput(out, (t) => t.length > mark);
      const elapsed = performance.now() - start;
      await waitForOutput(out, (t) => t.slice(mark).includes('\n<done>\n'));
      return elapsed;
    },
    async close() {
      child.stdin.end();
      await new Promise((r) => child.on('exit', r));
    },
  };
}

export async function run() {
  if (WARMUP_TURNS + TURNS > 2 * QUESTIONS - 1)
    throw new Error(`BENCH_TURNS must be at most ${2 * QUESTIONS - 1 - WARMUP_TURNS}`);
  const standin = await startStandin({ reply: obedient(), ...TIMING });
  /** @type {Contender[]} */
  const started = [];
  try {
    const ours = await startOurs(standin.url);
    started.push(ours);
    const baseline = await startBaseline(standin.url);
    started.push(baseline);
    // Interleave the two turn by turn, so machine noise (other processes, thermal, GC in the
    // stand-in) hits both alike, and alternate which goes first so neither always follows the
    // other. The first turns of each warm it up (module loading, JIT) and are not measured.
    for (let i = 0; i < WARMUP_TURNS; i++) {
      await baseline.turn();
      await ours.turn();
    }
    /** @type {number[]} */
    const oursSamples = [];
    /** @type {number[]} */
    const baselineSamples = [];
    for (let i = 0; i < TURNS; i++) {
      if (i % 2 === 0) {
        baselineSamples.push(await baseline.turn());
        oursSamples.push(await ours.turn());
      } else {
        oursSamples.push(await ours.turn());
        baselineSamples.push(await baseline.turn());
      }
    }
    const oursMedianMs = median(oursSamples);
    const baselineMedianMs = median(baselineSamples);
    const result = {
      turns: TURNS,
      standin: TIMING,
      oursMedianMs,
      oursP90Ms: p90(oursSamples),
      baselineMedianMs,
      baselineP90Ms: p90(baselineSamples),
      ratio: oursMedianMs / baselineMedianMs,
    };
    console.log(
      `answer → first interviewer token on stdout (${TURNS} turns, interleaved, after ${WARMUP_TURNS} warm-up; stand-in: first byte ${TIMING.firstByteDelayMs} ms, ${TIMING.tokenDelayMs} ms/token)`,
    );
    console.log(`  interview-coach (headless)  median ${ms(result.oursMedianMs)}  p90 ${ms(result.oursP90Ms)}`);
    console.log(`  ollama client, direct       median ${ms(result.baselineMedianMs)}  p90 ${ms(result.baselineP90Ms)}`);
    console.log(`  ratio (ours / direct)       ${result.ratio.toFixed(2)}x`);
    return result;
  } finally {
    await Promise.all(started.map((c) => c.close()));
    await standin.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
