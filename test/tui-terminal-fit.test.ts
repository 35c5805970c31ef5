import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { tmuxPerTest } from './support/tmux.js';
import { hasTool } from './support/tools.js';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { obedient } from './support/scenarios.mjs';
import { BIN } from './support/cli.js';
import { waitFor } from './support/wait.js';

// The live region in a real terminal (tmux) at common sizes: it never wipes the person's
// scrollback, Enter typed with the text sends it, the header fits, the cursor shows without colours.
const hasTmux = hasTool('tmux', ['-V']);
const { tmux, screen } = tmuxPerTest('ic-fit');
/** The whole pane: the scrollback and the screen. */
const history = () => tmux('capture-pane', '-p', '-S', '-', '-t', 'ic');
const MARKERS = 30;
const markers = () => history().match(/^MARKER-\d+$/gm)?.length ?? 0;

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

/** Prints marker lines (the person's shell history), then runs the app; EXIT=code once it ends. */
function start(columns: number, rows: number, args: string, env = '') {
  const home = mkdtempSync(join(tmpdir(), 'ic-fit-'));
  const command =
    `for i in $(seq 1 ${MARKERS}); do echo MARKER-$i; done; ` +
    `${env} INTERVIEW_COACH_HOME=${home} ${process.execPath} ${BIN} start ${args}; echo EXIT=$?; sleep 60`;
  tmux('new-session', '-d', '-s', 'ic', '-x', String(columns), '-y', String(rows), command);
  const answers = () => {
    const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
    try {
      return db.prepare("SELECT content FROM transcripts WHERE speaker = 'candidate' ORDER BY id").all();
    } finally {
      db.close();
    }
  };
  return { answers };
}

/** The header box's rows, checked whole: its text row starts and ends with the border, so nothing wrapped. */
function header(columns: number): string {
  const lines = screen().split('\n');
  const top = lines.findLastIndex((line) => line.startsWith('╭'));
  expect(top, screen()).toBeGreaterThan(-1);
  const [border, text, bottom] = lines.slice(top, top + 3);
  for (const row of [border, text, bottom]) expect(stringWidth(row ?? '')).toBe(columns);
  expect(text).toMatch(/^│ .* │$/);
  expect(bottom).toMatch(/^╰─+╯$/);
  return text ?? '';
}

