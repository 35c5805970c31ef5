import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, roomOf, ruleViolations } from './support/import-rules.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const tree = new Map(sourceFiles(join(ROOT, 'src')).map((path) => [relative(ROOT, path), readFileSync(path, 'utf8')]));

describe('house plan (DESIGN.md: arrows point down, no cycles)', () => {
  it('reads the whole tree, every room of the plan', () => {
    const rooms = new Set([...tree.keys()].map(roomOf));
    expect([...rooms].sort()).toEqual(['app', 'cli', 'commands', 'core', 'db', 'model', 'shared', 'tui', 'voice']);
  });

  it('every import follows the allow-matrix, type-only imports included', () => {
    expect(ruleViolations(tree)).toEqual([]);
  });

  it('no two files import each other, directly or around a loop', () => {
    expect(importCycles(tree)).toEqual([]);
  });

  it('core never calls process.exit', () => {
    const offenders = [...tree].filter(([file, text]) => roomOf(file) === 'core' && /process\.exit\(/.test(text));
    expect(offenders.map(([file]) => file)).toEqual([]);
  });

  describe('the rules catch what they are meant to', () => {
    const withFile = (file: string, text: string) => new Map([...tree, [file, text]]);

    it('a planted back-arrow (db -> core, type-only) fails', () => {
      const planted = withFile(
        'src/db/planted.ts',
        "import type { Interview } from '../core/interview/interview.js';\n",
      );
      expect(ruleViolations(planted)).toEqual([
        'src/db/planted.ts -> src/core/interview/interview.ts (db may import model, shared)',
      ]);
    });

    it('a planted dynamic import from the TUI into app fails', () => {
      const planted = withFile('src/tui/planted.ts', "export const load = () => import('../app/output.js');\n");
      expect(ruleViolations(planted)).toHaveLength(1);
    });

    it('ink in core fails, zod in model passes, better-sqlite3 in model fails', () => {
      const planted = new Map([
        ['src/core/planted.ts', "import { Box } from 'ink';\n"],
        ['src/model/ok.ts', "import { z } from 'zod';\n"],
        ['src/model/planted.ts', "import Database from 'better-sqlite3';\n"],
      ]);
      expect(ruleViolations(planted)).toEqual([
        'src/core/planted.ts -> package ink (not allowed in core)',
        'src/model/planted.ts -> package better-sqlite3 (not allowed in model)',
      ]);
    });

    it('a planted cycle inside one room fails, type-only imports included', () => {
      const planted = new Map([
        ['src/core/a.ts', "import { b } from './b.js';\nexport const a = b;\n"],
        ['src/core/b.ts', "import type { A } from './c.js';\nexport const b: A = 1;\n"],
        ['src/core/c.ts', "import type { a } from './a.js';\nexport type A = typeof a;\n"],
      ]);
      expect(importCycles(planted)).toEqual([['src/core/a.ts', 'src/core/b.ts', 'src/core/c.ts']]);
    });
  });
});
