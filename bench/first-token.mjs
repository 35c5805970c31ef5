// Time from sending an answer to the first interviewer token on stdout: our CLI (headless)
// against a minimal script that calls the `ollama` client directly, both as subprocesses
// talking to the same stand-in server with fixed timing.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandin } from '../test/support/ollama-standin.mjs';
import { scriptedInterviewer } from '../test/support/interviewer-script.mjs';
import { median, ms, p90, trackOutput, waitForOutput } from './lib.mjs';

const BIN = fileURLToPath(new URL('../bin/interview-coach.js', import.meta.url));
const BASELINE = fileURLToPath(new URL('./baseline-ollama-client.mjs', import.meta.url));
const TURNS = Number(process.env.BENCH_TURNS ?? 10);
const TIMING = { firstByteDelayMs: 30, tokenDelayMs: 10 };
const ANSWER =
  'We partitioned the orders table by month, added a covering index on customer id, and cut the p95 query time from 800 ms to 60 ms.';

async function measureOurs(url) {
  const home = mkdtempSync(join(tmpdir(), 'ic-bench-'));
  const child = spawn(
    process.execPath,
    [BIN, 'start', '--role', 'backend', '--questions', String(TURNS + 1), '--host', url],
    {
      env: { ...process.env, INTERVIEW_COACH_HOME: home, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'ignore'],
    },
  );
  const out = trackOutput(child.stdout);
  const samples = [];
  await waitForOutput(out, (t) => /Interviewer: .+\n\n$/s.test(t));
  for (let i = 0; i < TURNS; i++) {
    const mark = out.text.length;
    const start = performance.now();
    child.stdin.write(`${ANSWER}\n\n`);
    // Our own echo of the answer comes first; the interviewer's first token follows "Interviewer: ".
    await waitForOutput(out, (t) => /Interviewer: \S/.test(t.slice(mark)));
    samples.push(performance.now() - start);
    await waitForOutput(out, (t) => /Interviewer: .+\n\n$/s.test(t.slice(mark)));
  }
  child.stdin.end();
  await new Promise((r) => child.on('exit', r));
  return samples;
}

async function measureBaseline(url) {
  const child = spawn(process.execPath, [BASELINE, url], { stdio: ['pipe', 'pipe', 'inherit'] });
  const out = trackOutput(child.stdout);
  await waitForOutput(out, (t) => t.includes('ready\n'));
  const samples = [];
  for (let i = 0; i < TURNS; i++) {
    const mark = out.text.length;
    const start = performance.now();
    child.stdin.write(`${ANSWER}\n`);
    await waitForOutput(out, (t) => t.length > mark);
    samples.push(performance.now() - start);
    await waitForOutput(out, (t) => t.slice(mark).includes('\n<done>\n'));
  }
  child.stdin.end();
  await new Promise((r) => child.on('exit', r));
  return samples;
}

export async function run() {
  const standin = await startStandin({ reply: scriptedInterviewer, ...TIMING });
  try {
    // Interleave the two so machine noise hits both alike; the first run of each warms up.
    await measureBaseline(standin.url);
    const baseline = await measureBaseline(standin.url);
    const ours = await measureOurs(standin.url);
    const result = {
      turns: TURNS,
      standin: TIMING,
      oursMedianMs: median(ours),
      oursP90Ms: p90(ours),
      baselineMedianMs: median(baseline),
      baselineP90Ms: p90(baseline),
    };
    result.ratio = result.oursMedianMs / result.baselineMedianMs;
    console.log(
      `answer → first interviewer token on stdout (${TURNS} turns, stand-in: first byte ${TIMING.firstByteDelayMs} ms, ${TIMING.tokenDelayMs} ms/token)`,
    );
    console.log(`  interview-coach (headless)  median ${ms(result.oursMedianMs)}  p90 ${ms(result.oursP90Ms)}`);
    console.log(`  ollama client, direct       median ${ms(result.baselineMedianMs)}  p90 ${ms(result.baselineP90Ms)}`);
    console.log(`  ratio (ours / direct)       ${result.ratio.toFixed(2)}x`);
    return result;
  } finally {
    await standin.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
