import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { judgeJson } from './support/judge.mjs';
import { obedient } from './support/scenarios.mjs';
import { BIN, runCli, runJson } from './support/cli.js';
import type { HistoryRowJson, StatsReport } from './support/cli-json.js';
import { dbRows, savedAnswers, spawnCli } from './support/spawn-cli.js';
import { waitFor } from './support/wait.js';

// Ctrl-C, SIGTERM and SIGHUP (a closing terminal) end a piped run the same way, during the
// interview and during the evaluation; a reader that leaves (`| head -1`) ends it early.
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const home = () => mkdtempSync(join(tmpdir(), 'ic-signals-'));
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const ANSWER = 'At my last job we put a cache in front of Postgres and cut p99 latency from 300 ms to 40 ms.';

/** A judge that never answers: the evaluation is in progress for as long as the test needs. */
const hangingJudge = () =>
  obedient({ judge: (req) => ({ text: JSON.stringify(judgeJson(req)), firstByteDelayMs: 600_000 }) });

describe('a signal during a piped interview', () => {
  it.each(SIGNALS)('%s: exit 130, the session interrupted with its reason, the answers kept', async (signal) => {
    const dir = home();
    const run = spawnCli(dir, ['start', '--role', 'backend', '--offline', '--questions', '3']);
    run.child.stdin.write(`${ANSWER}\n\n`);
    await waitFor(() => run.stdout().includes(`Candidate: ${ANSWER}\n\nInterviewer: `), 'the second question');
    run.child.kill(signal);
    expect((await run.closed).code).toBe(130);
    const [session] = dbRows<{ id: string; status: string; end_reason: string }>(
      dir,
      'SELECT id, status, end_reason FROM sessions',
    );
    expect(session?.status).toBe('interrupted');
    expect(session?.end_reason).toContain(signal);
    expect(savedAnswers(dir)).toEqual([ANSWER]);
    expect(run.stderr()).toContain(`interview-coach resume ${session?.id.slice(0, 8)}`);
  });
});

describe('a signal during the evaluation', () => {
  it.each(SIGNALS)(
    '%s: exit 130, the interview stays completed, the evaluation is left to run later',
    async (signal) => {
      standin = await startStandin({ reply: hangingJudge() });
      const dir = home();
      const run = spawnCli(dir, ['start', '--role', 'backend', '--questions', '1', '--host', standin.url]);
      run.child.stdin.end(`${ANSWER}\n`);
      await waitFor(
        () => standin?.chatRequests().some((r) => r.format) && standin.activeStreams > 0,
        'the judge to be asked',
      );
      run.child.kill(signal);
      expect((await run.closed).code).toBe(130);
      const [session] = dbRows<{ id: string; status: string }>(dir, 'SELECT id, status FROM sessions');
      expect(session?.status).toBe('completed');
      expect(dbRows(dir, 'SELECT id FROM evaluations')).toEqual([]);
      expect(savedAnswers(dir)).toEqual([ANSWER]);
      const short = session?.id.slice(0, 8) ?? '';
      expect(run.stderr()).toContain(`interview-coach evaluate ${short}`);
      // The judge's request was given up, not left running.
      await waitFor(() => standin?.activeStreams === 0, 'the judge request to be dropped');
      const history = await runCli(['history'], { env: { COLUMNS: '120', INTERVIEW_COACH_HOME: dir } });
      expect(history.stdout).toMatch(new RegExp(`^${short} .*completed, not evaluated$`, 'm'));
    },
  );
});

