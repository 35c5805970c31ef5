import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { since } from './parsers.js';

export function register(program: Command): void {
  program
    .command('stats')
    .description('Your progress over time: sessions, practice time, score trend, rubric averages, answers to retry.')
    .option('-r, --role <id>', 'only this role (see `interview-coach roles`)')
    .option(
      '--since <when>',
      'only sessions started since a date (2026-11-01, 2026-11-01T09:30) or for the last 12h, 7d, 4w, 3m (months), 1y',
      since,
    )
    .option('--json', 'print everything as one JSON document')
    .addHelpText(
      'after',
      `
Scores come from AI evaluations only: the latest successful AI evaluation of each session.
Heuristic feedback and failed evaluations have no score and are left out (never counted as 0).
The trend is one bar per scored session, oldest to newest, scaled between its min and max.

Examples:
  $ interview-coach stats
  $ interview-coach stats --role backend --since 30d
  $ interview-coach stats --since 2026-11-01
  $ interview-coach stats --json | jq .weakestDimension`,
    )
    .action(lazyAction(() => import('../app/handlers/stats.js'), 'statsCommand'));
}
