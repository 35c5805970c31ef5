import { Ollama } from 'ollama';
import { sameModel } from './host.js';
import { toLlmError } from './llm-errors.js';
import { cleanLine } from '../../shared/sanitize.js';

export interface InstalledModel {
  name: string;
  /** The sha256 digest from /api/tags: it changes when the model is pulled again in a new version. */
  digest: string | null;
}

/** The models pulled on this Ollama, with their digests (/api/tags). */
export async function installedModels(host: string, signal?: AbortSignal): Promise<InstalledModel[]> {
  try {
    const fetchWithSignal: typeof fetch = (input, init) => fetch(input, { ...init, signal: signal ?? init?.signal });
    const res = await new Ollama({ host, fetch: fetchWithSignal }).list();
    // Both are the host's words, shown by selftest: cleaned like any.
    return res.models.map((m) => ({
      name: cleanLine(m.name),
      digest: (typeof m.digest === 'string' && cleanLine(m.digest)) || null,
    }));
  } catch (err) {
    throw toLlmError(err, { host, model: '' }, false);
  }
}

/** The digest of `model` among the installed ones ('mistral' is 'mistral:latest'), or null. */
export function digestOf(installed: readonly InstalledModel[], model: string): string | null {
  return installed.find((m) => sameModel(m.name, model))?.digest ?? null;
}
