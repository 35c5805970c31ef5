import type { Command } from 'commander';

// Placeholder: being built. Replace this whole file.
export function register(program: Command): void {
  program.command('delete').description('(not yet available)').action(() => {
    throw new Error('delete is not implemented yet');
  });
}
