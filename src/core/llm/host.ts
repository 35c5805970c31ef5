export const DEFAULT_HOST = 'http://127.0.0.1:11434';
export const DEFAULT_MODEL = 'mistral';

/**
 * Normalises what a person types as an Ollama host. Unlike ollama-js (which maps
 * `http://h` to port 80), a host without a port means Ollama's 11434, as the
 * `ollama` CLI does with OLLAMA_HOST.
 */
export function normalizeHost(raw: string): string {
  let value = raw.trim();
  if (value === '') return DEFAULT_HOST;
  if (value.startsWith(':')) value = `127.0.0.1${value}`;
  // The scheme is looked for before trailing slashes go: `http://` alone names no host.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) value = `http://${value}`;
  // WHATWG URL parsing forgives `http:///h` and `http:h` as `http://h`; a host must be written out.
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(value)?.[1] ?? '';
  if (authority === '' || authority.startsWith(':') || authority.endsWith('@')) {
    throw new Error(`"${raw}" names no host (expected e.g. http://127.0.0.1:11434)`);
  }
  value = value.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`"${raw}" is not a valid host (expected e.g. http://127.0.0.1:11434)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`"${raw}" is not an http(s) host`);
  }
  if (url.hostname === '') throw new Error(`"${raw}" names no host (expected e.g. http://127.0.0.1:11434)`);
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  // URL drops a scheme's default port (https://h:443 reads as no port): only a port not written
  // means 11434, and a written one is kept in the result, so normalising again changes nothing.
  const written = /:(\d+)$/.exec(authority)?.[1];
  const port = url.port || (written ? (url.protocol === 'https:' ? '443' : '80') : '11434');
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.hostname}:${port}${path}`;
}

/** `mistral` and `mistral:latest` are the same model: the tag defaults to `latest`. */
export function canonicalModelName(name: string): string {
  const trimmed = name.trim();
  const lastSegment = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? trimmed : `${trimmed}:latest`;
}

export function sameModel(a: string, b: string): boolean {
  return canonicalModelName(a).toLowerCase() === canonicalModelName(b).toLowerCase();
}
