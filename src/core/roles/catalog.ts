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

export function findRole(name: string, roles: RoleTemplate[] = builtinRoles()): RoleTemplate {
  const key = name.trim().toLowerCase();
  const id = Object.hasOwn(ALIASES, key) ? ALIASES[key] : key;
  const role = roles.find((r) => r.id === id);
  if (!role) {
    throw new UsageError(
      `Unknown role "${name}". Valid roles: ${roles.map((r) => r.id).join(', ')}.`,
      'Run `interview-coach roles` to see them, or pass --role-file to use your own.',
    );
  }
  return role;
}
