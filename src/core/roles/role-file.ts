import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ZodError } from 'zod';
import { UsageError, errorMessage } from '../../shared/errors.js';
import { RoleTemplate } from '../../model/role.js';
import { builtinRoles } from './catalog.js';
import { firstLine } from '../../shared/text.js';
import { plural } from '../../shared/format.js';
import { firstIssue } from '../../model/schema-issue.js';

/** Reads a person's own role from JSON or YAML and explains any mistake in one line. */
export function loadRoleFile(path: string): RoleTemplate {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(
      `Cannot read role file ${path} (${errorMessage(err)}).`,
      'Check the path passed to --role-file.',
    );
  }
  let data: unknown;
  const ext = extname(path).toLowerCase();
  try {
    data = ext === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    const kind = ext === '.json' ? 'JSON' : 'YAML';
    throw new UsageError(
      `Role file ${path} is not valid ${kind}: ${firstLine(errorMessage(err))}`,
      'Fix the syntax; see "Your own role" in the README for an example.',
    );
  }
  const result = RoleTemplate.safeParse(data);
  if (!result.success) {
    throw new UsageError(
      `Role file ${path} is invalid: ${describeZodError(result.error)}`,
      'See "Your own role" in the README for the fields a role needs.',
    );
  }
  if (builtinRoles().some((r) => r.id === result.data.id)) {
    throw new UsageError(
      `Role file ${path} uses the id "${result.data.id}", which is a built-in role.`,
      'Give your role another id.',
    );
  }
  return result.data;
}

function describeZodError(error: ZodError): string {
  const others = error.issues.length - 1;
  return `${firstIssue(error, '(top level)')}${others > 0 ? ` (and ${plural(others, 'more problem')})` : ''}`;
}
