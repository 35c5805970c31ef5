import type { Command } from 'commander';
import type { RoleTemplate } from '../model/role.js';
import { databasePath } from '../shared/paths.js';

export interface RolesOptions {
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('roles')
    .description('List the interview roles (built-in and your own).')
    .option('--json', 'print the roles as JSON (with their question pools)')
    .addHelpText(
      'after',
      `
Examples:
  $ interview-coach roles
  $ interview-coach roles --json | jq '.[].id'`,
    )
    .action(async (opts: RolesOptions) => {
      await rolesCommand(opts);
    });
}

export async function rolesCommand(opts: RolesOptions, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const roles = await allRoles();
  const printLine = (line: string) => out.write(`${line}\n`);
  if (opts.json) {
    printLine(JSON.stringify(roles, null, 2));
    return;
  }
  const idWidth = Math.max(...roles.map((r) => r.id.length));
  const titleWidth = Math.max(...roles.map((r) => r.title.length));
  for (const r of roles) {
    const tag = r.builtin ? '' : '  (custom)';
    printLine(
      `${r.id.padEnd(idWidth)}  ${r.title.padEnd(titleWidth)}  ${String(r.questions.length).padStart(2)} questions  ${r.family}${tag}`,
    );
  }
}

/** Built-ins from the code, plus custom roles saved from earlier --role-file runs. */
async function allRoles(): Promise<(RoleTemplate & { builtin: boolean })[]> {
  const { builtinRoles } = await import('../core/roles/catalog.js');
  const builtins = builtinRoles().map((r) => ({ ...r, builtin: true }));
  const { existsSync } = await import('node:fs');
  if (!existsSync(databasePath())) return builtins;
  const { openDatabase } = await import('../db/open.js');
  const { listStoredRoles } = await import('../db/roles.js');
  const db = openDatabase(databasePath());
  try {
    const custom = listStoredRoles(db).filter((r) => !r.builtin);
    return [...builtins, ...custom];
  } finally {
    db.close();
  }
}
