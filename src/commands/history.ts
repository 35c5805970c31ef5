import type { Command } from 'commander';

// Placeholder: being built. Replace this whole file.
export function register(program: Command): void {
  program.command('history').description('(not yet available)').action(() => {
    throw new Error('history is not implemented yet');
  });
}
