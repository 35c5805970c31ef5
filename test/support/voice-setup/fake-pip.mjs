#!/usr/bin/env node
// @ts-check
/**
 * A stand-in for a venv's `pip` in the `voice setup` tests (made by fake-python.mjs; FAKE_VENV
 * is its venv). `pip install ...` "installs" by copying the stub packages (stubs/: faster_whisper,
 * piper, their dist-info) into the venv's site-packages and writing bin/piper, the console
 * script piper-tts declares; it prints pip's own kind of progress lines on stdout.
 *
 * Knobs (env):
 *   FAKE_SETUP_LOG=file    append {"pip": argv} (JSON, one line) to file
 *   FAKE_PIP_FAIL=offline | externally-managed | disk-full | no-match
 *                          fail with the text real pip prints (captured in this folder), exit 1
 *   FAKE_PIP_HANG=1        print the first line, then wait until killed (an install in progress)
 *   FAKE_PIP_HOSTILE=1     put terminal escape sequences in a progress line
 */
import { appendFileSync, chmodSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const venv = process.env.FAKE_VENV ?? '';
const log = process.env.FAKE_SETUP_LOG;
if (log) appendFileSync(log, `${JSON.stringify({ pip: args })}\n`);

const texts = {
  offline: 'pip-offline.txt',
  'externally-managed': 'externally-managed.txt',
  'disk-full': 'pip-disk-full.txt',
};
const fail = process.env.FAKE_PIP_FAIL;
if (fail && fail in texts) {
  process.stderr.write(readFileSync(join(here, texts[/** @type {keyof typeof texts} */ (fail)]), 'utf8'));
  process.exit(1);
}
if (fail === 'no-match') {
  process.stderr.write(
    'ERROR: Could not find a version that satisfies the requirement ctranslate2<5,>=4.0 (from faster-whisper) (from versions: none)\nERROR: No matching distribution found for ctranslate2<5,>=4.0\n',
  );
  process.exit(1);
}
if (args[0] !== 'install') {
  process.stderr.write(`ERROR: unknown command "${args[0] ?? ''}"\n`);
  process.exit(1);
}

const esc = process.env.FAKE_PIP_HOSTILE === '1' ? '\u001B]0;pwned\u0007\u001B[2J' : '';
process.stdout.write(`Collecting ${esc}faster-whisper\n`);
if (process.env.FAKE_PIP_HANG === '1') setInterval(() => {}, 1000);
else {
  process.stdout.write(
    [
      '  Downloading faster_whisper-1.2.1-py3-none-any.whl (1.1 MB)',
      'Collecting piper-tts',
      '  Downloading piper_tts-1.3.0-cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (13.8 MB)',
      'Collecting ctranslate2<5,>=4.0 (from faster-whisper)',
      '  Using cached ctranslate2-4.6.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (38.5 MB)',
      'Installing collected packages: ctranslate2, piper-tts, faster-whisper',
      'Successfully installed ctranslate2-4.6.0 faster-whisper-1.2.1 piper-tts-1.3.0',
      '',
    ].join('\n'),
  );
  const site = join(venv, 'lib', 'site-packages');
  cpSync(join(here, 'stubs'), site, { recursive: true });
  const piper = join(venv, 'bin', 'piper');
  writeFileSync(piper, `#!/bin/sh\nexec "$(dirname "$0")/python" -m piper "$@"\n`);
  chmodSync(piper, 0o755);
}
