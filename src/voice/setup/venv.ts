/**
 * The private Python environment the speech engines are installed into. A system Python refuses
 * `pip install` on Debian 12, Ubuntu 23.04+ and Homebrew ("externally managed environment",
 * PEP 668); a venv of our own is the documented way around it and never touches the system.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CoachError } from '../../shared/errors.js';
import { findExecutable, run } from '../../shared/exec.js';
import { cleanLine } from '../../shared/sanitize.js';
import { lastLine } from '../../shared/text.js';
import { runStreamed, type StreamedRunOptions } from './streamed-run.js';
import {
  pipFailure,
  pythonMissing,
  pythonTooOld,
  setupStopped,
  venvFailure,
  type FailureContext,
} from './setup-failures.js';
import { venvEnv, type VenvPaths } from './venv-paths.js';

/** What pip installs: the PyPI names (`piper` on PyPI is an unrelated package). */
export const ENGINE_PACKAGES = ['faster-whisper', 'piper-tts'] as const;

const QUICK_MS = 60_000;
/** faster-whisper and piper-tts both declare python_requires >= 3.9. */
const MIN_PYTHON: readonly [number, number] = [3, 9];

/** The base Python's version ("3.11"); throws when it is missing, does not run or is too old. */
export async function checkBasePython(python: string, signal?: AbortSignal): Promise<string> {
  const r = await run(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
    timeoutMs: QUICK_MS,
    signal,
  });
  if (r.cancelled) throw setupStopped();
  if (r.notFound) throw pythonMissing(python);
  const version = /^(\d+)\.(\d+)$/.exec(r.stdout.trim());
  if (!r.ok || !version) {
    throw new CoachError(`${python} did not run as Python 3: ${cleanLine(lastLine(r.output) || 'no output', 200)}`, {
      hint: 'Name a working one: interview-coach voice setup --python /path/to/python3',
    });
  }
  const [major, minor] = [Number(version[1]), Number(version[2])];
  if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
    throw pythonTooOld(python, version[0]);
  }
  return version[0];
}

/** Our note in a finished venv: which Python built it. */
export interface VenvMarker {
  basePython: string;
  version: string;
  createdAt: string;
}

/** 'built' only when `python -m venv` finished (our marker) and its python is there. */
export function venvState(paths: VenvPaths): 'absent' | 'partial' | 'built' {
  if (!existsSync(paths.dir)) return 'absent';
  return existsSync(paths.marker) && findExecutable(paths.python) ? 'built' : 'partial';
}

export function readVenvMarker(paths: VenvPaths): VenvMarker | null {
  try {
    return JSON.parse(readFileSync(paths.marker, 'utf8')) as VenvMarker;
  } catch {
    return null;
  }
}

/** Creates the venv from scratch (a half-built one is removed first). */
export async function createVenv(
  base: { python: string; version: string },
  paths: VenvPaths,
  ctx: FailureContext,
  opts: StreamedRunOptions,
): Promise<void> {
  rmSync(paths.dir, { recursive: true, force: true });
  mkdirSync(dirname(paths.dir), { recursive: true, mode: 0o700 });
  const r = await runStreamed(base.python, ['-m', 'venv', paths.dir], opts);
  if (r.cancelled) throw setupStopped();
  if (!r.ok || !findExecutable(paths.python)) throw venvFailure(base.python, r.tail, ctx);
  const marker: VenvMarker = { basePython: base.python, version: base.version, createdAt: new Date().toISOString() };
  writeFileSync(paths.marker, `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600 });
}

/**
 * The installed versions ("faster-whisper 1.2.1, piper-tts 1.3.0") when both packages import
 * and Piper's command is there; null otherwise (an interrupted install included).
 */
export async function installedEngines(paths: VenvPaths, signal?: AbortSignal): Promise<string | null> {
  if (!findExecutable(paths.piper)) return null;
  const code = [
    'import faster_whisper, piper.download_voices',
    'from importlib.metadata import version',
    'print("faster-whisper %s, piper-tts %s" % (version("faster-whisper"), version("piper-tts")))',
  ].join('\n');
  const r = await run(paths.python, ['-c', code], { env: venvEnv(), timeoutMs: QUICK_MS, signal });
  if (r.cancelled) throw setupStopped();
  return r.ok ? cleanLine(lastLine(r.stdout), 120) : null;
}

/** pip install into the venv, with pip's own progress lines passed to opts.onLine. */
export async function installEngines(paths: VenvPaths, ctx: FailureContext, opts: StreamedRunOptions): Promise<void> {
  const args = ['install', '--progress-bar', 'off', ...ENGINE_PACKAGES];
  const r = await runStreamed(paths.pip, args, { ...opts, env: venvEnv(opts.env) });
  if (r.cancelled) throw setupStopped();
  if (r.startError) {
    throw new CoachError(`pip is missing from the private environment (${paths.pip}).`, {
      hint: 'Rebuild it: interview-coach voice setup --force',
    });
  }
  if (!r.ok) throw pipFailure(paths.python, r.tail, ctx);
}
