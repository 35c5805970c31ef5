import { existsSync } from 'node:fs';
import chalk from 'chalk';
import { ExitCode, UsageError } from '../../shared/errors.js';
import { databasePath } from '../../shared/paths.js';
import { findRole, builtinRoles } from '../../core/roles/catalog.js';
import { stripControlSequences } from '../../shared/sanitize.js';
import { buildStats, sparkline, type StatsInput, type StatsReport, type Trend } from '../../core/stats.js';
import { openDatabase, type Db } from '../../db/open.js';
import { listStoredRoles, type StoredRole } from '../../db/roles.js';
import { countSessions, roleHasSessions, statsFacts } from '../../db/stats-queries.js';
import type { UnreadableScore } from '../../model/stats.js';
import { isUnreadable } from '../../model/unreadable.js';
import { printLine, warn } from '../output.js';

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
  if (!existsSync(file)) {
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
        return { ...facts, filters: { role: roleId, since } };
      })();
    } finally {
      db.close();
    }
  }
  const report = buildStats(input);
  if (unreadable.length) warnUnreadable(unreadable);
  if (flags.json) {
    printLine(process.stdout, JSON.stringify(report, null, 2));
    return ExitCode.ok;
  }
  printLine(process.stdout, formatStats(report, { savedSessions }).join('\n'));
  return ExitCode.ok;
}

/** Scores left out because their evaluation is damaged: said on stderr, so stdout stays the report. */
function warnUnreadable(list: UnreadableScore[]): void {
  const shown = list.slice(0, 3).map((u) => `${u.sessionId.slice(0, 8)} (${u.reason})`);
  const more = list.length > shown.length ? `, and ${list.length - shown.length} more` : '';
  warn(
    `${list.length} ${list.length === 1 ? 'session has' : 'sessions have'} no score here: the saved AI evaluation is unreadable: ${shown.join(', ')}${more}.`,
    `Evaluate again with: interview-coach evaluate ${list[0].sessionId.slice(0, 8)}`,
  );
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

interface Layout {
  /** Width to fit: the terminal's, or 80 when piped. */
  columns: number;
}

function layout(): Layout {
  return { columns: process.stdout.isTTY ? process.stdout.columns || 80 : 80 };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

/** Colour only on a terminal (chalk already honours NO_COLOR through FORCE_COLOR=0 set by the bin). */
function styles() {
  const on = Boolean(process.stdout.isTTY) && chalk.level > 0;
  const id = (s: string) => s;
  return {
    heading: on ? chalk.bold : id,
    dim: on ? chalk.dim : id,
    warn: on ? chalk.yellow : id,
    command: on ? chalk.cyan : id,
  };
}

export function formatStats(r: StatsReport, ctx: { savedSessions: number }, size: Layout = layout()): string[] {
  const st = styles();
  const lines: string[] = [];
  const out = (s = '') => lines.push(s);
  const startCommand = `interview-coach start --role ${r.filters.role ?? 'backend'}`;
  const scope = `${r.filters.role ?? 'all roles'}, ${r.filters.since ? `since ${localTime(r.filters.since)}` : 'all time'}`;

  if (r.totals.sessions === 0) {
    if (ctx.savedSessions === 0) {
      out(
        `No interviews yet. Start your first one with \`${startCommand}\`, then come back here to see your progress.`,
      );
    } else {
      const flags = [r.filters.role && '--role', r.filters.since && '--since'].filter(Boolean).join(' and ');
      out(
        `No sessions for ${scope} (${ctx.savedSessions} saved in all). Widen ${flags}, or practise with \`${startCommand}\`.`,
      );
    }
    return lines;
  }

  const t = r.totals;
  const statusParts = [`${t.completed} completed`];
  if (t.interrupted) statusParts.push(`${t.interrupted} interrupted`);
  if (t.inProgress) statusParts.push(`${t.inProgress} in progress`);
  out(st.heading(`Progress: ${scope}`));
  out(`  Sessions       ${t.sessions} (${statusParts.join(', ')})`);
  out(`  Practice time  ${t.practiceTime} (h:mm)`);
  out(`  Evaluated      ${t.evaluatedSessions} of ${t.sessions} sessions with an AI score`);
  out(`  Average score  ${t.averageScore === null ? 'none yet' : `${t.averageScore}/100`}`);

  out();
  if (!r.trend.overall) {
    out(st.heading('Score trend'));
    out('  No AI scores yet: heuristic feedback and failed evaluations have no score.');
    out(`  Score a session with \`interview-coach evaluate last\` (needs Ollama).`);
    return lines;
  }
  out(st.heading('Score trend (0-100, one bar per scored session, oldest → newest)'));
  const series: { label: string; trend: Trend }[] = [
    { label: 'overall', trend: r.trend.overall },
    // One line per role, unless a single role has scores (its line would repeat the overall one).
    ...(r.trend.byRole.length > 1 ? r.trend.byRole.map((t) => ({ label: t.roleId, trend: t })) : []),
  ];
  const labelWidth = Math.max(...series.map((s) => s.label.length));
  const sparkPoints = clamp(size.columns - labelWidth - 34, 10, 60);
  const charts = series.map(({ trend }) => {
    // One bar per session: on a narrow line only the newest fit (the numbers above still count them all).
    const shown = trend.points.slice(-sparkPoints).map((p) => p.score);
    const min = shown.reduce((a, b) => Math.min(a, b));
    const max = shown.reduce((a, b) => Math.max(a, b));
    const note = shown.length < trend.points.length ? `  (last ${shown.length} of ${trend.points.length})` : '';
    return { bars: sparkline(shown), legend: `min ${min}  max ${max}  last ${shown[shown.length - 1]}${note}` };
  });
  const barsWidth = Math.max(...charts.map((c) => [...c.bars].length));
  series.forEach((s, i) => {
    const { bars, legend } = charts[i];
    out(`  ${s.label.padEnd(labelWidth)}  ${bars.padEnd(barsWidth)}  ${st.dim(legend)}`);
  });

  if (r.dimensions.length) {
    out();
    out(st.heading('Rubric dimensions (average of 1-5 grades, lowest first)'));
    const nameWidth = Math.max(...r.dimensions.map((d) => d.name.length));
    for (const d of r.dimensions) {
      out(
        `  ${d.name.padEnd(nameWidth)}  ${d.average.toFixed(1)}/5  (${d.count} ${d.count === 1 ? 'session' : 'sessions'})`,
      );
    }
    const w = r.weakestDimension;
    if (w) out(st.warn(`  Weakest: ${w.name} (${w.average.toFixed(1)}/5)`));
  }

  if (r.weakestAnswers.length) {
    out();
    out(st.heading('Answers to retry (lowest score first)'));
    for (const a of r.weakestAnswers) {
      // The question gets the width; the command names the session and question.
      const prefix = `  ${a.score}/5  `;
      out(`${prefix}${truncate(oneLine(a.question), Math.max(20, size.columns - prefix.length))}`);
      out(
        `${' '.repeat(prefix.length)}${st.command(a.retryCommand)}  ${st.dim(`(${a.roleId}, ${localTime(a.startedAt).slice(0, 10)})`)}`,
      );
    }
  }
  return lines;
}

/** Question text can come from a model or a role file: no control sequences, one line. */
function oneLine(text: string): string {
  return stripControlSequences(text).replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** Local time: `2026-11-01` at midnight, else `2026-11-01 09:30`. */
function localTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  return d.getHours() || d.getMinutes() ? `${date} ${p(d.getHours())}:${p(d.getMinutes())}` : date;
}
