/**
 * What an OpenAI-compatible server says about its models. /v1/models lists their ids; the
 * context length is not part of the OpenAI API, but the servers people run say it their own way:
 *
 * - vLLM: `max_model_len` on each model object;
 * - llama-server: GET /props `default_generation_settings.n_ctx` (the window of one slot: `-c`
 *   divided by `--parallel`), else `meta.n_ctx_train` on the model object;
 * - LM Studio: GET /api/v0/models/<id> `loaded_context_length` or `max_context_length`.
 *
 * Anything else: unknown (the session then plans for the minimum window, context.ts).
 */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The root of the server: the base URL without its trailing /v1 (where /props and /api/v0 live). */
export function serverRoot(baseUrl: string): string {
  return baseUrl.replace(/\/v1$/, '');
}

/** A positive whole number, or null. */
function length(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null;
}

/** The context length a model object of /v1/models carries itself (vLLM, llama-server's training length). */
export function listedContextLength(model: unknown): number | null {
  if (!isRecord(model)) return null;
  const meta = isRecord(model.meta) ? model.meta : {};
  return length(model.max_model_len) ?? length(meta.n_ctx_train);
}

/** Which server-specific route may say more, from the model object's owned_by. */
export function extraContextRoute(
  model: unknown,
  baseUrl: string,
): { url: string; read: (body: unknown) => number | null } | null {
  if (!isRecord(model) || typeof model.id !== 'string') return null;
  const root = serverRoot(baseUrl);
  if (model.owned_by === 'llamacpp') {
    return {
      url: `${root}/props`,
      read: (body) => {
        const settings =
          isRecord(body) && isRecord(body.default_generation_settings) ? body.default_generation_settings : {};
        return length(settings.n_ctx);
      },
    };
  }
  if (model.owned_by === 'organization_owner') {
    return {
      url: `${root}/api/v0/models/${encodeURIComponent(model.id)}`,
      read: (body) => (isRecord(body) ? (length(body.loaded_context_length) ?? length(body.max_context_length)) : null),
    };
  }
  return null;
}