describe.skipIf(!hasTmux)('the TUI fits the terminal (tmux)', () => {
  describe.each([
    [80, 24],
    [60, 20],
  ])('at %ix%i', (columns, rows) => {
    it('keeps the scrollback through a 40-line paste; Enter sent with the text sends it; the header fits; NO_COLOR shows the cursor', async () => {
      const { answers } = start(
        columns,
        rows,
        '--role backend --offline --questions 2 --no-evaluate',
        'NO_COLOR=1 INTERVIEW_COACH_ANSWER_NUDGE_SEC=1',
      );
      await waitFor(() => screen().includes('Enter send'), 'the answer box', 15_000);
      expect(header(columns)).toContain('Backend');
      tmux('send-keys', '-t', 'ic', '-l', 'First, ');
      // No colours: the cursor is a character right after the text typed.
      await waitFor(() => screen().includes('First, ▌'), 'the typed text with its cursor');
      // The answer timer passes the nudge: the header still fits, and says so.
      await waitFor(() => header(columns).includes('wrap'), 'the nudge in the header');

      const pasted = Array.from({ length: 40 }, (_, i) => `pasted line ${i + 1} of a long answer`).join('\n');
      tmux('set-buffer', '--', pasted);
      // -p: as a terminal pastes, inside bracketed-paste markers (the app turned them on).
      tmux('paste-buffer', '-p', '-t', 'ic');
      await waitFor(() => screen().includes('pasted line 40 of a long answer'), 'the end of the paste');
      expect(answers()).toEqual([]);
      expect(screen()).toMatch(/rows \d+–\d+ of 40/);
      header(columns);
      expect(markers()).toBe(MARKERS);

      // Text and Enter in one send-keys call: one chunk, and the answer is sent.
      tmux('send-keys', '-t', 'ic', ' The end.', 'Enter');
      await waitFor(() => answers().length === 1, 'the first answer', 15_000);
      expect(answers()).toEqual([{ content: `First, ${pasted} The end.` }]);
      await waitFor(() => screen().includes('Question 2 of 2') || screen().includes('Q2/2'), 'the second question');
      tmux('send-keys', '-t', 'ic', 'some answer', 'Enter');
      await waitFor(() => screen().includes('EXIT=0'), 'the app to exit 0', 15_000);
      expect(answers()).toEqual([{ content: `First, ${pasted} The end.` }, { content: 'some answer' }]);
      expect(markers()).toBe(MARKERS);
    });
  });

  it('a reply taller than the terminal streams inside the live region and leaves the scrollback alone', async () => {
    const long = Array.from(
      { length: 12 },
      (_, i) => `Part ${i + 1} of a very long question about caching, queues and the trade-offs between them.`,
    ).join(' ');
    standin = await startStandin({ reply: () => ({ text: `${long} What would you do?`, tokenDelayMs: 10 }) });
    // At 60x20 a reply of the interviewer's length cap is taller than the room the live region has.
    start(60, 20, `--role backend --questions 1 --no-evaluate --host ${standin.url}`);
    let cut = false;
    await waitFor(
      () => {
        const now = screen();
        cut ||= /more rows? above/.test(now);
        return now.includes('Enter send');
      },
      'the question to be asked',
      15_000,
    );
    expect(markers()).toBe(MARKERS);
    // The reply was taller than the room it had (its first rows were not shown while it streamed).
    expect(cut).toBe(true);
    expect(history()).toContain('Part 1 of a very long question');
  });

  it('a narrower window is redrawn cleanly: no pieces of old frames, the scrollback kept', async () => {
    start(80, 24, '--role backend --offline --questions 2 --no-evaluate');
    await waitFor(() => screen().includes('Enter send'), 'the answer box', 15_000);
    tmux('send-keys', '-t', 'ic', '-l', 'typing before the window gets narrower');
    await waitFor(() => screen().includes('narrower'), 'the typed text');
    tmux('resize-window', '-t', 'ic', '-x', '60', '-y', '20');
    await waitFor(() => /^╰─{58}╯$/m.test(screen()), 'the header redrawn at 60 columns');
    expect(header(60)).toContain('Backend');
    const all = history();
    expect(all.match(/Enter send/g)).toHaveLength(1);
    expect(all.match(/^╭/gm)).toHaveLength(1);
    expect(all.match(/^┌/gm)).toHaveLength(1);
    expect(markers()).toBe(MARKERS);
  });

  it('after a fallback the header says "question bank", not the model', async () => {
    const interviewer = obedient();
    standin = await startStandin({
      reply: (request, callIndex, context) =>
        callIndex === 0 ? interviewer(request, callIndex, context) : { status: 500, error: 'model crashed' },
    });
    // Wide enough for every part of the header, so the model's place is there to read.
    start(120, 30, `--role backend --questions 2 --no-evaluate --host ${standin.url}`);
    await waitFor(() => screen().includes('Enter send'), 'the answer box', 15_000);
    expect(header(120)).toContain('mistral');
    tmux('send-keys', '-t', 'ic', '-l', 'I would add a cache.');
    await waitFor(() => screen().includes('add a cache.'), 'the typed answer');
    tmux('send-keys', '-t', 'ic', 'Enter');
    await waitFor(() => screen().includes('Continuing from the question bank'), 'the fallback', 15_000);
    await waitFor(() => screen().includes('Enter send'), 'the answer box again');
    expect(header(120)).toContain('question bank');
    expect(header(120)).not.toContain('mistral');
  });
});
