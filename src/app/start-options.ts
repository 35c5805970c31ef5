/**
 * From parsed flags and saved settings to the options of one interview (start, resume, retry).
 * Commander has already checked each flag's form (numbers, choices); this applies precedence:
 * flag > the saved session's (resume, retry, evaluate) > config > OLLAMA_HOST (host only) >
 * default, and checks what depends on several flags.
 */
import { UsageError, errorMessage } from '../shared/errors.js';
import { DEFAULT_HOST, DEFAULT_MODEL, normalizeHost } from '../core/llm/host.js';
import { DEFAULT_KEEP_ALIVE } from '../core/llm/keep-alive.js';
import {
  DEFAULT_API_KEY_ENV,
  DEFAULT_BASE_URL,
  endpointText,
  normalizeBaseUrl,
  parseEndpoint,
  type ProviderName,
} from '../core/llm/provider.js';
import { DEFAULT_LLM_TIMEOUT_SEC } from '../core/llm/timeouts.js';
import type { Difficulty } from '../model/difficulty.js';
import type { Session } from '../model/session.js';
import type { InterviewFormat } from '../model/design-round.js';
import { DEFAULT_ROUND_MINUTES } from '../core/interview/deep-phases.js';
import { VOICE_DEFAULTS, type VoiceOptions } from '../model/voice-options.js';
import type { Settings } from './settings.js';
import { DEFAULT_DIFFICULTY, DEFAULT_QUESTIONS } from './setting-keys.js';

/** The flags every command that runs an interview shares (start, resume, retry). */
export interface InterviewFlags {
  model?: string;
  /** --judge-model: the model that grades (default: config judgeModel, else the interviewer model). */
  judgeModel?: string;
  /** --samples: judgements per part of the evaluation (median grade, spread shown). */
  samples?: number;
  host?: string;
  /** --provider: ollama or openai (an OpenAI-compatible server). */
  provider?: ProviderName;
  /** --base-url: the OpenAI-compatible server (implies --provider openai). */
  baseUrl?: string;
  offline?: boolean;
  /** false with --no-evaluate. */
  evaluate?: boolean;
  json?: boolean;
  /** Context-window use of each turn (and with --voice, its latency). */
  verbose?: boolean;
}

export interface VoiceFlags {
  voice?: boolean;
  pushToTalk?: boolean;
  bargeIn?: boolean;
  voiceInput?: string;
  voiceOutput?: string;
  sttModel?: string;
  piperVoice?: string;
  silenceMs?: number;
  graceMs?: number;
}

export interface StartFlags extends InterviewFlags, VoiceFlags {
  role?: string;
  roleFile?: string;
  difficulty?: Difficulty;
  questions?: number;
  /** --jd FILE, --resume FILE: ground the interview in a job description and a résumé. */
  jd?: string;
  resume?: string;
  /** false with --no-store: keep only the documents' titles and hashes. */
  store?: boolean;
  format?: InterviewFormat;
  problem?: string;
  minutes?: number;
}

export interface StartOptions {
  role: string | null;
  roleFile: string | null;
  difficulty: Difficulty;
  questions: number;
  /** The deep system-design round (--format deep): the problem asked for (null: chosen) and its length. */
  deep: { problem: string | null; minutes: number } | null;
  model: string;
  /** The model that grades the session at the end (the interviewer model unless told otherwise). */
  judgeModel: string;
  /** How many judgements the evaluation takes the median of (--samples, default 1). */
  samples: number;
  /** Where the model runs: the endpoint text (core/llm/provider.ts), an Ollama host or openai+<base URL>. */
  host: string;
  /** The environment variable an OpenAI-compatible server's key is read from (config apiKeyEnv). */
  apiKeyEnv: string;
  /** Ollama keep_alive for every call (config keepAlive, default 30m). */
  keepAlive: string;
  /** Seconds to wait for the first token (config llmTimeoutSec); the other limits follow from it. */
  llmTimeoutSec: number;
  offline: boolean;
  /** Evaluate when the interview is over (--no-evaluate turns it off). */
  evaluate: boolean;
  /** Headless: print the session as one JSON document instead of the plain transcript. */
  json: boolean;
  /** --verbose: notices about the context window, and voice latencies. */
  verbose: boolean;
  /** Voice mode and its settings (null: typed answers). */
  voice: VoiceOptions | null;
  /** Paths of the job description and the résumé to ground the interview in (start only). */
  jd: string | null;
  resume: string | null;
  /** Keep the documents' texts with the session (false: --no-store, only titles and hashes). */
  store: boolean;
}

