import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ZodError } from 'zod';
import { UsageError, errorMessage } from '../../shared/errors.js';
import { RoleTemplate } from '../../model/role.js';
import { isBuiltinRoleName } from './catalog.js';
import { firstLine } from '../../shared/text.js';
import { plural } from '../../shared/format.js';
import { firstIssue } from '../../model/schema-issue.js';
import { cleanLine } from '../../shared/sanitize.js';

/** A role file is read whole and parsed in memory; a real role is a few KB. */
export const MAX_ROLE_FILE_BYTES = 256 * 1024;

/** Reads a person's own role from JSON or YAML and explains any mistake in one line. */
export function loadRoleFile(path: string): RoleTemplate {
  const text = readRoleText(path);
  let data: unknown;
  const ext = extname(path).toLowerCase();
  try {
    data = ext === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    const kind = ext === '.json' ? 'JSON' : 'YAML';
    throw new UsageError(
      `Role file ${path} is not valid ${kind}: ${cleanLine(firstLine(errorMessage(err)))}`,
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
  if (isBuiltinRoleName(result.data.id)) {
    throw new UsageError(
      `Role file ${path} uses the id "${result.data.id}", which already names a built-in role.`,
      'Give your role another id.',
    );
  }
  return result.data;
}

/** The file's text, refused before it is read when it is too large (a real role is a few KB). */
function readRoleText(path: string): string {
  let size: number;
  let text: string;
  try {
    size = statSync(path).size;
    // A fifo or a file that grows reports a small size, so the text is measured again below.
    text = size > MAX_ROLE_FILE_BYTES ? '' : readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(
      `Cannot read role file ${path} (${errorMessage(err)}).`,
      'Check the path passed to --role-file.',
    );
  }
  if (size > MAX_ROLE_FILE_BYTES || Buffer.byteLength(text) > MAX_ROLE_FILE_BYTES) {
    throw new UsageError(
      `Role file ${path} is larger than ${MAX_ROLE_FILE_BYTES / 1024} KB.`,
      'A role needs only its title, description, skills and questions; shorten the file.',
    );
  }
  return text;
}

function describeZodError(error: ZodError): string {
  const others = error.issues.length - 1;
  return `${firstIssue(error, '(top level)')}${others > 0 ? ` (and ${plural(others, 'more problem')})` : ''}`;
}
