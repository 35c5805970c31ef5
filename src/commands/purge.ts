import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { age } from './parsers.js';

export function register(program: Command): void {
  program
    .command('purge')
    .description('Delete every session older than a given age, with transcripts, evaluations and audio.')
    .requiredOption('--older-than <age>', 'an age such as 90d, 12w, 6m or 1y', age)
    .option('-y, --yes', 'do not ask for confirmation (needed when not at a terminal)')
    .option('--dry-run', 'only list what would be deleted')
    .addHelpText(
      'after',
      `
Examples:
  $ interview-coach purge --older-than 90d
  $ interview-coach purge --older-than 1y --dry-run
  $ interview-coach purge --older-than 30d --yes`,
    )
    .action(lazyAction(() => import('../app/handlers/purge.js'), 'purgeCommand'));
}
