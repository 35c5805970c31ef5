/**
 * Helpers for the `voice setup` tests: a fresh data folder, the fake base Python first in PATH
 * as `python3` (so the default choice is exercised), and the one log every stand-in appends to
 * (fake python, fake pip, the stub download functions), read back in order.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FAKE_PYTHON = fileURLToPath(new URL('./fake-python.mjs', import.meta.url));
export const BUILD_WHEELS = fileURLToPath(new URL('./build-wheels.py', import.meta.url));

/** The real python3's full path (the fake venv's python runs it), or null when there is none. */
export function realPython(): string | null {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export interface SetupHome {
  home: string;
  log: string;
  /** The environment for the CLI: the fake python3 first in PATH, everything logged to `log`. */
  env: (extra?: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
  /** Every logged call, in order: {python: argv} | {pip: argv} | {download_model, output_dir} | {download_voices, download_dir}. */
  calls: () => Record<string, unknown>[];
  /** The settings file, or null when nothing was saved. */
  settings: () => Record<string, unknown> | null;
  voice: string;
}

export function setupHome(python: string): SetupHome {
  const root = mkdtempSync(join(tmpdir(), 'ic-voice-setup-'));
  const home = join(root, 'home');
  const bin = join(root, 'bin');
  mkdirSync(bin);
  symlinkSync(FAKE_PYTHON, join(bin, 'python3'));
  const log = join(root, 'calls.jsonl');
  return {
    home,
    log,
    voice: join(home, 'voice'),
    env: (extra = {}) => ({
      INTERVIEW_COACH_HOME: home,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
      FAKE_REAL_PYTHON: python,
      FAKE_SETUP_LOG: log,
      ...extra,
    }),
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as Record<string, unknown>)
        : [],
    settings: () => {
      const file = join(home, 'config.json');
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : null;
    },
  };
}

/** What each logged call was: 'python -m venv', 'pip install', 'download_model', 'download_voices', 'python'. */
export function callKinds(calls: Record<string, unknown>[]): string[] {
  return calls.map((c) => {
    if (Array.isArray(c.python)) return c.python[0] === '-m' && c.python[1] === 'venv' ? 'python -m venv' : 'python';
    if (Array.isArray(c.pip)) return `pip ${String(c.pip[0])}`;
    return 'download_model' in c ? 'download_model' : 'download_voices';
  });
}
