/**
 * A plain-text table fitted to a width in terminal columns (string-width, through text.ts): each
 * column as wide as its widest cell; when that is too wide, shorter headers, then the columns
 * that may be cut are narrowed (the cut cells end in '…'), then whole columns are left out.
 * Call prepareWidths() with the cells first when they may hold wide (CJK, emoji) text.
 */
import { displayWidth, pad, truncate } from './text.js';

export interface TableColumn {
  header: string;
  /** Used for every column once the table does not fit with the full headers. */
  shortHeader?: string;
  /** 'end' right-aligns (numbers); the default is left. */
  align?: 'start' | 'end';
  /** The narrowest the column may be cut to; without it the column is never cut. */
  minWidth?: number;
  /** Columns are cut the lowest first (each to its minWidth before the next); equal ones share the cut. */
  cutOrder?: number;
  /** Left out when cutting is not enough, the lowest number first; without it, always shown. */
  dropOrder?: number;
}

export interface FittedTable {
  header: string;
  rows: string[];
}

const GAP = '  ';

export function fitTable(columns: TableColumn[], rows: string[][], width: number): FittedTable {
  let shown = columns.map((_, i) => i);
  for (;;) {
    const plan = layout(columns, rows, shown, width);
    const droppable = shown.filter((i) => columns[i]?.dropOrder !== undefined);
    if (plan.total <= width || droppable.length === 0) return render(columns, rows, plan);
    const drop = droppable.reduce((a, b) => ((columns[b]?.dropOrder ?? 0) < (columns[a]?.dropOrder ?? 0) ? b : a));
    shown = shown.filter((i) => i !== drop);
  }
}

interface Plan {
  shown: number[];
  headers: string[];
  widths: number[];
  total: number;
}

function layout(columns: TableColumn[], rows: string[][], shown: number[], width: number): Plan {
  const measure = (headers: string[]): Plan => {
    const widths = shown.map((i, k) =>
      Math.max(displayWidth(headers[k] ?? ''), ...rows.map((r) => displayWidth(r[i] ?? ''))),
    );
    return { shown, headers, widths, total: sum(widths) + GAP.length * (shown.length - 1) };
  };
  const full = measure(shown.map((i) => columns[i]?.header ?? ''));
  if (full.total <= width) return full;
  const plan = measure(shown.map((i) => columns[i]?.shortHeader ?? columns[i]?.header ?? ''));
  // Narrow the cuttable columns one column at a time: the lowest cutOrder that can still give,
  // and of those the one with the most to spare.
  const order = shown.map((i) => columns[i]?.cutOrder ?? 0);
  const floor = shown.map((i, k) => {
    const min = columns[i]?.minWidth;
    return min === undefined ? Infinity : Math.max(min, displayWidth(plan.headers[k] ?? ''));
  });
  while (plan.total > width) {
    const spare = (k: number) => (plan.widths[k] ?? 0) - (floor[k] ?? Infinity);
    let widest = -1;
    plan.widths.forEach((_, k) => {
      if (spare(k) <= 0) return;
      const before = widest < 0 || (order[k] ?? 0) < (order[widest] ?? 0);
      const tie = widest >= 0 && order[k] === order[widest] && spare(k) > spare(widest);
      if (before || tie) widest = k;
    });
    if (widest < 0) break;
    plan.widths[widest] = (plan.widths[widest] ?? 0) - 1;
    plan.total -= 1;
  }
  return plan;
}

function render(columns: TableColumn[], rows: string[][], plan: Plan): FittedTable {
  const line = (cells: string[]) =>
    plan.shown
      .map((i, k) => {
        const w = plan.widths[k] ?? 0;
        return pad(truncate(cells[k] ?? '', w), w, columns[i]?.align === 'end' ? 'start' : 'end');
      })
      .join(GAP)
      .trimEnd();
  return {
    header: line(plan.headers),
    rows: rows.map((r) => line(plan.shown.map((i) => r[i] ?? ''))),
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
