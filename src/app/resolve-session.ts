import type { Db } from '../db/open.js';
import { findSessionsByPrefix, latestAnsweredSession, unansweredSessionsAfter } from '../db/sessions.js';
import type { Session } from '../model/session.js';
import { CoachError, UsageError } from '../shared/errors.js';
import type { RoleTemplate } from '../model/role.js';
import { localDateTime, plural, shortId } from '../shared/format.js';
import { info } from './output.js';
import { isUnreadable } from '../model/unreadable.js';

/** `last`, or any unique prefix of a session id (like git). Unknown or ambiguous: exit 2 with the candidates. */
export function resolveSession(db: Db, ref: string): Session {
  if (ref === 'last') return lastAnswered(db);
  if (!/^[0-9a-f-]+$/i.test(ref))
    throw new UsageError(`"${ref}" is not a session id.`, 'Use the id shown when the session was saved, or `last`.');
  const matches = findSessionsByPrefix(db, ref);
  const [only] = matches;
  if (!only) throw new UsageError(`No session id starts with "${ref}".`);
  if (matches.length > 1) {
    const list = matches
      .slice(0, 5)
      .map((s) => `${shortId(s.id)} (${s.roleId}, ${localDateTime(s.startedAt)})`)
      .join(', ');
    throw new UsageError(
      `"${ref}" matches ${matches.length >= 10 ? 'many' : matches.length} sessions: ${list}.`,
      'Type more of the id.',
    );
  }
  return only;
}

/**
 * `last`: the newest session with at least one answer. Newer ones without any (left before the
 * first answer) are kept, and passed over here with a note on stderr naming them, so their ids
 * are at hand (`resume <id>` continues one).
 */
function lastAnswered(db: Db): Session {
  const last = latestAnsweredSession(db);
  const passed = unansweredSessionsAfter(db, last?.startedAt ?? '');
  if (!last) {
    if (passed.length === 0)
      throw new UsageError(
        'There are no saved sessions yet.',
        'Start one with `interview-coach start --role backend`.',
      );
    throw new UsageError(
      `No session has an answer yet (${plural(passed.length, 'session')} without answers: ${shortIds(passed)}).`,
      'Give a session id instead of `last`, or start one with `interview-coach start --role backend`.',
    );
  }
  if (passed.length > 0) {
    info(
      `last: ${shortId(last.id)} (${localDateTime(last.startedAt)}), the latest session with answers; passed over ${plural(passed.length, 'newer session')} without answers: ${shortIds(passed)}.`,
    );
  }
  return last;
}

function shortIds(ids: string[]): string {
  const shown = ids.slice(0, 3).map(shortId).join(', ');
  return ids.length > 3 ? `${shown} and ${ids.length - 3} more` : shown;
}

/**
 * The role a saved session was run with: saved custom roles first, then the built-ins. A built-in
 * comes from the code, so a damaged saved copy of one does not matter; a damaged custom role stops
 * here with the reason.
 */
export async function sessionRole(db: Db, session: Session): Promise<RoleTemplate> {
  const { getStoredRole } = await import('../db/roles.js');
  const { builtinRoles } = await import('../core/roles/catalog.js');
  const stored = getStoredRole(db, session.roleId);
  if (stored && !isUnreadable(stored)) return stored;
  const builtin = builtinRoles().find((r) => r.id === session.roleId);
  if (builtin) return builtin;
  const again = `Save it again by starting a session with --role-file ${stored?.source ?? '<its file>'}.`;
  if (stored) {
    throw new CoachError(`The saved role "${session.roleId}" of this session is damaged (${stored.unreadable}).`, {
      hint: again,
    });
  }
  throw new CoachError(`The role "${session.roleId}" of this session is no longer known.`, {
    hint: 'Run it once more with --role-file so it is saved again.',
  });
}
