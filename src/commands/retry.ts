import type { Command } from 'commander';

// Placeholder: being built. Replace this whole file.
export function register(program: Command): void {
  program.command('retry').description('(not yet available)').action(() => {
    throw new Error('retry is not implemented yet');
  });
}