export function resolveStartOptions(
  flags: StartFlags,
  settings: Settings,
  env: NodeJS.ProcessEnv = process.env,
): StartOptions {
  if (flags.role && flags.roleFile) throw new UsageError('Pass either --role or --role-file, not both.');
  const role = flags.roleFile ? null : (flags.role ?? settings.role ?? null);
  if (!role && !flags.roleFile) {
    throw new UsageError(
      'Choose a role with --role (e.g. --role backend).',
      'Run `interview-coach roles` to see them all.',
    );
  }
  return {
    role,
    roleFile: flags.roleFile ?? null,
    difficulty: flags.difficulty ?? settings.difficulty ?? DEFAULT_DIFFICULTY,
    questions: flags.questions ?? settings.questions ?? DEFAULT_QUESTIONS,
    deep: resolveDeep(flags),
    ...resolveLlmTarget(flags, settings, env),
    ...interviewSwitches(flags),
    voice: flags.voice ? resolveVoiceOptions(flags, settings) : null,
    jd: flags.jd ?? null,
    resume: flags.resume ?? null,
    store: flags.store !== false,
  };
}

/**
 * Options to continue or repeat a saved session: its role, difficulty, Ollama host, model and
 * judge model unless the flags say otherwise. `questions` is how many main questions the new run asks.
 */
export function sessionInterviewOptions(
  session: Pick<Session, 'roleId' | 'difficulty' | 'host' | 'model' | 'judgeModel'>,
  questions: number,
  flags: InterviewFlags,
  settings: Settings,
  env: NodeJS.ProcessEnv = process.env,
): StartOptions {
  return {
    role: session.roleId,
    roleFile: null,
    difficulty: session.difficulty,
    questions,
    deep: null,
    ...resolveLlmTarget(flags, settings, env, session),
    ...interviewSwitches(flags),
    voice: null,
    // A resumed session keeps what it was grounded in (its own row); a retry asks one saved question.
    jd: null,
    resume: null,
    store: true,
  };
}

/** --format deep and the flags that only mean something with it. */
function resolveDeep(flags: StartFlags): StartOptions['deep'] {
  if (flags.format !== 'deep') {
    const stray = flags.problem !== undefined ? '--problem' : flags.minutes !== undefined ? '--minutes' : null;
    if (stray) throw new UsageError(`${stray} goes with --format deep.`, 'Add --format deep (system-design round).');
    return null;
  }
  if (flags.questions !== undefined) {
    throw new UsageError(
      '--questions does not go with --format deep: the round is one problem in six phases.',
      'Use --minutes to make it shorter or longer.',
    );
  }
  if (flags.jd !== undefined || flags.resume !== undefined) {
    // The round's plan is its six phases: there is no question slot for derived questions.
    throw new UsageError(
      `${flags.jd !== undefined ? '--jd' : '--resume'} does not go with --format deep: the round is one design problem.`,
      'Drop it, or leave out --format deep for a grounded interview.',
    );
  }
  return { problem: flags.problem ?? null, minutes: flags.minutes ?? DEFAULT_ROUND_MINUTES };
}

function interviewSwitches(
  flags: InterviewFlags,
): Pick<StartOptions, 'offline' | 'evaluate' | 'json' | 'verbose' | 'samples'> {
  return {
    samples: flags.samples ?? 1,
    offline: Boolean(flags.offline),
    evaluate: flags.evaluate !== false,
    json: Boolean(flags.json),
    verbose: Boolean(flags.verbose),
  };
}

/** What a saved session remembers of where it ran (each null when it never used a model, or is older); host is the endpoint text. */
export type RememberedLlm = Pick<Session, 'host' | 'model' | 'judgeModel'>;

/** The flags that choose the server and the models. */
export interface LlmTargetFlags {
  model?: string;
  judgeModel?: string;
  host?: string;
  provider?: ProviderName;
  baseUrl?: string;
}

/**
 * Which server and which models. What a past session remembers comes after the flag, before
 * config. The judge: --judge-model, else the session's judge, else config judgeModel, else the
 * interviewer model. The provider: --provider, else the one --base-url (openai) or --host
 * (ollama) implies, else the session's, else config, else ollama.
 */
