import { openDatabase } from '../../db/open.js';
import { deleteSessions, sessionsOlderThan } from '../../db/delete-sessions.js';
import { ExitCode } from '../../shared/errors.js';
import { databasePath, savedDatabaseExists } from '../../shared/paths.js';
import { confirm } from '../confirm.js';
import { info, printLine } from '../output.js';
import { removeAudio } from './delete.js';
import { localDate, plural, shortId } from '../../shared/format.js';

export interface PurgeFlags {
  /** Milliseconds (commander parsed `90d`). */
  olderThan: number;
  yes?: boolean;
  dryRun?: boolean;
}

export async function purgeCommand(flags: PurgeFlags): Promise<ExitCode> {
  const cutoff = new Date(Date.now() - flags.olderThan);
  if (!savedDatabaseExists()) {
    info('No sessions yet: nothing to purge.');
    return ExitCode.ok;
  }
  const db = openDatabase(databasePath());
  try {
    const old = sessionsOlderThan(db, cutoff.toISOString());
    if (old.length === 0) {
      info(`No session started before ${localDate(cutoff.toISOString())}.`);
      return ExitCode.ok;
    }
    if (flags.dryRun) {
      for (const s of old) printLine(process.stdout, `${shortId(s.id)}  ${localDate(s.startedAt)}  ${s.roleId}`);
      info(`${plural(old.length, 'session')} would be deleted (dry run).`);
      return ExitCode.ok;
    }
    if (
      !(await confirm(
        `Delete ${plural(old.length, 'session')} started before ${localDate(cutoff.toISOString())}?`,
        flags.yes,
      ))
    ) {
      info('Nothing deleted.');
      return ExitCode.ok;
    }
    const ids = old.map((s) => s.id);
    deleteSessions(db, ids);
    removeAudio(ids);
    info(`Deleted ${plural(ids.length, 'session')}.`);
    return ExitCode.ok;
  } finally {
    db.close();
  }
}
