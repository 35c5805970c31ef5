import { DesignRound } from '../model/design-round.js';
import type { Unreadable } from '../model/unreadable.js';
import { cleanJson } from './clean-columns.js';
import { readJsonColumn } from './json-column.js';
import type { Db } from './open.js';

/**
 * sessions.round_json: the deep system-design round of a session (its problem and phase
 * budgets), written once when the session is created; NULL for an interview of questions.
 */
export function setSessionRound(db: Db, sessionId: string, round: DesignRound): void {
  db.prepare<[string, string]>('UPDATE sessions SET round_json = ? WHERE id = ?').run(cleanJson(round), sessionId);
}

/** The session's round; null for an interview of questions (or an unknown session); Unreadable when damaged. */
export function sessionRound(db: Db, sessionId: string): DesignRound | Unreadable | null {
  const row = db
    .prepare<[string], { round_json: string | null }>('SELECT round_json FROM sessions WHERE id = ?')
    .get(sessionId);
  if (!row?.round_json) return null;
  return readJsonColumn(DesignRound, 'round_json', row.round_json);
}

/** The problems of the latest deep rounds of a role, newest first (a new round picks another). */
export function recentProblems(db: Db, roleId: string, limit = 3): string[] {
  return db
    .prepare<[string, number], { id: string | null }>(
      `SELECT json_extract(round_json, '$.problem.id') AS id FROM sessions
        WHERE role_id = ? AND round_json IS NOT NULL AND json_valid(round_json) ORDER BY started_at DESC LIMIT ?`,
    )
    .all(roleId, limit)
    .flatMap((r) => (typeof r.id === 'string' ? [r.id] : []));
}
