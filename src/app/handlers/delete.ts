import { ExitCode } from '../../shared/errors.js';
import { openDatabase } from '../../db/open.js';
import { deleteSessions } from '../../db/delete-sessions.js';
import { databasePath } from '../../shared/paths.js';
import { removeSessionAudio } from '../../shared/audio-files.js';
import { confirm } from '../confirm.js';
import { resolveSession } from '../resolve-session.js';
import { info, warn } from '../output.js';
import { localDate, shortId } from '../../shared/format.js';

export async function deleteCommand(ref: string, flags: { yes?: boolean }): Promise<ExitCode> {
  const db = openDatabase(databasePath());
  try {
    const s = resolveSession(db, ref);
    const short = shortId(s.id);
    if (!(await confirm(`Delete session ${short} (${s.roleId}, ${localDate(s.startedAt)})?`, flags.yes))) {
      info('Nothing deleted.');
      return ExitCode.ok;
    }
    deleteSessions(db, [s.id]);
    removeAudio([s.id]);
    info(`Deleted session ${short}.`);
    return ExitCode.ok;
  } finally {
    db.close();
  }
}

/** The rows are gone already; a folder we cannot remove is reported, not fatal. */
export function removeAudio(ids: string[]): void {
  for (const id of ids) {
    try {
      removeSessionAudio(id);
    } catch (err) {
      warn(`Could not remove the audio of session ${shortId(id)}: ${(err as Error).message}`);
    }
  }
}
