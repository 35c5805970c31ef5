import { CoachError } from '../../shared/errors.js';
import { cleanLine } from '../../shared/sanitize.js';

export type LlmErrorKind = 'unreachable' | 'model-missing' | 'timeout' | 'stream-cut' | 'server' | 'aborted';

/**
 * A failure talking to the LLM, with the sentence and next step a person needs. Both are made
 * one clean line here, whoever builds the error: they quote the host (its error text, model
 * names) and are printed, shown as the fallback banner and stored (offline_reason, evaluations.error).
 */
export class LlmError extends CoachError {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    hint?: string,
    cause?: unknown,
  ) {
    super(cleanLine(message), { hint: hint === undefined ? undefined : cleanLine(hint), cause });
    this.name = 'LlmError';
  }
}

interface Ctx {
  host: string;
  model: string;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNRESET',
]);

/**
 * How much of the host's own words an error message keeps. An error body is the host's text
 * (ollama-js gives its `error` field, or the whole body when it is not JSON): it may be long,
 * and it is untrusted, so it is made one clean line before it is shown or stored anywhere.
 */
const HOST_TEXT_MAX = 300;

/** Maps what ollama-js / undici throw onto the failures a person can act on. */
export function toLlmError(err: unknown, ctx: Ctx, midStream: boolean): LlmError {
  if (err instanceof LlmError) return err;
  const e = err as { name?: string; message?: string; status_code?: number; cause?: { code?: string; name?: string } };
  const raw = e?.message ?? String(err);
  const message = cleanLine(raw, HOST_TEXT_MAX);
  if (e?.name === 'AbortError' || e?.cause?.name === 'AbortError') {
    return new LlmError('aborted', 'Cancelled.', undefined, err);
  }
  if (e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError') {
    return new LlmError(
      'timeout',
      `Ollama at ${ctx.host} did not answer in time.`,
      'Check that `ollama serve` is healthy, or use --offline.',
      err,
    );
  }
  if (typeof e?.status_code === 'number') {
    if (e.status_code === 404) {
      return new LlmError(
        'model-missing',
        `Model '${ctx.model}' is not pulled on ${ctx.host}.`,
        `Run: ollama pull ${ctx.model}`,
        err,
      );
    }
    return new LlmError(
      'server',
      `Ollama answered ${e.status_code}: ${message}`,
      'Check the `ollama serve` log; retry in a moment.',
      err,
    );
  }
  const code = e?.cause?.code;
  if (!midStream && ((code && UNREACHABLE_CODES.has(code)) || raw === 'fetch failed')) {
    return new LlmError(
      'unreachable',
      `Ollama is not running at ${ctx.host}.`,
      'Start it with `ollama serve` (or pass --host, or --offline).',
      err,
    );
  }
  if (midStream && (raw.startsWith('Did not receive done') || raw === 'terminated' || code === 'UND_ERR_SOCKET')) {
    return new LlmError(
      'stream-cut',
      'The connection to Ollama dropped in the middle of a reply.',
      'Check that `ollama serve` is still running; what you answered so far is saved.',
      err,
    );
  }
  return new LlmError(
    'server',
    `Ollama error: ${message}`,
    'Check the `ollama serve` log; what you answered so far is saved.',
    err,
  );
}
