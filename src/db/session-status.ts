import type { SessionStatus } from '../model/session.js';
import { processAlive } from '../shared/process.js';

/**
 * What a person should read as the status: a session still marked in progress whose process
 * is gone (killed, crashed, machine rebooted) was interrupted. Kept apart from sessions.ts so
 * listing sessions does not load the schemas that reading a whole session needs.
 */
export function effectiveStatus(s: { status: SessionStatus; pid: number | null }): SessionStatus {
  if (s.status !== 'in_progress') return s.status;
  return processAlive(s.pid) ? 'in_progress' : 'interrupted';
}
