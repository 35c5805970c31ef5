import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tmuxPerTest } from './support/tmux.js';
import { hasTool } from './support/tools.js';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { judgeJson } from './support/judge.mjs';
import { obedient } from './support/scenarios.mjs';
import { BIN } from './support/cli.js';
import { waitFor } from './support/wait.js';

// The whole app in a real terminal: tmux gives it a TTY, send-keys types, capture-pane reads the screen.
const hasTmux = hasTool('tmux', ['-V']);
const { tmux, screen } = tmuxPerTest('ic-test');

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

describe.skipIf(!hasTmux)('the TUI in a real terminal (tmux)', () => {
  it('runs an interview end to end and exits cleanly', async () => {
    standin = await startStandin({
      reply: obedient({ judge: (req) => JSON.stringify(judgeJson(req, { score: 3 })) }),
      tokenDelayMs: 5,
    });
    const home = mkdtempSync(join(tmpdir(), 'ic-tmux-'));
    const command = `INTERVIEW_COACH_HOME=${home} ${process.execPath} ${BIN} start --role backend --questions 1 --host ${standin.url}; echo EXIT=$?; sleep 30`;
    tmux('new-session', '-d', '-s', 'ic', '-x', '110', '-y', '40', command);
    await waitFor(() => screen().includes('Hello, thanks for joining.'), 'the first question', 15_000);
    expect(screen()).toContain('Question 1 of 1');
    expect(screen()).toMatch(/⏱ \d+:\d\d/);
    await waitFor(() => screen().includes('Enter send'), 'the answer box to take input');
    tmux('send-keys', '-t', 'ic', '-l', 'I would put a cache in front of the database and measure the hit rate.');
    await waitFor(() => screen().includes('measure the hit rate.'), 'typed answer');
    tmux('send-keys', '-t', 'ic', 'Enter');
    // No example, no numbers: the one follow-up, then the close.
    await waitFor(() => screen().includes('Question 1 of 1 · follow-up'), 'the follow-up', 15_000);
    tmux('send-keys', '-t', 'ic', '-l', 'At my last job the hit rate went from 60% to 95%.');
    await waitFor(() => screen().includes('went from 60% to 95%.'), 'the second answer');
    tmux('send-keys', '-t', 'ic', 'Enter');
    await waitFor(() => screen().includes('EXIT=0'), 'the app to exit 0', 15_000);
    expect(screen()).toContain('That is the end of our interview');
    expect(screen()).toMatch(/Session [0-9a-f]{8} saved \(completed\)/);
    // The evaluation screen follows the interview.
    expect(screen()).toContain('Evaluation · 50/100');
    expect(screen()).toContain('Stronger, from what you said:');
    const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
    expect(db.prepare("SELECT content FROM transcripts WHERE speaker = 'candidate'").all()).toEqual([
      { content: 'I would put a cache in front of the database and measure the hit rate.' },
      { content: 'At my last job the hit rate went from 60% to 95%.' },
    ]);
    db.close();
  });

  it('a paste full of escape and control bytes is typed clean and the TUI keeps running', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-tmux-'));
    const command = `INTERVIEW_COACH_HOME=${home} ${process.execPath} ${BIN} start --role backend --offline --questions 2 --no-evaluate; echo EXIT=$?; sleep 30`;
    tmux('new-session', '-d', '-s', 'ic', '-x', '110', '-y', '40', command);
    await waitFor(() => screen().includes('Enter send'), 'the answer box', 15_000);
    tmux('send-keys', '-t', 'ic', '-l', 'First part, typed. ');
    await waitFor(() => screen().includes('First part, typed.'), 'the typed start of the answer');
    // Colour codes, bracketed-paste markers, a lone ESC before text, C1 bytes (8-bit CSI, NEL),
    // an OSC title string and a bell, all in one paste.
    const pasted =
      'Use a \u001b[31mred\u001b[0m cache \u001b[200~pasted\u001b[201~ with \u001bhello ' +
      '\u009b1mC1\u009b0m\u0085ok\u001b]0;title\u0007 done\u0007.';
    tmux('send-keys', '-t', 'ic', '-l', pasted);
    const clean = 'First part, typed. Use a red cache pasted with hello C1ok done.';
    await waitFor(() => screen().includes(clean), 'the clean paste in the answer box');
    expect(screen()).not.toContain('EXIT=');
    expect(screen()).toContain('Enter send');
    tmux('send-keys', '-t', 'ic', 'Enter');
    const candidateLines = () => {
      const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
      try {
        return db.prepare("SELECT content FROM transcripts WHERE speaker = 'candidate'").all();
      } finally {
        db.close();
      }
    };
    await waitFor(() => candidateLines().length === 1, 'the answer to be saved');
    expect(candidateLines()).toEqual([{ content: clean }]);
    expect(screen()).not.toContain('EXIT=');
    expect(screen()).not.toMatch(/at .*\.js:\d+/);
  });

  it('Ctrl-C leaves cleanly with exit code 130 and no stack trace', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-tmux-'));
    const command = `INTERVIEW_COACH_HOME=${home} ${process.execPath} ${BIN} start --role backend --offline; echo EXIT=$?; sleep 30`;
    tmux('new-session', '-d', '-s', 'ic', '-x', '110', '-y', '40', command);
    await waitFor(() => screen().includes('Enter send'), 'the answer box', 15_000);
    expect(screen()).toContain('Offline mode');
    tmux('send-keys', '-t', 'ic', 'C-c');
    await waitFor(() => screen().includes('EXIT='), 'the app to exit', 15_000);
    expect(screen()).toContain('EXIT=130');
    expect(screen()).toContain('saved (interrupted)');
    expect(screen()).not.toMatch(/at .*\.js:\d+/);
  });
});
