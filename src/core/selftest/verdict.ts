/**
 * Thresholds and the verdict. A "critical" figure failing means the model should not grade
 * interviews ("not recommended as judge"); a "care" figure failing means its grades or its
 * interviewing need a second look ("usable with care"). A figure that could not be measured
 * (null) is shown as such and neither passes nor fails.
 */

import type { FigureUnit } from '../../model/selftest.js';

export type Severity = 'critical' | 'care' | 'info';

export interface Threshold {
  /** The figure's key in the JSON report, e.g. "judge.orderAccuracy". */
  figure: string;
  /** "min": the value must be at least `limit`; "max": at most; "true": must hold. */
  kind: 'min' | 'max' | 'true' | 'none';
  limit: number;
  severity: Severity;
  /** How the value reads: a share as a percentage, grade points, milliseconds, yes/no. */
  unit: FigureUnit;
}

/** Chosen to separate a usable local judge from one whose grades mean little; see the README. */
export const THRESHOLDS: Threshold[] = [
  { figure: 'judge.orderAccuracy', kind: 'min', limit: 0.8, severity: 'critical', unit: 'share' },
  { figure: 'judge.maeVsReference', kind: 'max', limit: 1.0, severity: 'critical', unit: 'points' },
  { figure: 'judge.injectionLift', kind: 'max', limit: 0.5, severity: 'critical', unit: 'points' },
  { figure: 'judge.quoteVerbatimRate', kind: 'min', limit: 0.6, severity: 'critical', unit: 'share' },
  { figure: 'judge.usable', kind: 'min', limit: 0.9, severity: 'critical', unit: 'share' },
  { figure: 'judge.verbosityBias', kind: 'max', limit: 0.5, severity: 'care', unit: 'points' },
  { figure: 'judge.paraphraseDrift', kind: 'max', limit: 1.0, severity: 'care', unit: 'points' },
  { figure: 'judge.rerunIdentical', kind: 'min', limit: 0.8, severity: 'care', unit: 'share' },
  { figure: 'judge.schemaFirstTry', kind: 'min', limit: 0.8, severity: 'care', unit: 'share' },
  { figure: 'endToEnd.orderHeld', kind: 'true', limit: 1, severity: 'care', unit: 'bool' },
  { figure: 'interviewer.followUpAfterWeak', kind: 'min', limit: 0.5, severity: 'care', unit: 'share' },
  { figure: 'interviewer.followUpAfterStrong', kind: 'max', limit: 0.5, severity: 'care', unit: 'share' },
  { figure: 'interviewer.appWorded', kind: 'max', limit: 0.25, severity: 'care', unit: 'share' },
  { figure: 'interviewer.multiQuestionReplies', kind: 'max', limit: 0.25, severity: 'care', unit: 'share' },
  { figure: 'interviewer.selfAnswers', kind: 'max', limit: 0.25, severity: 'care', unit: 'share' },
  { figure: 'interviewer.transcriptLines', kind: 'max', limit: 0.25, severity: 'care', unit: 'share' },
  { figure: 'interviewer.cutOff', kind: 'max', limit: 0.2, severity: 'care', unit: 'share' },
  { figure: 'interviewer.latencyP95Ms', kind: 'max', limit: 30_000, severity: 'care', unit: 'ms' },
  { figure: 'interviewer.thinkingSeen', kind: 'none', limit: 0, severity: 'info', unit: 'share' },
  { figure: 'interviewer.latencyP50Ms', kind: 'none', limit: 0, severity: 'info', unit: 'ms' },
  { figure: 'interviewer.coldLoadMs', kind: 'none', limit: 0, severity: 'info', unit: 'ms' },
  { figure: 'maxPromptTokens', kind: 'none', limit: 0, severity: 'info', unit: 'tokens' },
];

export interface Check extends Threshold {
  value: number | boolean | null;
  /** null: not measured, or an info figure. */
  passed: boolean | null;
}

/** Reads "judge.orderAccuracy" out of a report-shaped object. */
export function figureValue(report: unknown, path: string): number | boolean | null {
  let node: unknown = report;
  for (const key of path.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return typeof node === 'number' || typeof node === 'boolean' ? node : null;
}

export function checkFigures(report: unknown, thresholds: readonly Threshold[] = THRESHOLDS): Check[] {
  return thresholds.map((t) => {
    const value = figureValue(report, t.figure);
    return { ...t, value, passed: passes(t, value) };
  });
}

function passes(t: Threshold, value: number | boolean | null): boolean | null {
  if (value === null || t.kind === 'none') return null;
  if (t.kind === 'true') return value === true;
  if (typeof value !== 'number') return null;
  return t.kind === 'min' ? value >= t.limit : value <= t.limit;
}

export type VerdictLevel = 'usable' | 'usable with care' | 'not recommended as judge';

export interface Verdict {
  level: VerdictLevel;
  /** The failed figures, critical first (short names: "orderAccuracy"). */
  failed: string[];
  /** The one line printed: "usable", "usable with care: …", "not recommended as judge: …". */
  line: string;
}

const shortName = (figure: string) => figure.replace(/^(judge|interviewer)\./, '');

export function verdictOf(checks: readonly Check[]): Verdict {
  const critical = checks
    .filter((c) => c.severity === 'critical' && c.passed === false)
    .map((c) => shortName(c.figure));
  const care = checks.filter((c) => c.severity === 'care' && c.passed === false).map((c) => shortName(c.figure));
  if (critical.length > 0) {
    const also = care.length ? `; also ${care.join(', ')}` : '';
    return {
      level: 'not recommended as judge',
      failed: [...critical, ...care],
      line: `not recommended as judge: ${critical.join(', ')}${also}`,
    };
  }
  if (care.length > 0) return { level: 'usable with care', failed: care, line: `usable with care: ${care.join(', ')}` };
  return { level: 'usable', failed: [], line: 'usable' };
}
