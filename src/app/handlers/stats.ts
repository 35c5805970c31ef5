import { existsSync } from 'node:fs';
import { ExitCode, UsageError } from '../../shared/errors.js';
import { databasePath } from '../../shared/paths.js';
import { findRole, builtinRoles } from '../../core/roles/catalog.js';
import { buildStats, WEAKEST_ANSWERS, type StatsInput } from '../../core/stats.js';
import { openDatabase, type Db } from '../../db/open.js';
import { listStoredRoles } from '../../db/roles.js';
import { effectiveStatus } from '../../db/sessions.js';
import {
  countSessions,
  dimensionFacts,
  roleHasSessions,
  statsSessions,
  statsWeakestAnswers,
  type StatsWindow,
} from '../../db/stats-queries.js';
import { printLine } from '../output.js';
import { formatStats } from '../stats-report.js';

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
  if (!existsSync(file)) {
    // Nothing saved yet: answer without creating a database.
    const roleId = flags.role !== undefined ? findRole(flags.role).id : null;
    input = { sessions: [], dimensions: [], answers: [], filters: { role: roleId, since } };
  } else {
    const db = openDatabase(file);
    try {
      // One read transaction: both statements see the same snapshot even while another process writes.
      input = db.transaction((): StatsInput => {
        const roleId = flags.role !== undefined ? resolveRole(db, flags.role) : null;
        const window: StatsWindow = { roleId, since };
        const rows = statsSessions(db, window);
        savedSessions = rows.length > 0 ? rows.length : countSessions(db);
        return {
          sessions: rows.map((r) => ({
            id: r.id,
            roleId: r.role_id,
            roleTitle: r.role_title,
            status: effectiveStatus(r),
            startedAt: r.started_at,
            durationMs: r.practice_ms,
            score: r.score,
          })),
          dimensions: dimensionFacts(rows),
          answers: statsWeakestAnswers(db, window, WEAKEST_ANSWERS),
          filters: { role: roleId, since },
        };
      })();
    } finally {
      db.close();
    }
  }
  const report = buildStats(input);
  if (flags.json) {
    printLine(process.stdout, JSON.stringify(report, null, 2));
    return ExitCode.ok;
  }
  printLine(process.stdout, formatStats(report, { savedSessions }).join('\n'));
  return ExitCode.ok;
}

/** A built-in role (aliases like `sre` work), a saved custom role, or any role id that has sessions. */
function resolveRole(db: Db, name: string): string {
  try {
    return findRole(name, [...builtinRoles(), ...listStoredRoles(db).filter((r) => !r.builtin)]).id;
  } catch (err) {
    if (err instanceof UsageError && roleHasSessions(db, name.trim())) return name.trim();
    throw err;
  }
}
