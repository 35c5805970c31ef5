import type { SessionStatus } from '../model/session.js';
import { ownerLiveness } from '../shared/process.js';

/** The columns that say who runs a session (null for rows saved before they were kept). */
export interface SessionOwnerColumns {
  status: SessionStatus;
  pid: number | null;
  processStart: string | null;
  hostname: string | null;
}

/**
 * What a person should read as the status: a session still marked in progress whose process
 * is gone (killed, crashed, machine rebooted, its pid now another program's) was interrupted.
 * One that ran on another machine may still be running there, so it stays in progress.
 * Kept apart from sessions.ts so listing sessions does not load the schemas that reading a
 * whole session needs.
 */
export function effectiveStatus(s: SessionOwnerColumns): SessionStatus {
  if (s.status !== 'in_progress') return s.status;
  return ownerLiveness({ pid: s.pid, start: s.processStart, host: s.hostname }) === 'gone'
    ? 'interrupted'
    : 'in_progress';
}
