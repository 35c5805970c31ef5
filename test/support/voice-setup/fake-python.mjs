#!/usr/bin/env node
// @ts-check
/**
 * A stand-in for a base `python3` in the `voice setup` tests (no network, no PyPI here).
 *
 * - `-m venv DIR`: makes DIR/bin/python, a wrapper that runs the REAL python3 (FAKE_REAL_PYTHON,
 *   default python3) with DIR/lib/site-packages on its path, and DIR/bin/pip, a wrapper around
 *   fake-pip.mjs. So everything the setup runs inside the venv (imports, download_model,
 *   python -m piper.download_voices) runs for real, against the stub packages pip "installs".
 * - anything else (`-c CODE`, `--version`) is passed to the real python3.
 *
 * Knobs (env):
 *   FAKE_SETUP_LOG=file           append {"python": argv} (JSON, one line) to file
 *   FAKE_PYTHON_VENV=ensurepip    fail like Debian's python3 without python3-venv: bin/python is
 *                                 made, then the real message on stdout (ensurepip-missing.txt), exit 1
 *   FAKE_PYTHON_VERSION=3.8       answer the version probe with this version instead
 */
import { appendFileSync, chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const realPython = process.env.FAKE_REAL_PYTHON ?? 'python3';
const log = process.env.FAKE_SETUP_LOG;
if (log) appendFileSync(log, `${JSON.stringify({ python: args })}\n`);

/** A word for a POSIX shell script, in single quotes. @param {string} word */
const sh = (word) => `'${word.replaceAll("'", `'\\''`)}'`;

/** @param {string} path @param {string} body */
function script(path, body) {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

if (args[0] === '-m' && args[1] === 'venv' && args[2]) {
  const dir = resolve(args[2]);
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const site = join(dir, 'lib', 'site-packages');
  script(join(bin, 'python'), `PYTHONPATH=${sh(site)} exec ${sh(realPython)} "$@"`);
  if (process.env.FAKE_PYTHON_VENV === 'ensurepip') {
    process.stdout.write(readFileSync(join(here, 'ensurepip-missing.txt'), 'utf8'));
    process.exit(1);
  }
  mkdirSync(site, { recursive: true });
  script(join(bin, 'pip'), `FAKE_VENV=${sh(dir)} exec ${sh(process.execPath)} ${sh(join(here, 'fake-pip.mjs'))} "$@"`);
  process.exit(0);
}

if (process.env.FAKE_PYTHON_VERSION && args[0] === '-c' && args[1]?.includes('version_info')) {
  process.stdout.write(`${process.env.FAKE_PYTHON_VERSION}\n`);
  process.exit(0);
}

const r = spawnSync(realPython, args, { stdio: 'inherit' });
process.exit(r.status ?? 1);
