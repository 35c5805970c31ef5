import type { Session } from '../model/session.js';
import type { Db } from './open.js';

/** Deletes sessions with their transcripts and evaluations (ON DELETE CASCADE) in one transaction. */
export function deleteSessions(db: Db, ids: string[]): number {
  const stmt = db.prepare<[string]>('DELETE FROM sessions WHERE id = ?');
  return db.transaction(() => ids.reduce((n, id) => n + stmt.run(id).changes, 0))();
}

/** Sessions started before the cutoff, oldest first: what `purge` lists and deletes. */
export function sessionsOlderThan(db: Db, cutoffIso: string): Pick<Session, 'id' | 'startedAt' | 'roleId'>[] {
  return db
    .prepare<[string], { id: string; started_at: string; role_id: string }>(
      'SELECT id, started_at, role_id FROM sessions WHERE started_at < ? ORDER BY started_at',
    )
    .all(cutoffIso)
    .map((r) => ({ id: r.id, startedAt: r.started_at, roleId: r.role_id }));
}
