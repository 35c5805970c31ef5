import { ExitCode, UsageError } from '../../shared/errors.js';
import {
  SETTING_KEYS,
  isSettingKey,
  openSettings,
  parseSetting,
  readSettings,
  settingsPath,
  type SettingKey,
} from '../settings.js';
import { printLine } from '../output.js';

export function configSet(key: string, value: string): ExitCode {
  // Only the new value is checked: a bad value saved under another key must not block fixing it.
  const saved = parseSetting(key, value);
  openSettings().set(saved);
  process.stderr.write(`Saved ${key} = ${saved[requireKey(key)]}\n`);
  return ExitCode.ok;
}

export function configGet(key: string): ExitCode {
  const value = readSettings()[requireKey(key)];
  if (value !== undefined) printLine(process.stdout, String(value));
  return ExitCode.ok;
}

/** Never reads the values: this is the way out of a bad one. */
export function configUnset(key: string): ExitCode {
  openSettings().delete(requireKey(key));
  return ExitCode.ok;
}

export function configList(opts: { json?: boolean }): ExitCode {
  const settings = readSettings();
  if (opts.json) {
    printLine(process.stdout, JSON.stringify(settings, savedOrder(), 2));
    return ExitCode.ok;
  }
  for (const key of SETTING_KEYS) {
    const value = settings[key];
    if (value !== undefined) printLine(process.stdout, `${key}=${value}`);
  }
  return ExitCode.ok;
}

/** JSON.stringify's key list: the keys in the order they were saved, as the file has them. */
function savedOrder(): string[] {
  return Object.keys(openSettings().store).filter(isSettingKey);
}

function requireKey(key: string): SettingKey {
  if (!isSettingKey(key)) {
    throw new UsageError(`Unknown setting "${key}". Settings: ${SETTING_KEYS.join(', ')}.`);
  }
  return key;
}

export function configPath(): ExitCode {
  printLine(process.stdout, settingsPath());
  return ExitCode.ok;
}
