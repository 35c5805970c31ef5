import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

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
    .action(lazyAction(() => import('../app/handlers/roles.js'), 'rolesCommand'));
}
