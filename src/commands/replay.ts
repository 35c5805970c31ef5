import type { Command } from 'commander';

// Placeholder: being built. Replace this whole file.
export function register(program: Command): void {
  program.command('replay').description('(not yet available)').action(() => {
    throw new Error('replay is not implemented yet');
  });
}