describe('kill -9 during the evaluation', () => {
  it('the session reads "completed, not evaluated" everywhere, with the command to run, and has no score', async () => {
    standin = await startStandin({ reply: hangingJudge() });
    const dir = home();
    const env = { COLUMNS: '120', INTERVIEW_COACH_HOME: dir };
    const run = spawnCli(dir, ['start', '--role', 'backend', '--questions', '1', '--host', standin.url]);
    run.child.stdin.end(`${ANSWER}\n`);
    await waitFor(() => standin?.chatRequests().some((r) => r.format), 'the judge to be asked');
    run.child.kill('SIGKILL');
    await run.closed;
    const [session] = dbRows<{ id: string; status: string }>(dir, 'SELECT id, status FROM sessions');
    const short = session?.id.slice(0, 8) ?? '';
    const evaluate = `interview-coach evaluate ${short}`;

    const history = await runCli(['history'], { env });
    expect(history.stdout).toMatch(new RegExp(`^${short} .*completed, not evaluated$`, 'm'));
    expect(history.stderr).toContain(evaluate);
    const [row] = await runJson<HistoryRowJson[]>(['history', '--json'], { env });
    expect(row).toMatchObject({ status: 'completed', evaluation: null, score: null });

    const replay = await runCli(['replay', short], { env });
    expect(replay.stdout).toContain('completed, not evaluated');
    expect(replay.stdout).toContain(evaluate);

    const stats = await runJson<StatsReport>(['stats', '--json'], { env });
    expect(stats.totals).toMatchObject({ sessions: 1, completed: 1, evaluatedSessions: 0, averageScore: null });

    // Running the command it names gives the session its evaluation.
    standin.setOptions({ reply: obedient() });
    const evaluated = await runCli(['evaluate', short, '--host', standin.url], { env, timeoutMs: 30_000 });
    expect(evaluated.exitCode).toBe(0);
    const after = await runCli(['history'], { env });
    expect(after.stdout).not.toContain('not evaluated');
  });
});

describe('a reader that leaves (start | head -1)', () => {
  it('ends the session early as completed, keeps the answers given, exits 0', async () => {
    const dir = home();
    // The real pipeline; the reader says on stderr when it has gone (its stdin closed first). It
    // takes lines up to the first question (which the app has then written): the app's next
    // write, the echo of the answer, finds no reader. `head -1` would race the question's write.
    const pipeline = `"${process.execPath}" "${BIN}" start --role backend --offline --questions 3 | { sed '/^Interviewer: .*?$/q'; exec 0<&-; echo reader-gone >&2; }; echo "cli-exit=\${PIPESTATUS[0]}" >&2`;
    const shell = spawn('bash', ['-c', pipeline], {
      env: { ...process.env, INTERVIEW_COACH_HOME: dir, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    shell.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    shell.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise((resolve) => shell.on('close', resolve));
    await waitFor(() => stderr.includes('reader-gone'), 'head to take its line and leave');
    expect(stdout).toMatch(/^# Mock interview: [^\n]*\n[\s\S]*\nInterviewer: [^\n]*\?\n$/);
    // The interview goes on until it next writes: the echo of this answer finds no reader.
    shell.stdin.write(`${ANSWER}\n\n`);
    await closed;
    expect(stderr).toContain('cli-exit=0');
    expect(dbRows(dir, 'SELECT status, end_reason FROM sessions')).toEqual([
      { status: 'completed', end_reason: expect.stringContaining('ended early') },
    ]);
    expect(savedAnswers(dir)).toEqual([ANSWER]);
    expect(stderr).not.toMatch(/✖|Error|^\s+at /m);
  });
});

describe('errors nobody caught', () => {
  // A module loaded before the CLI raises the error right after the CLI's first line of output
  // (by then the command is running), the way a bug in a callback or a promise nobody awaited would.
  const raiser = (dir: string, how: 'reject' | 'throw') => {
    const path = join(dir, `raise-${how}.mjs`);
    const raise =
      how === 'reject'
        ? "void Promise.reject(new Error('boom from a promise'))"
        : "throw new Error('boom from a callback')";
    writeFileSync(
      path,
      `const write = process.stdout.write.bind(process.stdout);
      let raised = false;
      process.stdout.write = (...args) => {
        if (!raised) {
          raised = true;
          const keepAlive = setTimeout(() => {}, 10000);
          setImmediate(() => {
            clearTimeout(keepAlive);
            ${raise};
          });
        }
        return write(...args);
      };\n`,
    );
    return path;
  };

  it.each(['reject', 'throw'] as const)('%s: one line through the error funnel, exit 1, no stack', async (how) => {
    const dir = home();
    const r = await runCli(['roles'], {
      env: { INTERVIEW_COACH_HOME: dir, NODE_OPTIONS: `--import=${raiser(dir, how)}` },
    });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^✖ .*boom from a (promise|callback)/m);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
