import type { Command } from 'commander';

// Placeholder: being built. Replace this whole file.
export function register(program: Command): void {
  program.command('export').description('(not yet available)').action(() => {
    throw new Error('export is not implemented yet');
  });
}
