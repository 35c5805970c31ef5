import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTool } from './support/tools.js';
import { HOSTILE_TEXT, startStandin, withHostileText, type Standin } from './support/ollama-standin.mjs';
import { obedient } from './support/scenarios.mjs';
import { BIN } from './support/cli.js';
import { waitFor } from './support/wait.js';

// The TUI in a real terminal (tmux): a host whose reply and whose HTTP 500 error body carry an
// OSC title sequence must not retitle the terminal. tmux keeps what an OSC 0/2 set as the
// pane's title, so the title is read back from tmux.
const hasTmux = hasTool('tmux', ['-V']);
const socket = `ic-hostile-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'ic');
const title = () => tmux('display-message', '-p', '-t', 'ic', '#{pane_title}').trim();

let standin: Standin | undefined;
afterEach(async () => {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
  await standin?.close();
  standin = undefined;
});

describe.skipIf(!hasTmux)('the TUI and a hostile host (tmux)', () => {
  it('a hostile reply, then a 500 whose body sets the window title: shown as words, the title unchanged', async () => {
    const interviewer = withHostileText(obedient());
    standin = await startStandin({
      reply: (request, callIndex, context) =>
        callIndex === 0 ? interviewer(request, callIndex, context) : { status: 500, error: HOSTILE_TEXT },
    });
    const home = mkdtempSync(join(tmpdir(), 'ic-tmux-'));
    const command = `INTERVIEW_COACH_HOME=${home} ${process.execPath} ${BIN} start --role backend --questions 2 --no-evaluate --host ${standin.url}; echo EXIT=$?; sleep 30`;
    tmux('new-session', '-d', '-s', 'ic', '-x', '110', '-y', '40', command);
    const before = title();
    await waitFor(() => screen().includes('Hostile text desrever here end'), 'the hostile reply, as words', 15_000);
    await waitFor(() => screen().includes('Enter send'), 'the answer box to take input');
    tmux('send-keys', '-t', 'ic', '-l', 'I would put a cache in front of the database.');
    await waitFor(() => screen().includes('front of the database.'), 'the typed answer');
    tmux('send-keys', '-t', 'ic', 'Enter');
    await waitFor(() => screen().includes('Continuing from the question bank'), 'the fallback banner', 15_000);
    expect(screen()).toContain('Ollama answered 500: Hostile text desrever here end');
    expect(title()).toBe(before);
    expect(title()).not.toContain('pwned');
    expect(screen()).not.toContain('pwned');
  });
});
