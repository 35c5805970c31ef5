import { UsageError } from '../../shared/errors.js';
import { SETTINGS, isSettingKey, openSettings, parseSetting, type SettingKey } from '../settings.js';
import { printLine } from '../output.js';

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

export function configPath(): void {
  printLine(process.stdout, openSettings().path);
}
