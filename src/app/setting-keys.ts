/**
 * Every setting `interview-coach config` knows, in one table: what it sets, how its value is
 * read (the same check for `config set` and for the settings file, which anyone can edit), its
 * default, and an environment variable read before the default. Adding a setting is adding one
 * entry. Kept free of heavy imports (no zod, no conf): `config --help` reads it at start-up.
 */
import { DEFAULT_HOST, DEFAULT_MODEL, normalizeHost } from '../core/llm/host.js';
import { DEFAULT_KEEP_ALIVE, KEEP_ALIVE_PATTERN } from '../core/llm/keep-alive.js';
import {
  DEFAULT_API_KEY_ENV,
  DEFAULT_BASE_URL,
  ENV_NAME_PATTERN,
  PROVIDERS,
  normalizeBaseUrl,
} from '../core/llm/provider.js';
import { DEFAULT_LLM_TIMEOUT_SEC, LLM_TIMEOUT_SEC_RANGE } from '../core/llm/timeouts.js';
import { DIFFICULTIES, type Difficulty } from '../model/difficulty.js';
import { PLAYERS, VOICE_DEFAULTS } from '../model/voice-options.js';
import {
  ValueError,
  oneLineText,
  oneOfValues,
  ollamaModelName,
  orList,
  wholeNumberIn,
} from '../shared/value-checks.js';

/** The providers --provider accepts (commands may not import core: they read them here). */
export { PROVIDERS };

export interface SettingSpec<T extends string | number> {
  /** What it sets, for `config --help`; the default is added from `default`. */
  help: string;
  /** Reads a value as `config set` gets it (text) or as the settings file holds it (JSON); throws ValueError. */
  read: (raw: unknown) => T;
  /** The value when nothing sets it; null when there is none. */
  default: T | null;
  /** The default is what another setting resolves to (judgeModel: the interviewer model). */
  defaultOf?: string;
  /** An environment variable that sets it when config does not, before the default. */
  env?: string;
  /** A check that needs more than the text (a saved custom role), made by `config set` only. */
  confirm?(value: T): Promise<void>;
}

/** Interview defaults that have no home of their own (the model's, the host's and voice's do). */
export const DEFAULT_DIFFICULTY: Difficulty = 'medium';
export const DEFAULT_QUESTIONS = 5;

const setting = <T extends string | number>(spec: SettingSpec<T>): SettingSpec<T> => spec;

/** Text a person types; anything else in the file (a number, null, a list) is refused the same way. */
const asText =
  <T>(read: (text: string) => T, use: string) =>
  (raw: unknown): T => {
    if (typeof raw !== 'string') throw new ValueError(use);
    return read(raw);
  };

const modelName = asText(
  ollamaModelName,
  'Use an Ollama model name such as mistral, llama3.1:8b or hf.co/user/model:Q4_K_M.',
);
const oneLine = (what: string) => asText((text) => oneLineText(text, what), `Use ${what} on one line.`);
const choice = <const C extends readonly string[]>(choices: C) =>
  asText((text): C[number] => oneOfValues(text, choices), `Use ${orList(choices)}.`);

/** `config set` types digits; the file holds a JSON number. Either way the same digits and range. */
const wholeNumber =
  (min: number, max: number) =>
  (raw: unknown): number =>
    wholeNumberIn(typeof raw === 'number' || typeof raw === 'string' ? String(raw) : '', min, max);

const HOST_USE = `Use an http(s) address with a host name, such as ${DEFAULT_HOST} (a host without a port means 11434).`;
const readHost = asText((text) => {
  try {
    return normalizeHost(text);
  } catch {
    throw new ValueError(HOST_USE);
  }
}, HOST_USE);

const BASE_URL_USE = `Use the server's http(s) base URL, such as ${DEFAULT_BASE_URL} (vLLM), http://127.0.0.1:8080/v1 (llama-server) or http://127.0.0.1:1234/v1 (LM Studio).`;
const readBaseUrl = asText((text) => {
  try {
    return normalizeBaseUrl(text);
  } catch {
    throw new ValueError(BASE_URL_USE);
  }
}, BASE_URL_USE);

