import Conf from 'conf';
import { CoachError, UsageError, errorMessage } from '../shared/errors.js';
import { dataDir, ensurePrivateDir } from '../shared/paths.js';
import { ValueError } from '../shared/value-checks.js';
import {
  SETTINGS,
  SETTING_KEYS,
  isSettingKey,
  type SettingKey,
  type SettingSpec,
  type SettingValue,
  type Settings,
} from './setting-keys.js';

export { SETTING_KEYS, isSettingKey, type SettingKey, type Settings };

/** conf keeps the file in the platform config dir, or beside the data when INTERVIEW_COACH_HOME is set. */
export function openSettings(env: NodeJS.ProcessEnv = process.env): Conf<Settings> {
  if (env.INTERVIEW_COACH_HOME) ensurePrivateDir(dataDir(env));
  try {
    return openConf(env);
  } catch (err) {
    throw new CoachError(`Cannot read the settings file ${settingsPath(env)} (${errorMessage(err)}).`, {
      hint: 'Fix that file or delete it (it holds only your saved defaults), or set INTERVIEW_COACH_HOME to another folder.',
      cause: err,
    });
  }
}

/**
 * Where the settings file is (or will be), for `config path` and `data path`. Its content is
 * not parsed: a broken file is exactly when a person looks for it.
 */
export function settingsPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.INTERVIEW_COACH_HOME) ensurePrivateDir(dataDir(env));
  return openConf(env, () => ({})).path;
}

function openConf(env: NodeJS.ProcessEnv, deserialize?: () => Settings): Conf<Settings> {
  return new Conf<Settings>({
    projectName: 'interview-coach',
    projectSuffix: '',
    ...(env.INTERVIEW_COACH_HOME ? { cwd: dataDir(env) } : {}),
    configFileMode: 0o600,
    ...(deserialize ? { deserialize } : {}),
  });
}

/**
 * The saved settings, checked: the file is JSON anyone can edit, so a value that its key does
 * not accept stops the command here, naming the key, the file and the fix, instead of failing
 * deep inside whatever used it. Keys this version does not know are ignored.
 */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const conf = openSettings(env);
  const stored: unknown = conf.store;
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    throw new CoachError(`The settings file ${conf.path} is not a JSON object of settings.`, {
      hint: 'Fix or delete that file: `interview-coach config set` writes a new one.',
    });
  }
  const saved = stored as Record<string, unknown>;
  const settings: Partial<Record<SettingKey, unknown>> = {};
  for (const key of SETTING_KEYS) {
    if (saved[key] === undefined) continue;
    try {
      settings[key] = readValue(key, saved[key]);
    } catch (err) {
      throw savedSettingError(key, JSON.stringify(saved[key]), conf.path, err);
    }
  }
  return settings as Settings;
}

/**
 * A saved setting that cannot be used, said as coming from the settings file, with the way out.
 * Also for what only shows when the value is used (a role that no longer exists).
 */
export function savedSettingError(key: SettingKey, shown: string, path: string, err: unknown): CoachError {
  return new CoachError(`The saved setting ${key} in ${path} is not valid: ${shown}. ${errorMessage(err)}`, {
    hint: `Remove it with \`interview-coach config unset ${key}\`, or save another with \`interview-coach config set ${key} <value>\`.`,
    cause: err,
  });
}

/** A value as its key reads it; throws the key's ValueError ("Use …"). */
export function readValue<K extends SettingKey>(key: K, raw: unknown): SettingValue<K> {
  const spec: SettingSpec<string | number> = SETTINGS[key];
  return spec.read(raw) as SettingValue<K>;
}

/** A value typed after `config set <key>`, checked and normalised: `{ [key]: value }`. */
export function parseSetting(key: string, value: string): Settings {
  const known = requireSettingKey(key);
  try {
    return { [known]: readValue(known, value) };
  } catch (err) {
    if (err instanceof ValueError) throw new UsageError(`Invalid value for ${known}: "${value}". ${err.message}`);
    throw err;
  }
}

export function requireSettingKey(key: string): SettingKey {
  if (!isSettingKey(key)) {
    throw new UsageError(
      `Unknown setting "${key}". Settings: ${SETTING_KEYS.join(', ')}.`,
      'Run `interview-coach config list` to see them with their values.',
    );
  }
  return key;
}
