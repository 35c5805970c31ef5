/**
 * What the output of a failed setup step means, said as one line plus the next step. The
 * patterns are the texts the tools print (captured from pip 23 and Debian's Python 3.11; see
 * test/support/voice-setup/), so a change in a tool's wording falls back to "failed: <its last
 * line>" with the log's path, never to a wrong diagnosis.
 */
import { CoachError, ExitCode } from '../../shared/errors.js';
import { cleanLine } from '../../shared/sanitize.js';

// urllib3 under pip and huggingface_hub, urllib under piper.download_voices, and DNS failures
// on Linux and macOS.
const OFFLINE =
  /NewConnectionError|Failed to establish a new connection|Temporary failure in name resolution|Name or service not known|nodename nor servname|Network is unreachable|No route to host|ConnectTimeoutError|Max retries exceeded|ProxyError|urlopen error|couldn't connect to 'https:\/\/huggingface\.co'|LocalEntryNotFoundError|check your internet connection/i;
const DISK_FULL = /No space left on device|\[Errno 28\]|ENOSPC/;
const EXTERNALLY_MANAGED = /externally-managed-environment/;
const NO_MATCH = /Could not find a version that satisfies the requirement (\S+)/;
// Debian and Ubuntu's venv when python3-venv is not installed ("apt install python3.11-venv").
const NO_ENSUREPIP = /ensurepip is not\s+available|No module named '?ensurepip|No module named '?venv/;
const APT_VENV = /apt(?:-get)? install (python3(?:\.\d+)?-venv)/;
const HTTP_404 = /HTTP Error 404|404 Client Error/;

const MESSAGE_MAX = 240;
const isMac = (platform: NodeJS.Platform) => platform === 'darwin';

/** The last line that says something: where a tool that failed put its reason. */
function lastWords(tail: readonly string[]): string {
  const line = [...tail].reverse().find((l) => l.trim() !== '');
  return line ? cleanLine(line, MESSAGE_MAX) : 'no output';
}

function seeLog(log: string): string {
  return `The full output is in ${log}.`;
}

/** Problems any step can run into: no network, a full disk. Null when it is neither. */
function commonFailure(tail: readonly string[], opts: FailureContext): CoachError | null {
  const text = tail.join('\n');
  if (DISK_FULL.test(text)) {
    return new CoachError(`The disk is full: voice setup ran out of space in ${opts.dir}.`, {
      hint: `Free about ${opts.diskMb} MB there (or set INTERVIEW_COACH_HOME to a bigger disk), then run \`interview-coach voice setup\` again.`,
    });
  }
  if (OFFLINE.test(text)) {
    return new CoachError(
      `No network: voice setup needs internet once to download about ${opts.downloadMb} MB; run it again when online.`,
      { hint: 'What is already downloaded is kept: `interview-coach voice setup` carries on from there.' },
    );
  }
  return null;
}

export interface FailureContext {
  /** Where the whole output of the step was written. */
  log: string;
  /** About how much the whole setup downloads, for the "no network" line. */
  downloadMb: number;
  /** About how much room the whole setup takes, for the "disk full" line. */
  diskMb: number;
  /** The folder the setup writes to, for the "disk full" line. */
  dir: string;
  platform?: NodeJS.Platform;
}

/** `python -m venv` failed. */
export function venvFailure(python: string, tail: readonly string[], ctx: FailureContext): CoachError {
  const text = tail.join('\n');
  const platform = ctx.platform ?? process.platform;
  if (NO_ENSUREPIP.test(text)) {
    const versioned = APT_VENV.exec(text)?.[1];
    const also = versioned && versioned !== 'python3-venv' ? ` (for this Python: ${versioned})` : '';
    return new CoachError(`${python} cannot create a virtual environment: its venv/ensurepip module is missing.`, {
      hint: isMac(platform)
        ? 'Install a full Python: brew install python; then run `interview-coach voice setup` again.'
        : `Install it: sudo apt-get install python3-venv${also}; then run \`interview-coach voice setup\` again.`,
    });
  }
  return (
    commonFailure(tail, ctx) ??
    new CoachError(`Could not create the private Python environment: ${lastWords(tail)}`, { hint: seeLog(ctx.log) })
  );
}

/** `pip install` failed. */
export function pipFailure(python: string, tail: readonly string[], ctx: FailureContext): CoachError {
  const text = tail.join('\n');
  const common = commonFailure(tail, ctx);
  if (common) return common;
  if (EXTERNALLY_MANAGED.test(text)) {
    return new CoachError('pip refused to install into the private environment ("externally managed").', {
      hint: 'Rebuild it: interview-coach voice setup --force',
    });
  }
  const missing = NO_MATCH.exec(text)?.[1];
  if (missing) {
    return new CoachError(`pip found no version of ${cleanLine(missing, 80)} for ${python}.`, {
      hint: `faster-whisper and piper-tts need Python 3.9 to 3.13 on a platform they publish wheels for: try another Python with --python (e.g. --python python3.12). ${seeLog(ctx.log)}`,
    });
  }
  return new CoachError(`pip could not install faster-whisper and piper-tts: ${lastWords(tail)}`, {
    hint: seeLog(ctx.log),
  });
}

/** A model or voice download failed. */
export function downloadFailure(what: string, tail: readonly string[], ctx: FailureContext): CoachError {
  const common = commonFailure(tail, ctx);
  if (common) return common;
  if (HTTP_404.test(tail.join('\n'))) {
    return new CoachError(`There is no ${what} to download (HTTP 404).`, {
      hint: 'Check the name: Whisper models such as base.en or small.en; Piper voices as listed on https://huggingface.co/rhasspy/piper-voices (e.g. en_US-lessac-medium).',
    });
  }
  return new CoachError(`Could not download the ${what}: ${lastWords(tail)}`, { hint: seeLog(ctx.log) });
}

/** The base Python is not there, or too old to run the engines. */
export function pythonMissing(python: string, platform: NodeJS.Platform = process.platform): CoachError {
  return new CoachError(`Python 3 was not found (${python}).`, { hint: installPythonHint(platform) });
}

export function pythonTooOld(python: string, version: string, platform: NodeJS.Platform = process.platform) {
  return new CoachError(`${python} is Python ${version}; faster-whisper and piper-tts need 3.9 or newer.`, {
    hint: installPythonHint(platform),
  });
}

function installPythonHint(platform: NodeJS.Platform): string {
  const install = isMac(platform) ? 'brew install python' : 'sudo apt-get install python3 python3-venv';
  return `Install it (${install}), or name one: interview-coach voice setup --python /path/to/python3`;
}

/** Ctrl-C (or SIGTERM) during the setup: nothing half-done is kept as if it were done. */
export function setupStopped(): CoachError {
  return new CoachError('Voice setup was stopped; your settings are unchanged.', {
    hint: 'Run `interview-coach voice setup` again to finish: what is complete is kept, a half-built part is redone.',
    exitCode: ExitCode.cancelled,
  });
}
