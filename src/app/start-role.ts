import { UnknownRoleError, builtinRoles, findRole, isBuiltinRoleName } from '../core/roles/catalog.js';
import type { RoleTemplate } from '../model/role.js';
import { isUnreadable } from '../model/unreadable.js';
import { CoachError } from '../shared/errors.js';
import { databasePath, savedDatabaseExists } from '../shared/paths.js';

/**
 * The role `start --role <name>` means: a built-in (by id or alias), else a custom role saved
 * by an earlier `--role-file` run, the same ones `interview-coach roles` lists.
 * Returns undefined for `--role-file`, which prepareInterview reads itself.
 */
export async function startRole(options: {
  role: string | null;
  roleFile: string | null;
}): Promise<RoleTemplate | undefined> {
  if (options.roleFile || !options.role) return undefined;
  if (isBuiltinRoleName(options.role) || !savedDatabaseExists()) return findRole(options.role);
  // SQLite (a native module) only when the name is not a built-in and there is a database to read.
  const { openDatabase } = await import('../db/open.js');
  const { getStoredRole, listStoredRoles } = await import('../db/roles.js');
  const db = openDatabase(databasePath());
  try {
    const stored = getStoredRole(db, options.role.trim().toLowerCase());
    if (stored && !stored.builtin) {
      if (!isUnreadable(stored)) return stored;
      throw new CoachError(`The saved role "${stored.id}" is damaged (${stored.unreadable}).`, {
        hint: `Save it again by starting a session with --role-file ${stored.source ?? '<its file>'}.`,
      });
    }
    // Unknown: the error lists the saved custom roles beside the built-ins.
    const custom: RoleTemplate[] = [];
    for (const r of listStoredRoles(db)) if (!r.builtin && !isUnreadable(r)) custom.push(r);
    return findRole(options.role, [...builtinRoles(), ...custom]);
  } finally {
    db.close();
  }
}

/**
 * `config set role`: null when `name` is a role `start --role` finds, else what to use instead
 * (the built-ins, then the saved custom roles).
 */
export async function roleNameProblem(name: string): Promise<string | null> {
  try {
    await startRole({ role: name, roleFile: null });
    return null;
  } catch (err) {
    if (err instanceof UnknownRoleError) return useRoleInstead(err);
    throw err;
  }
}

/** What to type instead of an unknown role: one sentence. */
export function useRoleInstead(err: UnknownRoleError): string {
  return `Use ${err.choices.join(', ')} or a short name from \`interview-coach roles\`.`;
}
