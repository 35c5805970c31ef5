/**
 * The text view of `interview-coach stats`: a pure function of the report (the handler reads
 * the data), fitted to the terminal's width; colour only on a terminal.
 */
import chalk from 'chalk';
import type { StatsReport, Trend } from '../core/stats.js';
import { sparkline } from '../core/stats.js';
import { NOT_VERIFIED } from '../core/evaluation/grade-text.js';
import { localDate, localDateOrDateTime, plural } from '../shared/format.js';
import { cleanLine } from '../shared/sanitize.js';
import { pad, displayWidth, truncate, wrap } from '../shared/text.js';
import { outputColumns } from './output.js';

interface Layout {
  /** Width to fit: the terminal's, or 80 when piped. */
  columns: number;
}

function layout(): Layout {
  return { columns: outputColumns() };
}

/** Role ids name the trend lines; a long custom one is cut so the bars keep their room. */
const LABEL_MAX = 20;

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
  // Sentences fold at the width; they carry no colour, so they can be measured as they are.
  const say = (s: string) => wrap(s, size.columns).forEach((line) => out(line));
  const startCommand = `interview-coach start --role ${r.filters.role ?? 'backend'}`;
  const scope = `${r.filters.role ?? 'all roles'}, ${r.filters.since ? `since ${localDateOrDateTime(r.filters.since)}` : 'all time'}`;

  if (r.totals.sessions === 0) {
    if (ctx.savedSessions === 0) {
      say(
        `No interviews yet. Start your first one with \`${startCommand}\`, then come back here to see your progress.`,
      );
    } else {
      const flags = [r.filters.role && '--role', r.filters.since && '--since'].filter(Boolean).join(' and ');
      say(
        `No sessions for ${scope} (${ctx.savedSessions} saved in all). Widen ${flags}, or practise with \`${startCommand}\`.`,
      );
    }
    return lines;
  }

  const t = r.totals;
  const statusParts = [`${t.completed} completed`];
  if (t.interrupted) statusParts.push(`${t.interrupted} interrupted`);
  if (t.inProgress) statusParts.push(`${t.inProgress} in progress`);
  out(st.heading(truncate(`Progress: ${scope}`, size.columns)));
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
    ...(r.trend.byRole.length > 1
      ? r.trend.byRole.map((t) => ({ label: truncate(t.roleId, LABEL_MAX), trend: t }))
      : []),
  ];
  const labelWidth = Math.max(...series.map((s) => displayWidth(s.label)));
  const charts = fitCharts(
    series.map((s) => s.trend),
    size.columns - labelWidth - 6,
  );
  const barsWidth = Math.max(...charts.map((c) => displayWidth(c.bars)));
  series.forEach((s, i) => {
    const chart = charts[i];
    if (chart) out(`  ${pad(s.label, labelWidth)}  ${pad(chart.bars, barsWidth)}  ${st.dim(chart.legend)}`);
  });

  if (r.dimensions.length) {
    out();
    out(st.heading('Rubric dimensions (average of 1-5 grades, lowest first)'));
    const nameWidth = Math.max(...r.dimensions.map((d) => displayWidth(d.name)));
    for (const d of r.dimensions) {
      const unverified = d.unverified ? `, ${d.unverified} ${NOT_VERIFIED}` : '';
      out(`  ${pad(d.name, nameWidth)}  ${d.average.toFixed(1)}/5  (${plural(d.count, 'session')}${unverified})`);
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
      out(`${prefix}${cleanLine(a.question, Math.max(20, size.columns - prefix.length))}`);
      const where = sessionNote(
        a.roleId,
        localDate(a.startedAt),
        size.columns - prefix.length - displayWidth(a.retryCommand),
      );
      out(`${' '.repeat(prefix.length)}${st.command(a.retryCommand)}${where ? `  ${st.dim(where)}` : ''}`);
    }
  }
  return lines;
}

/**
 * One chart per trend, all with the same room for bars: what the line has left after the label
 * and the widest legend (min, max, last and, when not every session fits, how many are shown).
 * The legend depends on how many bars fit, so bars are taken away until both fit (10 at least).
 */
function fitCharts(trends: Trend[], room: number): { bars: string; legend: string }[] {
  const chart = (trend: Trend, points: number) => {
    // One bar per session: on a narrow line only the newest fit (the numbers above still count them all).
    const shown = trend.points.slice(-points).map((p) => p.score);
    const note = shown.length < trend.points.length ? `  (last ${shown.length} of ${trend.points.length})` : '';
    const legend = `min ${Math.min(...shown)}  max ${Math.max(...shown)}  last ${shown.at(-1)}${note}`;
    return { bars: sparkline(shown), legend };
  };
  const widest = (points: number) => Math.max(...trends.map((t) => displayWidth(chart(t, points).legend)));
  let points = clamp(room - 26, 10, 60);
  while (points > 10 && points + widest(points) > room) points--;
  return trends.map((t) => chart(t, points));
}

/**
 * `(role, date)` after a retry command, in what the line has left (`room`, the two spaces before
 * it included). The command is what to run and is never cut: the role is cut first, then left out.
 */
function sessionNote(roleId: string, date: string, room: number): string {
  const fixed = '  (, )'.length + displayWidth(date);
  if (room - fixed >= 6) return `(${truncate(roleId, room - fixed)}, ${date})`;
  return room >= displayWidth(date) + 4 ? `(${date})` : '';
}
