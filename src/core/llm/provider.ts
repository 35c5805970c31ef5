/**
 * Which kind of server the LLM runs on. Ollama speaks its own API (/api/chat); vLLM,
 * llama.cpp's llama-server, LM Studio and TGI speak the OpenAI-compatible one (/v1/chat/completions).
 *
 * Sessions, evaluations and the calls log remember where they ran in one text, the endpoint:
 * an Ollama host as it always was (`http://127.0.0.1:11434`), an OpenAI-compatible server as
 * `openai+` and its base URL (`openai+http://gpu-box:8000/v1`). So a resumed session goes back to
 * the same kind of server, and rows written before there was a choice read as Ollama.
 */
export const PROVIDERS = ['ollama', 'openai'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** vLLM's default address (`vllm serve`); llama-server listens on :8080, LM Studio on :1234. */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:8000/v1';
/** The environment variable the API key is read from unless config apiKeyEnv names another. */
export const DEFAULT_API_KEY_ENV = 'OPENAI_API_KEY';

const OPENAI_PREFIX = 'openai+';

export interface Endpoint {
  provider: ProviderName;
  /** The Ollama host, or the OpenAI-compatible base URL (with its /v1). */
  address: string;
}

/** The text a session or a call keeps for where it ran. */
export function endpointText(e: Endpoint): string {
  return e.provider === 'openai' ? `${OPENAI_PREFIX}${e.address}` : e.address;
}

/** Reads an endpoint back: anything without the `openai+` mark is an Ollama host. */
export function parseEndpoint(text: string): Endpoint {
  return text.startsWith(OPENAI_PREFIX)
    ? { provider: 'openai', address: text.slice(OPENAI_PREFIX.length) }
    : { provider: 'ollama', address: text };
}

/** How messages name the server: "Ollama at http://…" or "The server at http://…/v1". */
export function serverName(e: Endpoint): string {
  return e.provider === 'openai' ? `The OpenAI-compatible server at ${e.address}` : `Ollama at ${e.address}`;
}

/**
 * Normalises a base URL as a person types it: a scheme is required to be http(s), trailing
 * slashes go, nothing else is guessed (servers differ in their paths: most end in /v1).
 */
export function normalizeBaseUrl(raw: string): string {
  const value = raw.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    throw new Error(`"${raw}" is not a valid URL (expected e.g. ${DEFAULT_BASE_URL})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`"${raw}" is not an http(s) URL`);
  if (url.hostname === '') throw new Error(`"${raw}" names no host (expected e.g. ${DEFAULT_BASE_URL})`);
  if (url.username || url.password)
    throw new Error(`"${raw}" carries a user or password: pass the key in an environment variable`);
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  return url.toString().replace(/\/+$/, '');
}

/** A variable name as shells accept it (config apiKeyEnv). */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