const ENV_NAME_USE = `Use the name of an environment variable, such as ${DEFAULT_API_KEY_ENV} (the key itself is never saved).`;
const readEnvName = asText((text) => {
  if (!ENV_NAME_PATTERN.test(text.trim())) throw new ValueError(ENV_NAME_USE);
  return text.trim();
}, ENV_NAME_USE);

const KEEP_ALIVE_USE =
  'Use a duration such as 30m or 1h30m, whole seconds such as 3600, -1 to keep the model loaded, or 0 to unload it after each call.';
const readKeepAlive = asText((text) => {
  if (!KEEP_ALIVE_PATTERN.test(text.trim())) throw new ValueError(KEEP_ALIVE_USE);
  return text.trim();
}, KEEP_ALIVE_USE);

const ROLE_USE = 'Use a role id or short name from `interview-coach roles` (such as backend or sre).';
/** The form of a role id or alias; whether such a role exists is `confirm`'s to say (it may be a saved custom role). */
const readRole = asText((text) => {
  const id = text.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) throw new ValueError(ROLE_USE);
  return id;
}, ROLE_USE);

const STT_PROMPT_MAX = 200;
const LANGUAGE_USE = 'Use a language code such as en, de or fr.';
const readLanguage = asText((text) => {
  const code = text.trim().toLowerCase();
  if (!/^[a-z]{2,3}$/.test(code)) throw new ValueError(LANGUAGE_USE);
  return code;
}, LANGUAGE_USE);

const STT_PROMPT_USE = `Use a short line of text (at most ${STT_PROMPT_MAX} characters), or "" for none.`;
/** Whisper reads at most 223 prompt tokens; a prompt is a style hint, so a line is plenty. Empty turns it off. */
const readSttPrompt = asText((text) => {
  const prompt = text.trim();
  if (prompt === '') return '';
  if (prompt.length > STT_PROMPT_MAX) throw new ValueError(STT_PROMPT_USE);
  return oneLineText(prompt, 'a short line of text');
}, STT_PROMPT_USE);

/** CTranslate2's compute types (what faster-whisper accepts as compute_type). */
const COMPUTE_TYPES = [
  'int8',
  'int8_float32',
  'int8_float16',
  'int8_bfloat16',
  'int16',
  'float16',
  'bfloat16',
  'float32',
  'auto',
  'default',
] as const;

