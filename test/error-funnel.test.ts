import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportError } from '../src/app/output.js';
import { ExitCode } from '../src/shared/errors.js';

afterEach(() => vi.restoreAllMocks());

function captureStderr() {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (chunk: string | Uint8Array) => (lines.push(String(chunk)), true),
  );
  return lines;
}

describe('the error funnel', () => {
  it('a full disk (a real SQLITE_FULL) gets one clear line and a next step, not "unexpected"', () => {
    const db = new Database(':memory:');
    db.pragma('max_page_count = 2'); // the database cannot grow: the next insert fails as on a full disk
    db.exec('CREATE TABLE t (x TEXT)');
    let error: unknown;
    try {
      for (let i = 0; i < 100; i++) db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(2000));
    } catch (e) {
      error = e;
    }
    expect((error as { code?: string }).code).toBe('SQLITE_FULL');
    const lines = captureStderr();
    expect(reportError(error)).toBe(ExitCode.failure);
    const out = lines.join('');
    expect(out).toMatch(/✖ The disk is full/);
    expect(out).toContain('resume last');
    expect(out).not.toMatch(/Unexpected error/);
  });

  it('anything else unknown is reported as unexpected, with how to get details', () => {
    const lines = captureStderr();
    expect(reportError(new Error('boom'))).toBe(ExitCode.failure);
    expect(lines.join('')).toMatch(/✖ Unexpected error: boom[\s\S]*DEBUG=1/);
  });
});
