import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('delete <session>')
    .description('Delete a session: its transcript, evaluations and audio files.')
    .option('-y, --yes', 'do not ask for confirmation (needed when not at a terminal)')
    .addHelpText(
      'after',
      `
Examples:
  $ interview-coach delete 3f9a
  $ interview-coach delete last --yes`,
    )
    .action(async (ref: string, flags: { yes?: boolean }) => {
      const { deleteCommand } = await import('../app/handlers/delete.js');
      await deleteCommand(ref, flags);
    });
}
