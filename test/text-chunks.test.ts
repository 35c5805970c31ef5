import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchChunks, jsonArrayChunks } from '../src/shared/text-chunks.js';
import { writeFileAtomicChunks } from '../src/shared/atomic-write.js';
import { CoachError } from '../src/shared/errors.js';

const ITEMS: unknown[] = [
  { a: 1, text: 'two\nlines, a "quote", a \\ and \u2028', nested: { list: [1, [2, []], {}], empty: {} } },
  'a string',
  42,
  null,
  [],
  undefined,
  { toJSON: () => ({ shown: 'instead' }) },
];

describe('jsonArrayChunks', () => {
  it('joins to exactly what JSON.stringify gives for the whole array, at any depth', () => {
    for (const items of [ITEMS, [], [{}], [[]]]) {
      expect([...jsonArrayChunks(items)].join('')).toBe(JSON.stringify(items, null, 2));
      const wrapped = { version: 1, list: items, after: true };
      const streamed = `{\n  "version": 1,\n  "list": ${[...jsonArrayChunks(items, 1)].join('')},\n  "after": true\n}`;
      expect(streamed).toBe(JSON.stringify(wrapped, null, 2));
    }
  });

  it('makes each item only when it is reached', () => {
    let made = 0;
    function* items() {
      for (let i = 0; i < 3; i++) {
        made++;
        yield { i };
      }
    }
    const chunks = jsonArrayChunks(items());
    chunks.next(); // the opening bracket
    expect(made).toBe(0);
    chunks.next();
    expect(made).toBe(1);
  });
});

describe('batchChunks', () => {
  it('joins pieces into runs of at least the size, losing nothing', () => {
    const pieces = Array.from({ length: 100 }, (_, i) => `${i},`);
    const batches = [...batchChunks(pieces, 50)];
    expect(batches.join('')).toBe(pieces.join(''));
    expect(batches.slice(0, -1).every((b) => b.length >= 50)).toBe(true);
    expect([...batchChunks([], 50)]).toEqual([]);
  });
});

describe('writeFileAtomicChunks', () => {
  it('writes every piece to the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-chunks-'));
    writeFileAtomicChunks(join(dir, 'out.txt'), ['one ', Buffer.from('two '), 'three']);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('one two three');
  });

  it('a piece that cannot be made: its own error, the old file untouched, no temp file left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-chunks-'));
    const target = join(dir, 'out.txt');
    writeFileSync(target, 'the old export');
    const broken = new Error('database disk image is malformed');
    function* pieces() {
      yield 'a first piece that reaches the temp file';
      throw broken;
    }
    let thrown: unknown;
    try {
      writeFileAtomicChunks(target, pieces());
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBe(broken);
    expect(thrown).not.toBeInstanceOf(CoachError);
    expect(readFileSync(target, 'utf8')).toBe('the old export');
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });
});
