import { builtinRoles, roleAliases } from '../../core/roles/catalog.js';
import type { RoleTemplate } from '../../model/role.js';
import { ExitCode } from '../../shared/errors.js';
import { databasePath, savedDatabaseExists } from '../../shared/paths.js';
import { prepareWidths, singleLine, truncate, wrap } from '../../shared/text.js';
import { fitTable, type TableColumn } from '../../shared/table.js';
import { isUnreadable } from '../../model/unreadable.js';
import type { DamagedRole, StoredRole } from '../../db/roles.js';
import { outputColumns, warn } from '../output.js';

export interface RolesOptions {
  json?: boolean;
}

export async function rolesCommand(opts: RolesOptions, out: NodeJS.WritableStream = process.stdout): Promise<ExitCode> {
  const roles = await allRoles();
  const printLine = (line: string) => out.write(`${line}\n`);
  if (opts.json) {
    const withAliases = roles.map((r) => ({ ...r, aliases: r.builtin ? roleAliases(r.id) : [] }));
    printLine(JSON.stringify(withAliases, null, 2));
    return ExitCode.ok;
  }
  const lines = await roleLines(roles, outputColumns(out as { isTTY?: boolean; columns?: number }));
  for (const line of lines) printLine(line);
  return ExitCode.ok;
}

// Two lines per role, fitted to the width: the id, title, size and family (a long title or
// custom id is cut, a built-in id never: 20 columns hold them all), then its short names and
// description, cut with '…'; a role with design problems adds their ids and titles (the values of
// `--problem`), wrapped rather than cut so that no id is lost.
const COLUMNS: TableColumn[] = [
  { header: 'ROLE', minWidth: 20 },
  { header: 'TITLE', minWidth: 10 },
  { header: 'QUESTIONS', align: 'end' },
  { header: 'FAMILY' },
];

async function roleLines(roles: (RoleTemplate & { builtin: boolean })[], width: number): Promise<string[]> {
  const cells = roles.map((r) => [
    r.id,
    r.title,
    `${r.questions.length} questions`,
    `${r.family}${r.builtin ? '' : ' (custom)'}`,
  ]);
  const about = roles.map((r) => {
    const aliases = r.builtin ? roleAliases(r.id) : [];
    return `${aliases.length ? `also ${aliases.join(', ')} · ` : ''}${singleLine(r.description)}`;
  });
  const problems = roles.map((r) => (r.problems?.length ? problemsLine(r.problems) : null));
  await prepareWidths([...cells.flat(), ...about, ...problems.filter((p) => p !== null)]);
  const table = fitTable(COLUMNS, cells, width);
  return table.rows.flatMap((row, i) => {
    const p = problems[i];
    const wrapped = p ? wrap(p, width - 4).map((l, j) => `${j === 0 ? '  ' : '    '}${l}`) : [];
    return [row, `  ${truncate(about[i] ?? '', width - 2)}`, ...wrapped];
  });
}

/** `deep round (--format deep --problem): url-shortener (URL shortener), chat (Chat service)`. */
function problemsLine(problems: readonly { id: string; title: string }[]): string {
  return `deep round (--format deep --problem): ${problems.map((p) => `${p.id} (${singleLine(p.title)})`).join(', ')}`;
}

/** Built-ins from the code, plus custom roles saved from earlier --role-file runs. */
async function allRoles(): Promise<(RoleTemplate & { builtin: boolean })[]> {
  const builtins = builtinRoles().map((r) => ({ ...r, builtin: true }));
  if (!savedDatabaseExists()) return builtins;
  // SQLite (a native module) only when there is a database to read.
  const { openDatabase } = await import('../../db/open.js');
  const { listStoredRoles } = await import('../../db/roles.js');
  const db = openDatabase(databasePath());
  try {
    const custom: StoredRole[] = [];
    for (const role of listStoredRoles(db)) {
      if (role.builtin) continue;
      if (isUnreadable(role)) warnDamaged(role);
      else custom.push(role);
    }
    return [...builtins, ...custom];
  } finally {
    db.close();
  }
}

/** One damaged saved role must not hide the others: it is named on stderr and left out. */
function warnDamaged(role: DamagedRole): void {
  warn(
    `The saved role "${role.id}" is damaged and is not listed (${role.unreadable}).`,
    role.source
      ? `Save it again by starting a session with --role-file ${role.source}`
      : 'Save it again by starting a session with --role-file <its file>.',
  );
}
