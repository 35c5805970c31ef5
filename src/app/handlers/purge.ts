import { openDatabase } from '../../db/open.js';
import { deleteSessions, sessionsToPurge, type PurgeCandidate } from '../../db/delete-sessions.js';
import { effectiveStatus } from '../../db/session-status.js';
import { ExitCode, UsageError } from '../../shared/errors.js';
import { databasePath, savedDatabaseExists } from '../../shared/paths.js';
import { confirm } from '../confirm.js';
import { info, printLine } from '../output.js';
import { removeAudio } from './delete.js';
import { localDate, plural, shortId } from '../../shared/format.js';

export interface PurgeFlags {
  /** Milliseconds (commander parsed `90d`). */
  olderThan?: number;
  /** Sessions with no answers. */
  empty?: boolean;
  yes?: boolean;
  dryRun?: boolean;
}

export async function purgeCommand(flags: PurgeFlags): Promise<ExitCode> {
  if (flags.olderThan === undefined && !flags.empty) {
    throw new UsageError(
      'Say what to purge: --older-than <age>, --empty, or both.',
      'Run `interview-coach purge --help` for usage.',
    );
  }
  const cutoff = flags.olderThan === undefined ? null : new Date(Date.now() - flags.olderThan);
  const what = describe(cutoff, Boolean(flags.empty));
  if (!savedDatabaseExists()) {
    info('No sessions yet: nothing to purge.');
    return ExitCode.ok;
  }
  const db = openDatabase(databasePath());
  try {
    // A session still running is being written to by its interview: never pulled from under it.
    const found = sessionsToPurge(db, { before: cutoff?.toISOString(), empty: flags.empty }).filter(
      (s) => effectiveStatus(s) !== 'in_progress',
    );
    if (found.length === 0) {
      info(`No ${what.noun}.`);
      return ExitCode.ok;
    }
    if (flags.dryRun) {
      for (const s of found) printLine(process.stdout, listLine(s));
      info(`${plural(found.length, 'session')} would be deleted (dry run).`);
      return ExitCode.ok;
    }
    if (!(await confirm(`Delete ${plural(found.length, what.one, what.many)}?`, flags.yes))) {
      info('Nothing deleted.');
      return ExitCode.ok;
    }
    const ids = found.map((s) => s.id);
    deleteSessions(db, ids);
    removeAudio(ids);
    info(`Deleted ${plural(ids.length, 'session')}.`);
    return ExitCode.ok;
  } finally {
    db.close();
  }
}

/** The sessions a purge means, in words: "session without answers started before 2026-09-01". */
function describe(cutoff: Date | null, empty: boolean) {
  const kind = empty ? 'session without answers' : 'session';
  const when = cutoff ? ` started before ${localDate(cutoff.toISOString())}` : '';
  const many = empty ? 'sessions without answers' : 'sessions';
  return { one: `${kind}${when}`, many: `${many}${when}`, noun: `${many}${when}` };
}

function listLine(s: PurgeCandidate): string {
  return `${shortId(s.id)}  ${localDate(s.startedAt)}  ${s.roleId}`;
}
