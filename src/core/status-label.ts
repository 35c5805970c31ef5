import type { SessionStatus } from '../model/session.js';

/**
 * A session's status as a person reads it. A completed session with answers and no evaluation
 * says so ("completed, not evaluated"): its evaluation was stopped, killed or skipped
 * (--no-evaluate), and `interview-coach evaluate` can still run it. `status` is the effective
 * one (effectiveStatus).
 */
export function statusLabel(s: { status: SessionStatus; answers: number; evaluated: boolean }): string {
  const base = s.status.replace('_', ' ');
  return notEvaluated(s) ? `${base}, not evaluated` : base;
}

/** A completed session with answers that has no evaluation yet. */
export function notEvaluated(s: { status: SessionStatus; answers: number; evaluated: boolean }): boolean {
  return s.status === 'completed' && s.answers > 0 && !s.evaluated;
}
