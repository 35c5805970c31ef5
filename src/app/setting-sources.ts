/**
 * What each setting comes to and where that came from, for `config list` and `config get`:
 * the settings file, else its environment variable (host: OLLAMA_HOST), else the default.
 * Flags come first when a command runs, but `config` itself takes none.
 */
import { CoachError, errorMessage } from '../shared/errors.js';
import { SETTINGS, SETTING_KEYS, isSettingKey, type SettingKey, type SettingSpec } from './setting-keys.js';
import { openSettings, readValue, savedSettingError } from './settings.js';

export type SettingSource = 'config' | 'env' | 'default';

export interface ResolvedSetting {
  key: SettingKey;
  /** What the app uses (null: nothing, such as role before one is saved). */
  value: string | number | null;
  source: SettingSource;
  /** The environment variable, when the source is env. */
  envVar?: string;
  /** Why the value cannot be used (a hand-edited file, a bad OLLAMA_HOST), as an error to report. */
  problem?: CoachError;
}

/** Every setting, in `config list` order. A bad value is returned with its problem, so the rest can still be shown. */
export function resolveSettings(env: NodeJS.ProcessEnv = process.env): ResolvedSetting[] {
  const conf = openSettings(env);
  const saved: Record<string, unknown> = conf.store;
  const resolved = new Map<SettingKey, ResolvedSetting>();
  for (const key of SETTING_KEYS) {
    const spec: SettingSpec<string | number> = SETTINGS[key];
    const stored = saved[key];
    const fromEnv = spec.env ? env[spec.env] : undefined;
    if (stored !== undefined) {
      resolved.set(
        key,
        attempt(key, stored, 'config', (err) => savedSettingError(key, JSON.stringify(stored), conf.path, err)),
      );
    } else if (spec.env && fromEnv) {
      const envVar = spec.env;
      resolved.set(key, {
        ...attempt(key, fromEnv, 'env', (err) => envError(envVar, fromEnv, err)),
        envVar,
      });
    } else {
      const of = spec.defaultOf && isSettingKey(spec.defaultOf) ? resolved.get(spec.defaultOf) : undefined;
      resolved.set(key, { key, value: of && !of.problem ? of.value : spec.default, source: 'default' });
    }
  }
  return SETTING_KEYS.map((key) => resolved.get(key)).filter((r) => r !== undefined);
}

function attempt(
  key: SettingKey,
  raw: unknown,
  source: SettingSource,
  problem: (err: unknown) => CoachError,
): ResolvedSetting {
  try {
    return { key, value: readValue(key, raw), source };
  } catch (err) {
    // Shown as it is, so the person sees what is wrong; the problem says how to fix it.
    const shown = typeof raw === 'string' || typeof raw === 'number' ? raw : JSON.stringify(raw);
    return { key, value: shown, source, problem: problem(err) };
  }
}

function envError(name: string, value: string, err: unknown): CoachError {
  return new CoachError(
    `The environment variable ${name} is not valid: ${JSON.stringify(value)}. ${errorMessage(err)}`,
    {
      hint: `Fix or unset ${name} in your shell (\`unset ${name}\`), or save a value with \`interview-coach config set\`.`,
    },
  );
}
