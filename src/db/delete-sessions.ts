import type { Db } from './open.js';

/** Deletes sessions with their transcripts and evaluations (ON DELETE CASCADE) in one transaction. */
export function deleteSessions(db: Db, ids: string[]): number {
  const stmt = db.prepare('DELETE FROM sessions WHERE id = ?');
  return db.transaction(() => ids.reduce((n, id) => n + stmt.run(id).changes, 0))();
}

export function sessionsOlderThan(db: Db, cutoffIso: string): { id: string; started_at: string; role_id: string }[] {
  return db
    .prepare('SELECT id, started_at, role_id FROM sessions WHERE started_at < ? ORDER BY started_at')
    .all(cutoffIso) as { id: string; started_at: string; role_id: string }[];
}
