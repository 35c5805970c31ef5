import type { Command } from 'commander';

// Placeholder: being built. Replace this whole file.
export function register(program: Command): void {
  program.command('purge').description('(not yet available)').action(() => {
    throw new Error('purge is not implemented yet');
  });
}
