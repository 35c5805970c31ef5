/**
 * What `voice setup` says for each way its tools fail, read from the texts those tools really
 * print (captured from pip 23.0 and Debian 12's Python 3.11 into test/support/voice-setup/).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/shared/errors.js';
import {
  downloadFailure,
  pipFailure,
  setupStopped,
  venvFailure,
  type FailureContext,
} from '../src/voice/setup/setup-failures.js';

const captured = (name: string) =>
  readFileSync(new URL(`./support/voice-setup/${name}`, import.meta.url), 'utf8').split('\n');
const ctx: FailureContext = { log: '/d/voice/setup.log', downloadMb: 350, diskMb: 1000, dir: '/d/voice' };

describe('pip failures', () => {
  it('offline (Retrying … NewConnectionError, then "Could not find a version"): no network, not "no such package"', () => {
    const err = pipFailure('/d/venv/bin/python', captured('pip-offline.txt'), ctx);
    expect(err.message).toBe(
      'No network: voice setup needs internet once to download about 350 MB; run it again when online.',
    );
    expect(err.exitCode).toBe(ExitCode.failure);
  });

  it('externally managed: rebuild the private environment', () => {
    const err = pipFailure('py', captured('externally-managed.txt'), ctx);
    expect(err.message).toContain('externally managed');
    expect(err.hint).toBe('Rebuild it: interview-coach voice setup --force');
  });

  it("disk full (pip's OSError [Errno 28]): how much room, where", () => {
    const err = pipFailure('py', captured('pip-disk-full.txt'), ctx);
    expect(err.message).toBe('The disk is full: voice setup ran out of space in /d/voice.');
    expect(err.hint).toContain('Free about 1000 MB there');
  });

  it('anything else: its last line, cleaned, and where the whole output is', () => {
    const err = pipFailure('py', ['Collecting x', 'ERROR: \u001B[31msomething new\u001B[0m', ''], ctx);
    expect(err.message).toBe('pip could not install faster-whisper and piper-tts: ERROR: something new');
    expect(err.hint).toBe('The full output is in /d/voice/setup.log.');
  });
});

describe('venv failures', () => {
  it("Debian's ensurepip message: the apt line, with the versioned package it names", () => {
    const err = venvFailure('python3', captured('ensurepip-missing.txt'), { ...ctx, platform: 'linux' });
    expect(err.message).toBe('python3 cannot create a virtual environment: its venv/ensurepip module is missing.');
    expect(err.hint).toBe(
      'Install it: sudo apt-get install python3-venv (for this Python: python3.11-venv); then run `interview-coach voice setup` again.',
    );
  });

  it('on macOS the same failure points to brew', () => {
    const err = venvFailure('python3', ['/usr/bin/python3: No module named ensurepip'], { ...ctx, platform: 'darwin' });
    expect(err.hint).toContain('brew install python');
  });
});

describe('download failures', () => {
  it('urllib without a network (piper.download_voices)', () => {
    const tail = [
      'Traceback (most recent call last):',
      'urllib.error.URLError: <urlopen error [Errno -2] Name or service not known>',
    ];
    expect(downloadFailure('Piper voice x', tail, ctx).message).toMatch(/^No network: /);
  });

  it('a 404 is a wrong name, not a network problem', () => {
    const err = downloadFailure(
      'Piper voice en_US-x-medium',
      ['urllib.error.HTTPError: HTTP Error 404: Not Found'],
      ctx,
    );
    expect(err.message).toBe('There is no Piper voice en_US-x-medium to download (HTTP 404).');
  });
});

it('a stopped setup exits 130 and says the settings are unchanged', () => {
  const err = setupStopped();
  expect(err.exitCode).toBe(ExitCode.cancelled);
  expect(err.message).toBe('Voice setup was stopped; your settings are unchanged.');
});
