/**
 * Tables line up by terminal columns, not by characters: a role title in Japanese takes two
 * columns per character (string-width is loaded only when a table holds such text).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

describe('table widths', () => {
  it('roles: the question counts line up after a wide (CJK) custom title', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-widths-'));
    const file = join(dir, 'role.yaml');
    writeFileSync(
      file,
      `id: backend-jp
title: バックエンド開発者
description: Backend development for a Japanese fintech team.
family: technical
skills: [APIs, databases]
questions:
  - text: How would you design an idempotent payment API?
  - text: How do you choose an index for a slow query?
  - text: How do you roll out a schema change safely?
`,
    );
    const env = { INTERVIEW_COACH_HOME: dir };
    const started = await runCli(['start', '--role-file', file, '--offline', '--questions', '1', '--no-evaluate'], {
      input: 'I would use an idempotency key.\n',
      env,
    });
    expect(started.exitCode, started.stderr).toBe(0);
    const roles = await runCli(['roles'], { env });
    expect(roles.exitCode).toBe(0);
    const lines = roles.stdout.trimEnd().split('\n');
    expect(lines.some((l) => l.includes('バックエンド開発者'))).toBe(true);
    // Where " questions" starts, in columns, is the same on every line.
    const columns = new Set(lines.map((l) => stringWidth(l.slice(0, l.indexOf(' questions')))));
    expect([...columns]).toHaveLength(1);
  });
});
