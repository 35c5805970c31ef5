import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

export function register(program: Command): void {
  program
    .command('delete <session>')
    .description('Delete a session: its transcript, evaluations and audio files.')
    .option('-y, --yes', 'do not ask for confirmation (needed when not at a terminal)')
    .addHelpText(
      'after',
      `
<session> is \`last\` or any unique prefix of a session id (see \`interview-coach history\`).

Examples:
  $ interview-coach delete 3f9a
  $ interview-coach delete last --yes`,
    )
    .action(lazyAction(() => import('../app/handlers/delete.js'), 'deleteCommand'));
}
