import type { Command } from 'commander';

// Placeholder: being built. Replace this whole file.
export function register(program: Command): void {
  program.command('stats').description('(not yet available)').action(() => {
    throw new Error('stats is not implemented yet');
  });
}
