/**
 * The selftest report: what `--json` prints and what is stored (selftest_runs.result_json), and
 * its plain-text form. Pure.
 */
import type { FigureUnit, PreviousSelftestRun } from '../../model/selftest.js';
import type { InterviewerFigures } from './interviewer-figures.js';
import type { JudgeFigures } from './judge-figures.js';
import type { Check, Verdict } from './verdict.js';

export interface EndToEndFigures {
  /** strong > average > weak on the overall score; false when any of them got no score. */
  orderHeld: boolean;
  overall: { strong: number | null; average: number | null; weak: number | null };
}

export interface SelftestReport {
  model: string;
  judgeModel: string;
  modelDigest: string | null;
  judgeDigest: string | null;
  host: string;
  numCtx: number | null;
  runs: number;
  fixtures: number;
  judge: JudgeFigures;
  interviewer: InterviewerFigures;
  endToEnd: EndToEndFigures;
  maxPromptTokens: number | null;
  /** Every model call the run made (warm-ups included). */
  calls: number;
  durationMs: number;
  checks: Check[];
  verdict: string;
  verdictLevel: Verdict['level'];
  /** Differences from the last stored run of the same two models (empty on a first run). */
  changes: string[];
}

function formatValue(value: number | boolean | null, unit: FigureUnit): string {
  if (value === null) return 'not measured';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  switch (unit) {
    case 'share':
      return `${Math.round(value * 100)}%`;
    case 'points':
      return value.toFixed(2);
    case 'ms':
      return `${(value / 1000).toFixed(1)} s`;
    default:
      return String(Math.round(value));
  }
}

function formatThreshold(c: Check): string {
  if (c.kind === 'none') return '(info)';
  if (c.kind === 'true') return '(must hold)';
  const limit = c.unit === 'ms' ? `${c.limit / 1000} s` : c.unit === 'share' ? `${c.limit * 100}%` : c.limit.toFixed(2);
  return `(${c.kind === 'min' ? '≥' : '≤'} ${limit}${c.severity === 'critical' ? ', required' : ''})`;
}

function mark(c: Check): string {
  if (c.passed === null) return ' ';
  return c.passed ? '✓' : '✗';
}

/** One line per figure with its threshold, then what changed, then the verdict. */
export function formatReport(r: SelftestReport): string {
  const lines = [
    `Selftest of ${r.model} (interviewer) and ${r.judgeModel} (judge) at ${r.host}`,
    `num_ctx ${r.numCtx ?? 'server default'}, ${r.fixtures} fixtures × ${r.runs} run${r.runs === 1 ? '' : 's'}, ${r.calls} model calls in ${(r.durationMs / 1000).toFixed(1)} s`,
    '',
  ];
  const width = Math.max(...r.checks.map((c) => c.figure.length));
  for (const c of r.checks) {
    lines.push(
      `${mark(c)} ${c.figure.padEnd(width)}  ${formatValue(c.value, c.unit).padStart(12)}  ${formatThreshold(c)}`,
    );
  }
  lines.push('');
  if (r.changes.length) lines.push('Since the last run:', ...r.changes.map((c) => `  ${c}`), '');
  lines.push(`Verdict: ${r.verdict}`);
  return lines.join('\n');
}

/**
 * Values the way they read: figures equal to the shown precision are the same, and a duration is
 * the same within a second or a quarter of it (timings vary from run to run).
 */
function sameValue(before: number | boolean | null, now: number | boolean | null, unit: FigureUnit): boolean {
  if (unit === 'ms' && typeof before === 'number' && typeof now === 'number') {
    return Math.abs(now - before) < Math.max(1000, 0.25 * before);
  }
  return formatValue(before, unit) === formatValue(now, unit);
}

/** What differs from the last run of the same models: updated models, figures, the verdict. */
export function changesSince(previous: PreviousSelftestRun | null, now: SelftestReport): string[] {
  if (!previous) return [];
  const changes: string[] = [];
  const digest = (d: string | null) => (d ? d.slice(0, 12) : 'unknown');
  if (previous.modelDigest !== now.modelDigest) {
    changes.push(
      `${now.model}: the model was updated since (digest ${digest(previous.modelDigest)} → ${digest(now.modelDigest)}).`,
    );
  }
  if (now.judgeModel !== now.model && previous.judgeDigest !== now.judgeDigest) {
    changes.push(
      `${now.judgeModel}: the model was updated since (digest ${digest(previous.judgeDigest)} → ${digest(now.judgeDigest)}).`,
    );
  }
  const before = new Map(previous.checks.map((c) => [c.figure, c]));
  for (const c of now.checks) {
    const old = before.get(c.figure);
    if (!old || c.kind === 'none') continue;
    const same = sameValue(old.value, c.value, c.unit);
    if (!same) changes.push(`${c.figure}: ${formatValue(old.value, c.unit)} → ${formatValue(c.value, c.unit)}`);
  }
  if (previous.verdict !== now.verdict) changes.push(`verdict: ${previous.verdict} → ${now.verdict}`);
  if (changes.length === 0) changes.push(`No change since the run of ${previous.createdAt}.`);
  else changes.unshift(`Compared with the run of ${previous.createdAt}:`);
  return changes;
}