export const SETTINGS = {
  model: setting({ help: 'Ollama model for the interviewer', read: modelName, default: DEFAULT_MODEL }),
  judgeModel: setting({
    help: 'Ollama model that grades the interview',
    read: modelName,
    default: null,
    defaultOf: 'model',
  }),
  provider: setting({
    help: 'ollama | openai (an OpenAI-compatible server: vLLM, llama-server, LM Studio)',
    read: choice(PROVIDERS),
    default: 'ollama',
  }),
  host: setting({ help: 'Ollama host', read: readHost, default: DEFAULT_HOST, env: 'OLLAMA_HOST' }),
  baseUrl: setting({
    help: 'OpenAI-compatible server base URL',
    read: readBaseUrl,
    default: DEFAULT_BASE_URL,
    env: 'OPENAI_BASE_URL',
  }),
  apiKeyEnv: setting({
    help: "environment variable holding the OpenAI-compatible server's API key (the key is never saved)",
    read: readEnvName,
    default: DEFAULT_API_KEY_ENV,
  }),
  keepAlive: setting({
    help: 'how long Ollama keeps the model loaded after each call: 30m, 1h, 3600 (seconds), -1 = always',
    read: readKeepAlive,
    default: DEFAULT_KEEP_ALIVE,
  }),
  llmTimeoutSec: setting({
    help: "seconds to wait for the model's first token, model load included, 1-3600; between tokens half of it, a whole call at most 10 times it",
    read: wholeNumber(LLM_TIMEOUT_SEC_RANGE.min, LLM_TIMEOUT_SEC_RANGE.max),
    default: DEFAULT_LLM_TIMEOUT_SEC,
  }),
  role: setting({
    help: 'role used when --role is not given',
    read: readRole,
    default: null,
    confirm: async (name) => {
      // Built-ins, aliases and saved custom roles: the same lookup `start --role` makes.
      const { roleNameProblem } = await import('./start-role.js');
      const use = await roleNameProblem(name);
      if (use) throw new ValueError(use);
    },
  }),
  difficulty: setting({ help: 'easy | medium | hard', read: choice(DIFFICULTIES), default: DEFAULT_DIFFICULTY }),
  questions: setting({
    help: 'main questions per interview, 1-20',
    read: wholeNumber(1, 20),
    default: DEFAULT_QUESTIONS,
  }),
  python: setting({
    help: 'voice: Python that has faster-whisper',
    read: oneLine('a command or a path'),
    default: VOICE_DEFAULTS.python,
  }),
  sttModel: setting({
    help: 'voice: Whisper model name or local model folder',
    read: oneLine('a model name or a folder'),
    default: VOICE_DEFAULTS.sttModel,
  }),
  sttDevice: setting({
    help: 'voice: cpu | cuda | auto',
    read: choice(['cpu', 'cuda', 'auto']),
    default: VOICE_DEFAULTS.sttDevice,
  }),
  sttComputeType: setting({
    help: 'voice: CTranslate2 compute type (int8 is right on CPU)',
    read: choice(COMPUTE_TYPES),
    default: VOICE_DEFAULTS.sttComputeType,
  }),
  sttPrompt: setting({
    help: 'voice: text Whisper reads before each answer: a disfluent one keeps fillers such as "um" in the transcript; "" sends none',
    read: readSttPrompt,
    default: VOICE_DEFAULTS.sttPrompt,
  }),
  language: setting({
    help: 'voice: language spoken in answers',
    read: readLanguage,
    default: VOICE_DEFAULTS.language,
  }),
  piper: setting({
    help: 'voice: Piper command or path',
    read: oneLine('a command or a path'),
    default: VOICE_DEFAULTS.piper,
  }),
  piperVoice: setting({
    help: 'voice: Piper voice model, a .onnx file with its .onnx.json beside it',
    read: oneLine('a path'),
    default: VOICE_DEFAULTS.piperVoice,
  }),
  silenceMs: setting({
    help: 'voice: trailing silence that ends a spoken answer, ms',
    read: wholeNumber(200, 5000),
    default: VOICE_DEFAULTS.silenceMs,
  }),
  graceMs: setting({
    help: 'voice: speech resuming this long after the end of an answer joins it (still listening…), ms; 0 = off',
    read: wholeNumber(0, 10000),
    default: VOICE_DEFAULTS.graceMs,
  }),
  maxAnswerSec: setting({
    help: 'voice: longest spoken answer, seconds',
    read: wholeNumber(10, 900),
    default: VOICE_DEFAULTS.maxAnswerSec,
  }),
  bargeIn: setting({
    help: 'voice: on | off; speaking while the interviewer talks stops it (use headphones)',
    read: choice(['on', 'off']),
    default: 'off',
  }),
  player: setting({
    help: `voice: ${PLAYERS.join(' | ')}`,
    read: choice(PLAYERS),
    default: VOICE_DEFAULTS.player,
  }),
};

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = ReturnType<(typeof SETTINGS)[K]['read']>;
/** The saved settings, each key optional, each value read by its key's `read`. */
export type Settings = { [K in SettingKey]?: SettingValue<K> };

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

/** Every key, in the order `config list` and `config --help` show them. */
export const SETTING_KEYS = Object.keys(SETTINGS).filter(isSettingKey);

/** One line of `config --help`: what the setting does and its default. */
export function settingHelp(key: SettingKey): string {
  const spec: SettingSpec<string | number> = SETTINGS[key];
  if (spec.defaultOf) return `${spec.help} (default: the same as ${spec.defaultOf})`;
  if (spec.default === null) return spec.help;
  return `${spec.help} (default ${spec.default})`;
}
