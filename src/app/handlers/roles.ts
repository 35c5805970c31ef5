import { builtinRoles } from '../../core/roles/catalog.js';
import type { RoleTemplate } from '../../model/role.js';
import { ExitCode } from '../../shared/errors.js';
import { databasePath, savedDatabaseExists } from '../../shared/paths.js';
import { displayWidth, pad, prepareWidths } from '../../shared/text.js';
import { isUnreadable } from '../../model/unreadable.js';
import type { DamagedRole, StoredRole } from '../../db/roles.js';
import { warn } from '../output.js';

export interface RolesOptions {
  json?: boolean;
}

export async function rolesCommand(opts: RolesOptions, out: NodeJS.WritableStream = process.stdout): Promise<ExitCode> {
  const roles = await allRoles();
  const printLine = (line: string) => out.write(`${line}\n`);
  if (opts.json) {
    printLine(JSON.stringify(roles, null, 2));
    return ExitCode.ok;
  }
  await prepareWidths(roles.flatMap((r) => [r.id, r.title]));
  const idWidth = Math.max(...roles.map((r) => displayWidth(r.id)));
  const titleWidth = Math.max(...roles.map((r) => displayWidth(r.title)));
  for (const r of roles) {
    const tag = r.builtin ? '' : '  (custom)';
    printLine(
      `${pad(r.id, idWidth)}  ${pad(r.title, titleWidth)}  ${pad(String(r.questions.length), 2, 'start')} questions  ${r.family}${tag}`,
    );
  }
  return ExitCode.ok;
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
