import type { Session, SessionStatus } from '../model/session.js';
import { HAS_ANSWER } from './sessions.js';
import type { Db } from './open.js';

/** Deletes sessions with their transcripts and evaluations (ON DELETE CASCADE) in one transaction. */
export function deleteSessions(db: Db, ids: string[]): number {
  const stmt = db.prepare<[string]>('DELETE FROM sessions WHERE id = ?');
  return db.transaction(() => ids.reduce((n, id) => n + stmt.run(id).changes, 0))();
}

/** What `purge` removes: sessions started before `before`, or without answers, or both (all given must hold). */
export interface PurgeFilter {
  /** ISO timestamp. */
  before?: string;
  /** Only sessions with no answer (left before the first one). */
  empty?: boolean;
}

export type PurgeCandidate = Pick<
  Session,
  'id' | 'startedAt' | 'roleId' | 'status' | 'pid' | 'processStart' | 'hostname'
>;

/** The sessions a filter matches, oldest first (the caller leaves out the ones still running). */
export function sessionsToPurge(db: Db, f: PurgeFilter): PurgeCandidate[] {
  return db
    .prepare<
      { before: string | null; empty: number },
      {
        id: string;
        started_at: string;
        role_id: string;
        status: SessionStatus;
        pid: number | null;
        process_start: string | null;
        hostname: string | null;
      }
    >(
      `SELECT id, started_at, role_id, status, pid, process_start, hostname FROM sessions s
        WHERE (@before IS NULL OR started_at < @before) AND (@empty = 0 OR NOT ${HAS_ANSWER})
        ORDER BY started_at`,
    )
    .all({ before: f.before ?? null, empty: f.empty ? 1 : 0 })
    .map((r) => ({
      id: r.id,
      startedAt: r.started_at,
      roleId: r.role_id,
      status: r.status,
      pid: r.pid,
      processStart: r.process_start,
      hostname: r.hostname,
    }));
}
