#!/usr/bin/env node
// chalk/supports-color and Ink ignore NO_COLOR, so translate it before they load.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
// Ink paints only the last frame when it believes it runs in CI (is-in-ci reads CI at import).
// A person at a real terminal gets the live screen even if CI happens to be set in their shell.
if (process.stdin.isTTY && process.stdout.isTTY) {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
}
await import('../dist/cli.js');
