import { existsSync } from 'node:fs';
import { openDatabase } from '../../db/open.js';
import { deleteSessions, sessionsOlderThan } from '../../db/delete-sessions.js';
import { databasePath } from '../../shared/paths.js';
import { removeSessionAudio } from '../../shared/audio-files.js';
import { parseAge } from '../../core/time-filters.js';
import { confirm } from '../confirm.js';
import { resolveSession } from '../resolve-session.js';
import { info, printLine, warn } from '../output.js';

export async function deleteCommand(ref: string, flags: { yes?: boolean }): Promise<void> {
  const db = openDatabase(databasePath());
  try {
    const s = resolveSession(db, ref);
    const short = s.id.slice(0, 8);
    if (!(await confirm(`Delete session ${short} (${s.role_id}, ${s.started_at.slice(0, 10)})?`, flags.yes))) {
      info('Nothing deleted.');
      return;
    }
    deleteSessions(db, [s.id]);
    removeAudio([s.id]);
    info(`Deleted session ${short}.`);
  } finally {
    db.close();
  }
}

export async function purgeCommand(flags: { olderThan: string; yes?: boolean; dryRun?: boolean }): Promise<void> {
  const cutoff = new Date(Date.now() - parseAge(flags.olderThan));
  if (!existsSync(databasePath())) {
    info('No sessions yet: nothing to purge.');
    return;
  }
  const db = openDatabase(databasePath());
  try {
    const old = sessionsOlderThan(db, cutoff.toISOString());
    if (old.length === 0) {
      info(`No session started before ${cutoff.toISOString().slice(0, 10)}.`);
      return;
    }
    if (flags.dryRun) {
      for (const s of old) printLine(process.stdout, `${s.id.slice(0, 8)}  ${s.started_at.slice(0, 10)}  ${s.role_id}`);
      info(`${old.length} session${old.length === 1 ? '' : 's'} would be deleted (dry run).`);
      return;
    }
    if (
      !(await confirm(
        `Delete ${old.length} session${old.length === 1 ? '' : 's'} started before ${cutoff.toISOString().slice(0, 10)}?`,
        flags.yes,
      ))
    ) {
      info('Nothing deleted.');
      return;
    }
    const ids = old.map((s) => s.id);
    deleteSessions(db, ids);
    removeAudio(ids);
    info(`Deleted ${ids.length} session${ids.length === 1 ? '' : 's'}.`);
  } finally {
    db.close();
  }
}

/** The rows are gone already; a folder we cannot remove is reported, not fatal. */
function removeAudio(ids: string[]): void {
  for (const id of ids) {
    try {
      removeSessionAudio(id);
    } catch (err) {
      warn(`Could not remove the audio of session ${id.slice(0, 8)}: ${(err as Error).message}`);
    }
  }
}
