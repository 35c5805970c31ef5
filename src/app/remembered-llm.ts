/**
 * A saved session remembers its Ollama host, interviewer model and judge model, and `evaluate`,
 * `resume` and `retry` reuse them before config (start-options.ts resolveLlmTarget). When config
 * (or OLLAMA_HOST) names another, the person is told which one is used and how to pick the other.
 */
import { normalizeHost, sameModel } from '../core/llm/host.js';
import { endpointText, normalizeBaseUrl, parseEndpoint } from '../core/llm/provider.js';
import type { Settings } from './settings.js';
import type { RememberedLlm } from './start-options.js';
import { info } from './output.js';

type Key = keyof RememberedLlm;

/** The flag that sets each key in this command (`evaluate` grades with --model); keys it has not are left out. */
export type RememberedFlags = Partial<Record<Key, string>>;

/** start, resume and retry: --model is the interviewer, --judge-model the judge. */
export const INTERVIEW_LLM_FLAGS: RememberedFlags = { host: '--host', model: '--model', judgeModel: '--judge-model' };

const LABELS: Record<Key, string> = { host: 'host', model: 'model', judgeModel: 'judge model' };

/** One line per key where the session's value wins over a different configured one. */
export function rememberedNotes(
  given: Partial<Record<Key | 'baseUrl' | 'provider', string | undefined>>,
  settings: Settings,
  env: NodeJS.ProcessEnv,
  remembered: RememberedLlm,
  flags: RememberedFlags,
): string[] {
  const notes: string[] = [];
  for (const key of Object.keys(flags) as Key[]) {
    const used = remembered[key];
    // --base-url or --provider choose the server as --host does.
    const chosen = key === 'host' ? (given.host ?? given.baseUrl ?? given.provider) : given[key];
    if (chosen !== undefined || used === null) continue;
    const configured = configuredValue(key, settings, env);
    if (!configured || same(key, used, configured.value)) continue;
    const openai = parseEndpoint(configured.value).provider === 'openai';
    const shown = (v: string) => (key === 'host' ? parseEndpoint(v).address : v);
    const flag = key === 'host' && openai ? '--base-url' : flags[key];
    notes.push(
      `Using the session's ${LABELS[key]} ${shown(used)}, not ${configured.source} ${shown(configured.value)}: pass ${flag} ${shown(configured.value)} to use that.`,
    );
  }
  return notes;
}

/** rememberedNotes, said on stderr. */
export function sayRemembered(...args: Parameters<typeof rememberedNotes>): void {
  for (const note of rememberedNotes(...args)) info(note);
}

function configuredValue(key: Key, settings: Settings, env: NodeJS.ProcessEnv) {
  if (key === 'host') {
    // The configured server, as an endpoint (core/llm/provider.ts) to compare with the session's.
    if (settings.provider === 'openai') {
      const url = settings.baseUrl ?? env.OPENAI_BASE_URL;
      if (!url) return null;
      return {
        value: endpointText({ provider: 'openai', address: url }),
        source: settings.baseUrl ? 'config baseUrl' : 'OPENAI_BASE_URL',
      };
    }
    if (settings.host) return { value: settings.host, source: 'config host' };
    return env.OLLAMA_HOST ? { value: env.OLLAMA_HOST, source: 'OLLAMA_HOST' } : null;
  }
  const value = settings[key];
  return value ? { value, source: `config ${key}` } : null;
}

function same(key: Key, a: string, b: string): boolean {
  if (key !== 'host') return sameModel(a, b);
  const [x, y] = [parseEndpoint(a), parseEndpoint(b)];
  if (x.provider !== y.provider) return false;
  try {
    const normalize = x.provider === 'openai' ? normalizeBaseUrl : normalizeHost;
    return normalize(x.address) === normalize(y.address);
  } catch {
    return false; // a configured host that does not parse is not the session's
  }
}
