import type { Db } from './open.js';
import type { SessionStatus } from '../model/session.js';
import { effectiveStatus } from './session-status.js';

export interface DataCounts {
  /** Sessions by the status a person reads (a killed session counts as interrupted, as in `history`). */
  sessions: Record<SessionStatus, number>;
  /** Saved turns, the interviewer's and yours. */
  turns: number;
  /** When the newest session started (ISO 8601 UTC), and its role. */
  last: { startedAt: string; roleId: string } | null;
}

/**
 * What the database holds, in one read transaction (one snapshot while an interview writes).
 * Uses only columns every schema version has, so it also reads a database not yet migrated.
 */
export function dataCounts(db: Db): DataCounts {
  return db.transaction((): DataCounts => {
    const sessions: Record<SessionStatus, number> = { completed: 0, interrupted: 0, in_progress: 0 };
    const stored = db
      .prepare(`SELECT status, count(*) AS n FROM sessions WHERE status != 'in_progress' GROUP BY status`)
      .all() as { status: SessionStatus; n: number }[];
    for (const { status, n } of stored) sessions[status] += n;
    // Few rows: only sessions still marked in progress need their process looked at. `*`
    // because a database from before the pid column (schema 3) is read without migrating.
    const open = db.prepare(`SELECT * FROM sessions WHERE status = 'in_progress'`).all() as {
      pid?: number | null;
      process_start?: string | null;
      hostname?: string | null;
    }[];
    for (const row of open) {
      const owner = { pid: row.pid ?? null, processStart: row.process_start ?? null, hostname: row.hostname ?? null };
      sessions[effectiveStatus({ status: 'in_progress', ...owner })] += 1;
    }
    const turns = (db.prepare('SELECT count(*) AS n FROM transcripts').get() as { n: number }).n;
    const newest = db.prepare('SELECT started_at, role_id FROM sessions ORDER BY started_at DESC LIMIT 1').get() as
      { started_at: string; role_id: string } | undefined;
    return { sessions, turns, last: newest ? { startedAt: newest.started_at, roleId: newest.role_id } : null };
  })();
}
