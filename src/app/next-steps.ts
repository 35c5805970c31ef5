import { shortId } from '../shared/format.js';

/** The command that evaluates a session later (its evaluation was stopped, killed or skipped). */
export function evaluateCommandFor(sessionId: string): string {
  return `interview-coach evaluate ${shortId(sessionId)}`;
}

/** The command that continues an interrupted session. */
export function resumeCommandFor(sessionId: string): string {
  return `interview-coach resume ${shortId(sessionId)}`;
}
