import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { SETTINGS, isSettingKey, openSettings, parseSetting, type SettingKey } from '../core/settings.js';
import { printLine } from './output.js';

export function register(program: Command): void {
  const config = program
    .command('config')
    .description('Read and change your defaults (model, host, role, difficulty, questions).')
    .addHelpText('after', `
Settings:
${Object.entries(SETTINGS).map(([k, v]) => `  ${k.padEnd(11)} ${v.help}`).join('\n')}

Precedence: command-line flag > config > OLLAMA_HOST (host only) > built-in default.

Examples:
  $ interview-coach config set model llama3.1
  $ interview-coach config get model
  $ interview-coach config list --json
  $ interview-coach config unset host
  $ interview-coach config path`);

  config.command('set <key> <value>').description('save a default').action((key: string, value: string) => configSet(key, value));
  config.command('get <key>').description('print a saved default (empty if unset)').action((key: string) => configGet(key));
  config.command('unset <key>').description('forget a saved default').action((key: string) => configUnset(key));
  config
    .command('list')
    .description('print all saved defaults')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) => configList(opts));
  config.command('path').description('print where the config file lives').action(() => printLine(process.stdout, openSettings().path));
}

export function configSet(key: string, value: string): void {
  const parsed = parseSetting(key, value);
  const store = openSettings();
  store.set(key as never, parsed as never);
  process.stderr.write(`Saved ${key} = ${parsed}\n`);
}

export function configGet(key: string): void {
  const value = openSettings().get(requireKey(key));
  if (value !== undefined) printLine(process.stdout, String(value));
}

export function configUnset(key: string): void {
  openSettings().delete(requireKey(key));
}

export function configList(opts: { json?: boolean }): void {
  const store = openSettings().store;
  if (opts.json) {
    printLine(process.stdout, JSON.stringify(store, null, 2));
    return;
  }
  for (const key of Object.keys(SETTINGS)) {
    const value = store[key as keyof typeof store];
    if (value !== undefined) printLine(process.stdout, `${key}=${value}`);
  }
}

function requireKey(key: string): SettingKey {
  if (!isSettingKey(key)) {
    throw new UsageError(`Unknown setting "${key}". Settings: ${Object.keys(SETTINGS).join(', ')}.`);
  }
  return key;
}
