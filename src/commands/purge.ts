import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('purge')
    .description('Delete every session older than a given age, with transcripts, evaluations and audio.')
    .requiredOption('--older-than <age>', 'an age such as 90d, 12w, 6m or 1y')
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
    .action(async (flags: { olderThan: string; yes?: boolean; dryRun?: boolean }) => {
      const { purgeCommand } = await import('../app/handlers/delete.js');
      await purgeCommand(flags);
    });
}
