/**
 * What the `openai` client throws, mapped onto the failures a person can act on (llm-errors.ts
 * kinds), each one line with its next step. The server's own words (an error object's message)
 * are untrusted: LlmError makes them one clean line, cut to a few hundred characters.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { cleanLine } from '../../shared/sanitize.js';
import { LlmError } from './llm-errors.js';

const SERVER_TEXT_MAX = 300;

export interface OpenAiErrorContext {
  /** The base URL, for messages. */
  address: string;
  model: string;
  /** The environment variable the key comes from, for the hint on 401/403. */
  apiKeyEnv: string;
  /** A key was found in it. */
  hasKey: boolean;
}

/** The server's message inside an error object ({"error": {"message": …}}), cleaned. */
function serverWords(err: { error?: unknown; message: string }): string {
  const body: unknown = err.error;
  const inner = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
  const text = typeof inner === 'string' ? inner : err.message;
  return cleanLine(text, SERVER_TEXT_MAX);
}

/** Did the server refuse `response_format: json_schema` (then json_object is tried instead)? */
export function rejectsJsonSchema(err: unknown): boolean {
  if (!(err instanceof APIError) || (err.status !== 400 && err.status !== 422 && err.status !== 501)) return false;
  return /response_format|json_schema/i.test(JSON.stringify(err.error ?? err.message));
}

export function toOpenAiError(err: unknown, ctx: OpenAiErrorContext, midStream: boolean): LlmError {
  if (err instanceof LlmError) return err;
  const at = `the server at ${ctx.address}`;
  if (err instanceof APIUserAbortError) return new LlmError('aborted', 'Cancelled.', undefined, err);
  if (err instanceof APIConnectionTimeoutError) {
    return new LlmError(
      'timeout',
      `The OpenAI-compatible server at ${ctx.address} did not answer in time.`,
      undefined,
      err,
    );
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    const words = serverWords(err);
    switch (err.status) {
      case 401:
      case 403:
        return new LlmError(
          'server',
          `The OpenAI-compatible server refused the request (${err.status}: ${words}).`,
          ctx.hasKey
            ? `Check the key in ${ctx.apiKeyEnv}: ${at} does not accept it.`
            : `Set ${ctx.apiKeyEnv} to the server's API key (e.g. export ${ctx.apiKeyEnv}=…), or name another variable: \`interview-coach config set apiKeyEnv NAME\`.`,
          err,
        );
      case 404:
        return new LlmError(
          'model-missing',
          `Model '${ctx.model}' is not served at ${ctx.address} (404: ${words}).`,
          `Check the model name (\`curl ${ctx.address}/models\`) and that the base URL ends where the server's API does (usually /v1).`,
          err,
        );
      case 429:
        return new LlmError(
          'server',
          `The OpenAI-compatible server is busy (429: ${words}).`,
          'Retry in a moment; a shared server may need more capacity (see README, Serving many people).',
          err,
        );
      default:
        return new LlmError(
          'server',
          `The OpenAI-compatible server answered ${err.status}: ${words}`,
          `Check the server log at ${ctx.address}; what you answered so far is saved.`,
          err,
        );
    }
  }
  if (err instanceof APIError && midStream) {
    // An error object sent in the middle of a stream (data: {"error": …}): no HTTP status.
    return new LlmError(
      'stream-cut',
      `The OpenAI-compatible server stopped in the middle of a reply: ${serverWords(err)}`,
      'Check the server log; what you answered so far is saved.',
      err,
    );
  }
  const e = err as { name?: string; message?: string; cause?: { name?: string } };
  if (e?.name === 'AbortError' || e?.cause?.name === 'AbortError') {
    return new LlmError('aborted', 'Cancelled.', undefined, err);
  }
  if (!midStream && err instanceof APIConnectionError) {
    return new LlmError(
      'unreachable',
      `No OpenAI-compatible server is running at ${ctx.address}.`,
      'Start it (e.g. `vllm serve MODEL` or `llama-server -m FILE`), or pass --base-url, or --offline.',
      err,
    );
  }
  if (midStream) {
    return new LlmError(
      'stream-cut',
      'The connection to the OpenAI-compatible server dropped in the middle of a reply.',
      'Check that the server is still running; what you answered so far is saved.',
      err,
    );
  }
  return new LlmError(
    'server',
    `OpenAI-compatible server error: ${cleanLine(e?.message ?? String(err), SERVER_TEXT_MAX)}`,
    'Check the server log; what you answered so far is saved.',
    err,
  );
}
