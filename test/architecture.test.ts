import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const FORBIDDEN = /from ['"](ink|react|ink-[a-z-]+|@inkjs\/ui|chalk)['"]|from ['"](\.\.\/)+(tui|commands)\//;

describe('house plan', () => {
  it('core, db and voice never import the TUI, the commands, ink, react or chalk', () => {
    const offenders = ['core', 'db', 'voice']
      .flatMap((room) => {
        try {
          return files(join(SRC, room));
        } catch {
          return [];
        }
      })
      .filter((file) => FORBIDDEN.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('core never calls process.exit', () => {
    const offenders = files(join(SRC, 'core')).filter((file) => /process\.exit\(/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the rule is able to catch an offender', () => {
    expect(FORBIDDEN.test("import { Box } from 'ink';")).toBe(true);
    expect(FORBIDDEN.test("import { App } from '../../tui/App.js';")).toBe(true);
    expect(FORBIDDEN.test("import { x } from '../commands/output.js';")).toBe(true);
  });
});
