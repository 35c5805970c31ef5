import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fitTable, type TableColumn } from '../src/shared/table.js';
import { prepareWidths } from '../src/shared/text.js';
import { outputColumns } from '../src/app/output.js';

const COLUMNS: TableColumn[] = [
  { header: 'ID' },
  { header: 'NAME', minWidth: 6 },
  { header: 'NOTE', minWidth: 6, cutOrder: 1 },
  { header: 'COUNT', shortHeader: 'N', align: 'end', dropOrder: 1 },
];
const ROWS = [
  ['a1', 'a fairly long name', 'a note that goes on', '7'],
  ['b2', '日本語の名前です', 'short', '12'],
];

describe('fitTable', () => {
  it('as wide as the widest cell when it fits, numbers on the right', async () => {
    await prepareWidths(ROWS.flat());
    const t = fitTable(COLUMNS, ROWS, 200);
    expect(t.header.split(/\s+/)).toEqual(['ID', 'NAME', 'NOTE', 'COUNT']);
    expect(t.rows[0]).toBe('a1  a fairly long name  a note that goes on      7');
    // The last column is right-aligned: every line ends at the same column, the CJK one too.
    expect(new Set([t.header, ...t.rows].map((l) => stringWidth(l))).size).toBe(1);
  });

  it('narrower: short headers, then the lowest cutOrder is cut before the next, with an ellipsis', async () => {
    await prepareWidths(ROWS.flat());
    const t = fitTable(COLUMNS, ROWS, 40);
    for (const line of [t.header, ...t.rows]) expect(stringWidth(line)).toBeLessThanOrEqual(40);
    expect(t.header.split(/\s+/)).toEqual(['ID', 'NAME', 'NOTE', 'N']);
    // NAME (cutOrder 0) was cut; NOTE (cutOrder 1) only as far as still needed.
    expect(t.rows[0]?.split(/\s{2,}/)[1]).toMatch(/^a fairly.*…$/);
    expect(t.rows[0]).toContain('a note that goes on');
  });

  it('narrowest: every cut at its minimum, then a droppable column is left out', async () => {
    await prepareWidths(ROWS.flat());
    const t = fitTable(COLUMNS, ROWS, 20);
    expect(t.header.split(/\s+/)).toEqual(['ID', 'NAME', 'NOTE']);
    for (const line of [t.header, ...t.rows]) expect(stringWidth(line)).toBeLessThanOrEqual(20);
  });
});

describe('outputColumns', () => {
  it('COLUMNS first, then the terminal, then 80', () => {
    expect(outputColumns({ isTTY: true, columns: 132 }, { COLUMNS: '100' })).toBe(100);
    expect(outputColumns({ isTTY: true, columns: 132 }, {})).toBe(132);
    expect(outputColumns({ isTTY: false }, {})).toBe(80);
    expect(outputColumns({ isTTY: false }, { COLUMNS: 'wide' })).toBe(80);
    expect(outputColumns({ isTTY: false }, { COLUMNS: '0' })).toBe(80);
  });
});