export function resolveLlmTarget(
  flags: LlmTargetFlags,
  settings: Settings,
  env: NodeJS.ProcessEnv = process.env,
  remembered?: RememberedLlm,
): { host: string; model: string; judgeModel: string; keepAlive: string; llmTimeoutSec: number; apiKeyEnv: string } {
  if (flags.host !== undefined && flags.baseUrl !== undefined) {
    throw new UsageError('Pass either --host (Ollama) or --base-url (an OpenAI-compatible server), not both.');
  }
  const implied: ProviderName | undefined =
    flags.baseUrl !== undefined ? 'openai' : flags.host !== undefined ? 'ollama' : undefined;
  if (flags.provider && implied && flags.provider !== implied) {
    throw new UsageError(
      flags.provider === 'openai'
        ? '--host is for Ollama: with --provider openai pass --base-url.'
        : '--base-url is for an OpenAI-compatible server: with --provider ollama pass --host.',
    );
  }
  const past = remembered?.host ? parseEndpoint(remembered.host) : null;
  const provider = flags.provider ?? implied ?? past?.provider ?? settings.provider ?? 'ollama';
  // What the session remembers counts only for the same kind of server.
  const same = past?.provider === provider ? remembered : undefined;
  const address =
    provider === 'openai'
      ? resolveBaseUrl(flags.baseUrl ?? (same ? past?.address : undefined), settings, env)
      : resolveHost(flags.host ?? (same ? past?.address : undefined), settings, env);
  const model = (flags.model ?? same?.model ?? settings.model ?? DEFAULT_MODEL).trim();
  if (!model) throw new UsageError('--model cannot be empty.');
  const judgeModel = (flags.judgeModel ?? same?.judgeModel ?? settings.judgeModel ?? model).trim();
  if (!judgeModel) throw new UsageError('--judge-model cannot be empty.');
  return {
    host: endpointText({ provider, address }),
    model,
    judgeModel,
    keepAlive: settings.keepAlive ?? DEFAULT_KEEP_ALIVE,
    llmTimeoutSec: settings.llmTimeoutSec ?? DEFAULT_LLM_TIMEOUT_SEC,
    apiKeyEnv: settings.apiKeyEnv ?? DEFAULT_API_KEY_ENV,
  };
}

/** The Ollama host: flag or session > config > OLLAMA_HOST > default. */
function resolveHost(given: string | undefined, settings: Settings, env: NodeJS.ProcessEnv): string {
  const hostRaw = given ?? settings.host ?? env.OLLAMA_HOST ?? DEFAULT_HOST;
  try {
    return normalizeHost(hostRaw);
  } catch (err) {
    // A saved host was checked when the settings were read; otherwise name where this one came from.
    if (given === undefined && settings.host === undefined && env.OLLAMA_HOST !== undefined) {
      throw new UsageError(
        `Invalid OLLAMA_HOST: ${errorMessage(err)}.`,
        'Fix or unset OLLAMA_HOST, or pass --host (or `interview-coach config set host …`).',
      );
    }
    throw new UsageError(`Invalid --host: ${errorMessage(err)}.`);
  }
}

/** The OpenAI-compatible base URL: flag or session > config > OPENAI_BASE_URL > vLLM's default. */
function resolveBaseUrl(given: string | undefined, settings: Settings, env: NodeJS.ProcessEnv): string {
  const raw = given ?? settings.baseUrl ?? env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL;
  try {
    return normalizeBaseUrl(raw);
  } catch (err) {
    if (given === undefined && settings.baseUrl === undefined && env.OPENAI_BASE_URL !== undefined) {
      throw new UsageError(
        `Invalid OPENAI_BASE_URL: ${errorMessage(err)}.`,
        'Fix or unset OPENAI_BASE_URL, or pass --base-url.',
      );
    }
    throw new UsageError(`Invalid --base-url: ${errorMessage(err)}.`);
  }
}

/** Voice mode's settings, with the same precedence: flag > config > default. */
export function resolveVoiceOptions(
  flags: VoiceFlags & Pick<InterviewFlags, 'verbose'>,
  settings: Settings,
): VoiceOptions {
  return {
    input: flags.voiceInput ?? null,
    pushToTalk: Boolean(flags.pushToTalk),
    bargeIn: flags.bargeIn ?? (settings.bargeIn ?? 'off') === 'on',
    python: settings.python ?? VOICE_DEFAULTS.python,
    sttModel: flags.sttModel ?? settings.sttModel ?? VOICE_DEFAULTS.sttModel,
    sttDevice: settings.sttDevice ?? VOICE_DEFAULTS.sttDevice,
    sttComputeType: settings.sttComputeType ?? VOICE_DEFAULTS.sttComputeType,
    sttPrompt: settings.sttPrompt ?? VOICE_DEFAULTS.sttPrompt,
    language: settings.language ?? VOICE_DEFAULTS.language,
    piper: settings.piper ?? VOICE_DEFAULTS.piper,
    piperVoice: flags.piperVoice ?? settings.piperVoice ?? VOICE_DEFAULTS.piperVoice,
    silenceMs: flags.silenceMs ?? settings.silenceMs ?? VOICE_DEFAULTS.silenceMs,
    graceMs: flags.graceMs ?? settings.graceMs ?? VOICE_DEFAULTS.graceMs,
    maxAnswerSec: settings.maxAnswerSec ?? VOICE_DEFAULTS.maxAnswerSec,
    player: flags.voiceOutput ?? settings.player ?? VOICE_DEFAULTS.player,
    verbose: Boolean(flags.verbose),
  };
}
