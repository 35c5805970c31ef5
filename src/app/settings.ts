import Conf from 'conf';
import { z } from 'zod';
import { CoachError, UsageError, errorMessage } from '../shared/errors.js';
import { dataDir, ensurePrivateDir } from '../shared/paths.js';
import { SETTING_HELP } from './setting-keys.js';
import { Difficulty } from '../model/role.js';
import { normalizeHost } from '../core/llm/host.js';
import { KEEP_ALIVE_PATTERN } from '../core/llm/keep-alive.js';
import { LLM_TIMEOUT_SEC_RANGE } from '../core/llm/timeouts.js';

/**
 * A whole number, as `config set` types it (decimal digits only: `1e1` or `0x10` are refused,
 * as on the command line) or as the settings file stores it (a JSON integer).
 */
function wholeNumberSetting(min: number, max: number) {
  return z
    .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)])
    .pipe(z.number().int().min(min).max(max));
}

/** Keys a person can set once with `interview-coach config set`, each with what its value must be. */
const SCHEMAS = {
  model: z.string().trim().min(1),
  judgeModel: z.string().trim().min(1),
  host: z.string().trim().min(1),
  keepAlive: z.string().trim().regex(KEEP_ALIVE_PATTERN),
  llmTimeoutSec: wholeNumberSetting(LLM_TIMEOUT_SEC_RANGE.min, LLM_TIMEOUT_SEC_RANGE.max),
  role: z.string().trim().min(1),
  difficulty: Difficulty,
  questions: wholeNumberSetting(1, 20),
  python: z.string().trim().min(1),
  sttModel: z.string().trim().min(1),
  sttDevice: z.enum(['cpu', 'cuda', 'auto']),
  sttComputeType: z.string().trim().min(1),
  language: z.string().trim().min(2),
  piper: z.string().trim().min(1),
  piperVoice: z.string().trim().min(1),
  silenceMs: wholeNumberSetting(200, 5000),
  maxAnswerSec: wholeNumberSetting(10, 900),
  player: z.enum(['auto', 'aplay', 'play', 'afplay', 'ffplay', 'speaker']),
} satisfies Record<keyof typeof SETTING_HELP, z.ZodType>;

/** The settings file: every key optional, each value checked against its key's schema when read. */
const StoredSettings = z.object(SCHEMAS).partial();

export type SettingKey = keyof typeof SCHEMAS;
export type Settings = z.infer<typeof StoredSettings>;

/** Every key, in the order `config list` prints them. */
export const SETTING_KEYS = Object.keys(SCHEMAS).filter(isSettingKey);

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SCHEMAS, key);
}

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
 * The saved settings, checked: the file is JSON anyone can edit, so a value that does not pass
 * its key's schema stops the command here, naming the key and the fix, instead of failing deep
 * inside whatever used it. Keys this version does not know are ignored.
 */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const conf = openSettings(env);
  const stored: Record<string, unknown> = conf.store;
  const parsed = StoredSettings.safeParse(stored);
  if (parsed.success) return parsed.data;
  const key = String(parsed.error.issues[0]?.path[0] ?? '');
  if (!isSettingKey(key)) {
    throw new CoachError(`The settings file ${conf.path} is not a JSON object of settings.`, {
      hint: 'Fix or delete that file: `interview-coach config set` writes a new one.',
    });
  }
  throw new CoachError(
    `The saved setting ${key} is not valid: ${JSON.stringify(stored[key])} (${SETTING_HELP[key]}).`,
    {
      hint: `Remove it with \`interview-coach config unset ${key}\`, or save a valid value with \`interview-coach config set ${key} <value>\`.`,
    },
  );
}

/** A value typed after `config set <key>`, checked and normalised: `{ [key]: value }`. */
export function parseSetting(key: string, value: string): Settings {
  if (!isSettingKey(key)) {
    throw new UsageError(
      `Unknown setting "${key}". Settings: ${SETTING_KEYS.join(', ')}.`,
      'Run `interview-coach config list` to see them.',
    );
  }
  const result = StoredSettings.safeParse({ [key]: value });
  if (!result.success) throw new UsageError(`Invalid value for ${key}: "${value}" (${SETTING_HELP[key]}).`);
  const { host } = result.data;
  if (host === undefined) return result.data;
  try {
    return { host: normalizeHost(host) };
  } catch (err) {
    throw new UsageError(errorMessage(err));
  }
}
