import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tmuxPerTest } from './support/tmux.js';
import { hasTool } from './support/tools.js';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { judgeJson } from './support/judge.mjs';
import { obedient } from './support/scenarios.mjs';
import { BIN } from './support/cli.js';
import { dbRows, savedAnswers } from './support/spawn-cli.js';
import { waitFor } from './support/wait.js';

// Signals to the TUI in a real terminal (tmux): SIGTERM to the app, and the terminal itself
// closing (tmux kill-session: the shell dies and the kernel sends SIGHUP to the foreground).
// The app runs under exit-recorder.mjs, which outlives the terminal to write down its exit.
const hasTmux = hasTool('tmux', ['-V']);
const RECORDER = fileURLToPath(new URL('./support/exit-recorder.mjs', import.meta.url));
const { tmux, screen } = tmuxPerTest('ic-signals');

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

/** Starts the app in a fresh terminal; `; sleep 30` keeps a shell as the terminal's session leader. */
function startApp(args: string) {
  const home = mkdtempSync(join(tmpdir(), 'ic-tui-signals-'));
  const exitFile = join(home, 'exit.json');
  tmux(
    'new-session',
    '-d',
    '-s',
    'ic',
    '-x',
    '110',
    '-y',
    '40',
    `INTERVIEW_COACH_HOME=${home} ${process.execPath} ${RECORDER} ${exitFile} ${process.execPath} ${BIN} ${args}; sleep 30`,
  );
  return {
    home,
    pid: () => Number(readFileSync(`${exitFile}.pid`, 'utf8')),
    exit: async () => {
      await waitFor(() => existsSync(exitFile), 'the app to exit', 15_000);
      return JSON.parse(readFileSync(exitFile, 'utf8')) as { code: number | null; signal: string | null };
    },
  };
}

const ANSWER = 'I would put a cache in front of the database and measure the hit rate.';

async function answerFirstQuestion() {
  await waitFor(() => screen().includes('Enter send'), 'the answer box', 15_000);
  tmux('send-keys', '-t', 'ic', '-l', ANSWER);
  await waitFor(() => screen().includes('measure the hit rate.'), 'the typed answer');
  tmux('send-keys', '-t', 'ic', 'Enter');
}

describe.skipIf(!hasTmux)('signals to the TUI in a real terminal', () => {
  it('SIGTERM: exit 130, the session interrupted with its reason, the answer kept', async () => {
    const app = startApp('start --role backend --offline --questions 3');
    await answerFirstQuestion();
    await waitFor(() => screen().includes('Question 2 of 3'), 'the second question');
    process.kill(app.pid(), 'SIGTERM');
    expect(await app.exit()).toEqual({ code: 130, signal: null });
    expect(dbRows(app.home, 'SELECT status, end_reason FROM sessions')).toEqual([
      { status: 'interrupted', end_reason: expect.stringContaining('SIGTERM') },
    ]);
    expect(savedAnswers(app.home)).toEqual([ANSWER]);
    expect(screen()).toMatch(/interview-coach resume [0-9a-f]{8}/);
  });

  it('the terminal closing (SIGHUP): exit 130, the session interrupted with its reason, the answer kept', async () => {
    const app = startApp('start --role backend --offline --questions 3');
    await answerFirstQuestion();
    await waitFor(() => screen().includes('Question 2 of 3'), 'the second question');
    tmux('kill-session', '-t', 'ic');
    expect(await app.exit()).toEqual({ code: 130, signal: null });
    expect(dbRows(app.home, 'SELECT status, end_reason FROM sessions')).toEqual([
      { status: 'interrupted', end_reason: expect.stringContaining('SIGHUP') },
    ]);
    expect(savedAnswers(app.home)).toEqual([ANSWER]);
  });

  /** An interview of one question and its follow-up, up to the judge at work (it never answers). */
  async function untilTheJudgeWorks() {
    standin = await startStandin({
      // The judge never answers: the evaluation runs for as long as the test needs.
      reply: obedient({ judge: (req) => ({ text: JSON.stringify(judgeJson(req)), firstByteDelayMs: 600_000 }) }),
    });
    const app = startApp(`start --role backend --questions 1 --host ${standin.url}`);
    await answerFirstQuestion();
    await waitFor(() => screen().includes('follow-up'), 'the follow-up', 15_000);
    tmux('send-keys', '-t', 'ic', '-l', 'At my last job the hit rate went from 60% to 95%.');
    await waitFor(() => screen().includes('from 60% to 95%.'), 'the second answer');
    tmux('send-keys', '-t', 'ic', 'Enter');
    await waitFor(() => standin?.chatRequests().some((r) => r.format) && standin.activeStreams > 0, 'the judge');
    return app;
  }

  it('Esc during the evaluation skips it by choice: exit 0, completed, not evaluated', async () => {
    const app = await untilTheJudgeWorks();
    tmux('send-keys', '-t', 'ic', 'Escape');
    expect(await app.exit()).toEqual({ code: 0, signal: null });
    expect(dbRows(app.home, 'SELECT status FROM sessions')).toEqual([{ status: 'completed' }]);
    expect(dbRows(app.home, 'SELECT id FROM evaluations')).toEqual([]);
  });

  it('Ctrl-C during the evaluation interrupts it: exit 130, completed, not evaluated', async () => {
    const app = await untilTheJudgeWorks();
    tmux('send-keys', '-t', 'ic', 'C-c');
    expect(await app.exit()).toEqual({ code: 130, signal: null });
    expect(dbRows(app.home, 'SELECT status FROM sessions')).toEqual([{ status: 'completed' }]);
    expect(dbRows(app.home, 'SELECT id FROM evaluations')).toEqual([]);
  });

  it('the terminal closing during the evaluation: exit 130, completed, not evaluated', async () => {
    const app = await untilTheJudgeWorks();
    tmux('kill-session', '-t', 'ic');
    expect(await app.exit()).toEqual({ code: 130, signal: null });
    expect(dbRows(app.home, 'SELECT status FROM sessions')).toEqual([{ status: 'completed' }]);
    expect(dbRows(app.home, 'SELECT id FROM evaluations')).toEqual([]);
    expect(savedAnswers(app.home)).toHaveLength(2);
  });
});
