import type { Command } from 'commander';
import { SETTING_KEYS, settingHelp } from '../app/setting-keys.js';
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
${SETTING_KEYS.map((k) => `  ${k.padEnd(15)} ${settingHelp(k)}`).join('\n')}

Precedence: command-line flag > config > OLLAMA_HOST (host only) > built-in default.
\`config set\` checks the value (a role that exists, a model name, a number in range,
one of the choices) and refuses a bad one (exit 2). \`config list --json\` prints
[{"key", "value", "source"}] with source "config", "env" (plus "envVar") or "default".

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
    .description('print the value in use: saved, from the environment, or the default (nothing if none)')
    .action(lazyAction(handlers, 'configGet'));
  config.command('unset <key>').description('forget a saved default').action(lazyAction(handlers, 'configUnset'));
  config
    .command('list')
    .description('print every setting with its value and where it comes from (config, env or default)')
    .option('--json', 'print as JSON')
    .action(lazyAction(handlers, 'configList'));
  config.command('path').description('print where the config file lives').action(lazyAction(handlers, 'configPath'));
}
