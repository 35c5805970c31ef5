import Conf from 'conf';
import { z } from 'zod';
import { CoachError, UsageError, errorMessage } from '../shared/errors.js';
import { ensurePrivateDir } from '../shared/paths.js';
import { SETTING_HELP } from './setting-keys.js';
import { Difficulty } from '../model/role.js';
import { normalizeHost } from '../core/llm/host.js';

/** Keys a person can set once with `interview-coach config set`. */
export const SETTINGS = {
  model: { schema: z.string().trim().min(1), help: SETTING_HELP.model },
  host: { schema: z.string().trim().min(1), help: SETTING_HELP.host },
  role: { schema: z.string().trim().min(1), help: SETTING_HELP.role },
  difficulty: { schema: Difficulty, help: SETTING_HELP.difficulty },
  questions: { schema: z.coerce.number().int().min(1).max(20), help: SETTING_HELP.questions },
  python: { schema: z.string().trim().min(1), help: SETTING_HELP.python },
  sttModel: { schema: z.string().trim().min(1), help: SETTING_HELP.sttModel },
  sttDevice: { schema: z.enum(['cpu', 'cuda', 'auto']), help: SETTING_HELP.sttDevice },
  sttComputeType: { schema: z.string().trim().min(1), help: SETTING_HELP.sttComputeType },
  language: { schema: z.string().trim().min(2), help: SETTING_HELP.language },
  piper: { schema: z.string().trim().min(1), help: SETTING_HELP.piper },
  piperVoice: { schema: z.string().trim().min(1), help: SETTING_HELP.piperVoice },
  silenceMs: { schema: z.coerce.number().int().min(200).max(5000), help: SETTING_HELP.silenceMs },
  maxAnswerSec: { schema: z.coerce.number().int().min(10).max(900), help: SETTING_HELP.maxAnswerSec },
  player: { schema: z.enum(['auto', 'aplay', 'play', 'afplay', 'ffplay', 'speaker']), help: SETTING_HELP.player },
} as const;
export type SettingKey = keyof typeof SETTINGS;
export type Settings = { [K in SettingKey]?: z.infer<(typeof SETTINGS)[K]['schema']> };

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

/** conf keeps the file in the platform config dir, or beside the data when INTERVIEW_COACH_HOME is set. */
export function openSettings(env: NodeJS.ProcessEnv = process.env): Conf<Settings> {
  if (env.INTERVIEW_COACH_HOME) ensurePrivateDir(env.INTERVIEW_COACH_HOME);
  try {
    return openConf(env);
  } catch (err) {
    throw new CoachError(`Cannot read the settings file (${errorMessage(err)}).`, {
      hint: 'Fix or delete the file shown above (`interview-coach config path`), or set INTERVIEW_COACH_HOME to a writable directory.',
      cause: err,
    });
  }
}

function openConf(env: NodeJS.ProcessEnv): Conf<Settings> {
  return new Conf<Settings>({
    projectName: 'interview-coach',
    projectSuffix: '',
    ...(env.INTERVIEW_COACH_HOME ? { cwd: env.INTERVIEW_COACH_HOME } : {}),
    configFileMode: 0o600,
  });
}

export function parseSetting(key: string, value: string): Settings[SettingKey] {
  if (!isSettingKey(key)) {
    throw new UsageError(
      `Unknown setting "${key}". Settings: ${Object.keys(SETTINGS).join(', ')}.`,
      'Run `interview-coach config list` to see them.',
    );
  }
  const result = SETTINGS[key].schema.safeParse(value);
  if (!result.success) throw new UsageError(`Invalid value for ${key}: "${value}" (${SETTINGS[key].help}).`);
  if (key === 'host') {
    try {
      return normalizeHost(result.data as string);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  return result.data;
}
