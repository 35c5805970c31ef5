import { CoachError } from '../../shared/errors.js';

export type LlmErrorKind = 'unreachable' | 'model-missing' | 'timeout' | 'stream-cut' | 'server' | 'aborted';

/** A failure talking to the LLM, with the sentence and next step a person needs. */
export class LlmError extends CoachError {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    hint?: string,
    cause?: unknown,
  ) {
    super(message, { hint, cause });
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

/** Maps what ollama-js / undici throw onto the failures a person can act on. */
export function toLlmError(err: unknown, ctx: Ctx, midStream: boolean): LlmError {
  if (err instanceof LlmError) return err;
  const e = err as { name?: string; message?: string; status_code?: number; cause?: { code?: string; name?: string } };
  const message = e?.message ?? String(err);
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
  if (!midStream && ((code && UNREACHABLE_CODES.has(code)) || message === 'fetch failed')) {
    return new LlmError(
      'unreachable',
      `Ollama is not running at ${ctx.host}.`,
      'Start it with `ollama serve` (or pass --host, or --offline).',
      err,
    );
  }
  if (
    midStream &&
    (message.startsWith('Did not receive done') || message === 'terminated' || code === 'UND_ERR_SOCKET')
  ) {
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
