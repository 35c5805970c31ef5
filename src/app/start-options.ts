import { UsageError } from '../shared/errors.js';
import { DEFAULT_HOST, DEFAULT_MODEL, normalizeHost } from '../core/llm/host.js';
import { Difficulty } from '../model/role.js';
import type { Settings } from './settings.js';
import type { VoiceOptions } from '../model/voice-options.js';

export interface StartFlags {
  role?: string;
  roleFile?: string;
  difficulty?: string;
  questions?: string;
  model?: string;
  host?: string;
  offline?: boolean;
  evaluate?: boolean;
  json?: boolean;
}

export interface StartOptions {
  role: string | null;
  roleFile: string | null;
  difficulty: Difficulty;
  questions: number;
  model: string;
  host: string;
  offline: boolean;
  /** Evaluate when the interview is over (--no-evaluate turns it off). */
  evaluate: boolean;
  /** Headless: print the session as one JSON document instead of the plain transcript. */
  json: boolean;
  /** Voice mode and its settings (null: typed answers). */
  voice?: VoiceOptions | null;
}

/** Precedence: flag > config > OLLAMA_HOST (host only) > default. */
export function resolveStartOptions(
  flags: StartFlags,
  settings: Settings,
  env: NodeJS.ProcessEnv = process.env,
): StartOptions {
  const difficultyRaw = flags.difficulty ?? settings.difficulty ?? 'medium';
  const difficulty = Difficulty.safeParse(difficultyRaw);
  if (!difficulty.success) throw new UsageError(`Invalid --difficulty "${difficultyRaw}". Use easy, medium or hard.`);

  const questionsRaw = flags.questions ?? settings.questions ?? 5;
  const questions = Number(questionsRaw);
  if (!Number.isInteger(questions) || questions < 1 || questions > 20) {
    throw new UsageError(`Invalid --questions "${questionsRaw}". Use a whole number from 1 to 20.`);
  }

  const { host, model } = resolveLlmTarget(flags, settings, env);

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
    difficulty: difficulty.data,
    questions,
    model,
    host,
    offline: Boolean(flags.offline),
    evaluate: flags.evaluate !== false,
    json: Boolean(flags.json),
  };
}

/** Which Ollama and which model. `sessionModel` (for re-evaluating a past session) comes after config. */
export function resolveLlmTarget(
  flags: { model?: string; host?: string },
  settings: Settings,
  env: NodeJS.ProcessEnv = process.env,
  sessionModel?: string | null,
): { host: string; model: string } {
  const hostRaw = flags.host ?? settings.host ?? env.OLLAMA_HOST ?? DEFAULT_HOST;
  let host: string;
  try {
    host = normalizeHost(hostRaw);
  } catch (err) {
    throw new UsageError(`Invalid --host: ${(err as Error).message}.`);
  }
  const model = (flags.model ?? sessionModel ?? settings.model ?? DEFAULT_MODEL).trim();
  if (!model) throw new UsageError('--model cannot be empty.');
  return { host, model };
}
