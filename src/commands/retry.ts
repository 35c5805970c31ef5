import type { Command } from 'commander';
import { addInterviewFlags } from './interview-flags.js';
import { lazyAction } from './lazy-action.js';
import { wholeNumber } from './parsers.js';

export function register(program: Command): void {
  addInterviewFlags(
    program
      .command('retry <session>')
      .description('Answer one question of a past session again, and see the new feedback beside the old.')
      .requiredOption('-q, --question <n>', 'which question of that session (1 = the first)', wholeNumber(1)),
  )
    .addHelpText(
      'after',
      `
The retry is saved as a session of its own, linked to the original. \`interview-coach stats\`
lists your weakest answers with the retry command to run.

Examples:
  $ interview-coach retry 3f9a --question 2
  $ printf 'A better answer...\\n' | interview-coach retry last --question 1 --offline`,
    )
    .action(lazyAction(() => import('../app/handlers/retry.js'), 'retryCommand'));
}
