import { UsageError } from '../../shared/errors.js';
import type { RoleTemplate } from '../../model/role.js';
import { BUILTIN_ROLES } from './builtin-roles.js';

/**
 * Built-in roles. They are fully typed in code and validated by test/roles-content.test.ts,
 * so they are not parsed at run time: listing roles does not pay for loading zod.
 */
export function builtinRoles(): RoleTemplate[] {
  return BUILTIN_ROLES;
}

/** Names people type that mean a built-in role. */
const ALIASES: Record<string, string> = {
  sre: 'devops',
  ml: 'data-scientist',
  'ml-engineer': 'data-scientist',
  'data-science': 'data-scientist',
  em: 'engineering-manager',
  manager: 'engineering-manager',
  pm: 'product-manager',
  'full-stack': 'fullstack',
  ios: 'mobile',
  android: 'mobile',
  'system-designer': 'system-design',
  behavioural: 'behavioral',
};

/** True when `name` already means a built-in role (its id or an alias), so a custom role may not take it. */
export function isBuiltinRoleName(name: string): boolean {
  const key = name.trim().toLowerCase();
  return key in ALIASES || builtinRoles().some((r) => r.id === key);
}

/** The short names of a built-in role (`devops`: sre), in the order they are listed. */
export function roleAliases(id: string): string[] {
  return Object.keys(ALIASES).filter((alias) => ALIASES[alias] === id);
}

/** A name that is no role: carries the role ids it could have been, for callers that word it their own way. */
export class UnknownRoleError extends UsageError {
  constructor(
    readonly roleName: string,
    readonly choices: string[],
  ) {
    super(
      `Unknown role "${roleName}". Valid roles: ${choices.join(', ')}.`,
      'Run `interview-coach roles` to see them, or pass --role-file to use your own.',
    );
  }
}

export function findRole(name: string, roles: RoleTemplate[] = builtinRoles()): RoleTemplate {
  const key = name.trim().toLowerCase();
  const id = Object.hasOwn(ALIASES, key) ? ALIASES[key] : key;
  const role = roles.find((r) => r.id === id);
  if (!role)
    throw new UnknownRoleError(
      name,
      roles.map((r) => r.id),
    );
  return role;
}
