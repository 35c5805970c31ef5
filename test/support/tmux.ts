import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, beforeEach } from 'vitest';

/**
 * A fresh tmux server for each test of the file (reusing a socket right after kill-server races
 * its shutdown), killed after the test. `tmux(...)` runs a tmux command on it; `screen()` reads
 * the visible pane of the session named `ic`.
 */
export function tmuxPerTest(prefix: string) {
  let socket = '';
  let count = 0;
  beforeEach(() => {
    socket = `${prefix}-${process.pid}-${++count}`;
  });
  afterEach(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
  });
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  return { tmux, screen: () => tmux('capture-pane', '-p', '-t', 'ic') };
}
