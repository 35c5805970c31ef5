import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasTool } from './support/tools.js';

// The Python worker's own unit tests (protocol handling, model call isolated), run wherever Python is.
const python = hasTool('python3');
const root = fileURLToPath(new URL('..', import.meta.url));

describe.skipIf(!python)('python/stt_worker.py unit tests', () => {
  it('pass under python3 -m unittest', () => {
    const r = spawnSync('python3', ['-m', 'unittest', 'discover', '-s', 'python', '-p', 'test_*.py'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toMatch(/^OK/m);
    expect(r.status).toBe(0);
  });
});
