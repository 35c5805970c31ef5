import { ExitCode, UsageError } from '../../shared/errors.js';
import { databasePath, savedDatabaseExists } from '../../shared/paths.js';
import { findRole, builtinRoles } from '../../core/roles/catalog.js';
import { buildStats, type StatsInput } from '../../core/stats.js';
import { openDatabase, type Db } from '../../db/open.js';
import { listStoredRoles, type StoredRole } from '../../db/roles.js';
import { countSessions, roleHasSessions, statsFacts } from '../../db/stats-queries.js';
import type { FailedAfterScore, UnreadableScore } from '../../model/stats.js';
import { laterFailureNote } from '../../core/evaluation/failure-message.js';
import { isUnreadable } from '../../model/unreadable.js';
import { info, printLine, warn } from '../output.js';
import { formatStats } from '../stats-report.js';
import { prepareWidths } from '../../shared/text.js';
import { plural, shortId } from '../../shared/format.js';

export interface StatsFlags {
  role?: string;
  since?: Date;
  json?: boolean;
}

export async function statsCommand(flags: StatsFlags): Promise<ExitCode> {
  const since = flags.since ?? null;
  const file = databasePath();
  let input: StatsInput;
  let savedSessions = 0;
  let unreadable: UnreadableScore[] = [];
  let failedAfterScore: FailedAfterScore[] = [];
  if (!savedDatabaseExists()) {
    // Nothing saved yet: answer without creating a database.
    const roleId = flags.role !== undefined ? findRole(flags.role).id : null;
    input = { sessions: [], dimensions: [], answers: [], filters: { role: roleId, since } };
  } else {
    const db = openDatabase(file);
    try {
      // One read transaction: every statement sees the same snapshot even while another process writes.
      input = db.transaction((): StatsInput => {
        const roleId = flags.role !== undefined ? resolveRole(db, flags.role) : null;
        const facts = statsFacts(db, { roleId, since });
        savedSessions = facts.sessions.length > 0 ? facts.sessions.length : countSessions(db);
        unreadable = facts.unreadable;
        failedAfterScore = facts.failedAfterScore;
        return { ...facts, filters: { role: roleId, since } };
      })();
    } finally {
      db.close();
    }
  }
  const report = buildStats(input);
  if (unreadable.length) warnUnreadable(unreadable);
  noteFailedAfterScore(failedAfterScore);
  if (flags.json) {
    printLine(process.stdout, JSON.stringify(report, null, 2));
    return ExitCode.ok;
  }
  await prepareWidths([
    ...report.weakestAnswers.map((a) => a.question),
    ...report.dimensions.map((d) => d.name),
    ...report.trend.byRole.map((t) => t.roleId),
  ]);
  printLine(process.stdout, formatStats(report, { savedSessions }).join('\n'));
  return ExitCode.ok;
}

/** Scores left out because their evaluation is damaged: said on stderr, so stdout stays the report. */
function warnUnreadable(list: UnreadableScore[]): void {
  const shown = list.slice(0, 3).map((u) => `${shortId(u.sessionId)} (${u.reason})`);
  const more = list.length > shown.length ? `, and ${list.length - shown.length} more` : '';
  warn(
    `${plural(list.length, 'session')} ${list.length === 1 ? 'has' : 'have'} no score here: the saved AI evaluation is unreadable: ${shown.join(', ')}${more}.`,
    `Evaluate again with: interview-coach evaluate ${shortId(list[0]?.sessionId ?? '')}`,
  );
}

/** Scores counted from an earlier evaluation because the latest attempt failed: said on stderr, as history and replay say it. */
function noteFailedAfterScore(list: FailedAfterScore[]): void {
  for (const f of list.slice(0, 3))
    info(`Session ${shortId(f.sessionId)}: ${laterFailureNote(f.failure, f.scoredAt, true)}`);
  if (list.length > 3)
    info(`… and ${list.length - 3} more (\`interview-coach evaluate <id> --list\` shows every attempt).`);
}

/** A built-in role (aliases like `sre` work), a saved custom role, or any role id that has sessions. */
function resolveRole(db: Db, name: string): string {
  try {
    // A damaged custom role still matches by id below, through its sessions.
    const custom = listStoredRoles(db).filter((r): r is StoredRole => !isUnreadable(r) && !r.builtin);
    return findRole(name, [...builtinRoles(), ...custom]).id;
  } catch (err) {
    if (err instanceof UsageError && roleHasSessions(db, name.trim())) return name.trim();
    throw err;
  }
}
