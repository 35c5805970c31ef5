import type { Command } from 'commander';
import { SETTING_HELP } from '../app/setting-keys.js';
import { lazyAction } from './lazy-action.js';

// The handlers load conf and zod: only when a config command actually runs.
const handlers = () => import('../app/handlers/config.js');

export function register(program: Command): void {
  const config = program
    .command('config')
    .description('Read and change your defaults (model, host, role, difficulty, questions).')
    .addHelpText(
      'after',
      `
Settings:
${Object.entries(SETTING_HELP)
  .map(([k, help]) => `  ${k.padEnd(15)} ${help}`)
  .join('\n')}

Precedence: command-line flag > config > OLLAMA_HOST (host only) > built-in default.

Examples:
  $ interview-coach config set model llama3.1
  $ interview-coach config get model
  $ interview-coach config list --json
  $ interview-coach config unset host
  $ interview-coach config path`,
    );

  config.command('set <key> <value>').description('save a default').action(lazyAction(handlers, 'configSet'));
  config
    .command('get <key>')
    .description('print a saved default (empty if unset)')
    .action(lazyAction(handlers, 'configGet'));
  config.command('unset <key>').description('forget a saved default').action(lazyAction(handlers, 'configUnset'));
  config
    .command('list')
    .description('print all saved defaults')
    .option('--json', 'print as JSON')
    .action(lazyAction(handlers, 'configList'));
  config.command('path').description('print where the config file lives').action(lazyAction(handlers, 'configPath'));
}
