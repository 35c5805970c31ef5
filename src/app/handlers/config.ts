import { ExitCode, UsageError } from '../../shared/errors.js';
import { SETTINGS, isSettingKey, openSettings, parseSetting, type SettingKey } from '../settings.js';
import { printLine } from '../output.js';

export function configSet(key: string, value: string): ExitCode {
  const parsed = parseSetting(key, value);
  const store = openSettings();
  store.set(key as never, parsed as never);
  process.stderr.write(`Saved ${key} = ${parsed}\n`);
  return ExitCode.ok;
}

export function configGet(key: string): ExitCode {
  const value = openSettings().get(requireKey(key));
  if (value !== undefined) printLine(process.stdout, String(value));
  return ExitCode.ok;
}

export function configUnset(key: string): ExitCode {
  openSettings().delete(requireKey(key));
  return ExitCode.ok;
}

export function configList(opts: { json?: boolean }): ExitCode {
  const store = openSettings().store;
  if (opts.json) {
    printLine(process.stdout, JSON.stringify(store, null, 2));
    return ExitCode.ok;
  }
  for (const key of Object.keys(SETTINGS)) {
    const value = store[key as keyof typeof store];
    if (value !== undefined) printLine(process.stdout, `${key}=${value}`);
  }
  return ExitCode.ok;
}

function requireKey(key: string): SettingKey {
  if (!isSettingKey(key)) {
    throw new UsageError(`Unknown setting "${key}". Settings: ${Object.keys(SETTINGS).join(', ')}.`);
  }
  return key;
}

export function configPath(): ExitCode {
  printLine(process.stdout, openSettings().path);
  return ExitCode.ok;
}
