import type { Command } from 'commander';

// Placeholder: being built. Replace this whole file.
export function register(program: Command): void {
  program.command('resume').description('(not yet available)').action(() => {
    throw new Error('resume is not implemented yet');
  });
}
