import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { age } from './parsers.js';

export function register(program: Command): void {
  program
    .command('purge')
    .description('Delete old sessions, or sessions with no answers, with their transcripts, evaluations and audio.')
    .option('--older-than <age>', 'sessions started longer ago than an age such as 90d, 12w, 6m or 1y', age)
    .option('--empty', 'sessions with no answers (left before the first one); with --older-than, only old ones')
    .option('-y, --yes', 'do not ask for confirmation (needed when not at a terminal)')
    .option('--dry-run', 'only list what would be deleted')
    .addHelpText(
      'after',
      `
Give --older-than, --empty, or both. A session still running is never purged.

Examples:
  $ interview-coach purge --older-than 90d
  $ interview-coach purge --older-than 1y --dry-run
  $ interview-coach purge --empty --yes
  $ interview-coach purge --empty --older-than 7d`,
    )
    .action(lazyAction(() => import('../app/handlers/purge.js'), 'purgeCommand'));
}
