import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type Reply, type Standin, type StandinOptions } from './support/ollama-standin.mjs';
import { OllamaLlm } from '../src/core/llm/ollama-client.js';
import { LlmError } from '../src/core/llm/llm-errors.js';
import { llmTimeouts, type LlmTimeouts } from '../src/core/llm/timeouts.js';
import type { ChatChunk } from '../src/core/llm/types.js';
import type { LlmCall } from '../src/model/llm-call.js';
import { waitFor } from './support/wait.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

/** Small limits, in ms, so a stall is seen in a fraction of a second. */
const FAST: LlmTimeouts = { firstTokenMs: 400, idleMs: 250, callMs: 5000 };

async function client(reply: Reply | undefined, opts: StandinOptions = {}, timeouts: LlmTimeouts = FAST) {
  standin = await startStandin({ ...opts, ...(reply === undefined ? {} : { reply: () => reply }) });
  const calls: LlmCall[] = [];
  const llm = new OllamaLlm(standin.url, 'mistral', { timeouts, calls: { record: (c) => calls.push(c) } });
  return { llm, calls, standin };
}

/** Reads a whole reply: the chunks, or the error it ended with. */
async function read(llm: OllamaLlm, signal?: AbortSignal) {
  const chunks: ChatChunk[] = [];
  try {
    for await (const chunk of llm.chat([{ role: 'user', content: 'Hi' }], { purpose: 'interviewer', signal }))
      chunks.push(chunk);
    return { chunks, error: null };
  } catch (err) {
    return { chunks, error: err as LlmError };
  }
}

describe('llmTimeouts: one setting, the rest scaled from it', () => {
  it('the default is 120 s to the first token, 60 s between chunks, 20 minutes for a whole call', () => {
    expect(llmTimeouts()).toEqual({ firstTokenMs: 120_000, idleMs: 60_000, callMs: 1_200_000 });
    expect(llmTimeouts(1)).toEqual({ firstTokenMs: 1000, idleMs: 500, callMs: 10_000 });
  });
});

describe('OllamaLlm.chat: a stalled server is hung up on', () => {
  it('headers, then nothing: a first-token timeout, and the HTTP request is closed', async () => {
    const { llm, calls, standin } = await client({ text: 'Never sent.', hangAfterTokens: 0 });
    const { chunks, error } = await read(llm);
    expect(chunks).toEqual([]);
    expect(error).toBeInstanceOf(LlmError);
    expect(error?.kind).toBe('timeout');
    expect(error?.message).toBe(`Ollama at ${standin.url} did not start its reply within 0.4 s.`);
    expect(error?.hint).toContain('llmTimeoutSec');
    await waitFor(() => standin.abortedStreams === 1, 'the stand-in to see the hang-up');
    expect(standin.activeStreams).toBe(0);
    expect(calls[0]?.error).toBe(error?.message);
  });

  it('a model load that never ends (no headers at all): the same first-token timeout', async () => {
    const { llm, standin } = await client({ text: 'Never sent.', hangBeforeHeaders: true });
    const { error } = await read(llm);
    expect(error?.kind).toBe('timeout');
    expect(error?.message).toContain('did not start its reply');
    await waitFor(() => standin.abortedStreams === 1, 'the stand-in to see the hang-up');
  });

  it('empty chunks are not a first token', async () => {
    // Empty lines every 50 ms, far more often than the idle limit: only the first-token limit can end this.
    const { llm, standin } = await client({ tokens: Array<string>(200).fill(''), tokenDelayMs: 50 });
    const { chunks, error } = await read(llm);
    expect(error?.kind).toBe('timeout');
    expect(error?.message).toContain('did not start its reply');
    expect(chunks.every((c) => c.text === '' && !c.done)).toBe(true);
    await waitFor(() => standin.abortedStreams === 1, 'the stand-in to see the hang-up');
  });

  it('a stall in the middle of a reply: an idle timeout after the chunks already read', async () => {
    const { llm, calls, standin } = await client({ text: 'One two three four five six.', hangAfterTokens: 3 });
    const { chunks, error } = await read(llm);
    expect(chunks.map((c) => c.text).join('')).toBe('One two three');
    expect(error?.kind).toBe('timeout');
    expect(error?.message).toBe(`Ollama at ${standin.url} stopped in the middle of a reply (nothing for 0.25 s).`);
    await waitFor(() => standin.abortedStreams === 1, 'the stand-in to see the hang-up');
    expect(calls[0]?.reply).toBe('One two three');
  });

  it('a slow but steady reply, longer than every limit but the whole-call one, is read to its end', async () => {
    // 12 tokens 150 ms apart: 1.8 s in all, over four times the first-token limit and seven times the idle one.
    const text = 'Tell me about a time you had to debug a production outage at night?';
    const { llm, standin } = await client({ text, tokenDelayMs: 150, firstByteDelayMs: 300 });
    const started = Date.now();
    const { chunks, error } = await read(llm);
    expect(error).toBeNull();
    expect(Date.now() - started).toBeGreaterThan(FAST.firstTokenMs + FAST.idleMs);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    expect(chunks.at(-1)?.doneReason).toBe('stop');
    expect(standin.abortedStreams).toBe(0);
  });

  it('the idle limit counts only the wait for the server, not a slow reader', async () => {
    // The server is quick (50 ms a token); the reader is slow.
    const { llm } = await client({ text: 'One two three four.', tokenDelayMs: 50 });
    const chunks: string[] = [];
    for await (const chunk of llm.chat([{ role: 'user', content: 'Hi' }], { purpose: 'interviewer' })) {
      chunks.push(chunk.text);
      // The reader takes longer than the idle limit over each chunk (speaking it, say).
      await new Promise((r) => setTimeout(r, FAST.idleMs + 100));
    }
    expect(chunks.join('')).toBe('One two three four.');
  });

  it('reasoning counts as the first token: a thinking model is not cut while it thinks', async () => {
    const { llm } = await client(
      { text: 'Why?', thinking: 'Let me think about this for a while before I ask.', tokenDelayMs: 100 },
      { modelInfo: { mistral: { capabilities: ['completion', 'thinking'] } } },
    );
    const { chunks, error } = await read(llm);
    expect(error).toBeNull();
    expect(chunks.some((c) => c.thinking !== '')).toBe(true);
  });

  it('a reply that never ends within the whole-call limit is hung up on', async () => {
    // A token every 100 ms, forever as far as the client can tell: idle never passes, the whole call does.
    const { llm, standin } = await client(
      { tokens: Array<string>(500).fill(' word'), tokenDelayMs: 100, ignoreLimits: true },
      {},
      { firstTokenMs: 400, idleMs: 250, callMs: 800 },
    );
    const { chunks, error } = await read(llm);
    expect(error?.kind).toBe('timeout');
    expect(error?.message).toBe(`Ollama at ${standin.url} did not finish its reply within 0.8 s.`);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.length).toBeLessThan(500);
    await waitFor(() => standin.abortedStreams === 1, 'the stand-in to see the hang-up');
  });

  it('Esc (the caller’s signal) is still a cancel, not a timeout', async () => {
    const { llm, standin } = await client({ text: 'Never sent.', hangAfterTokens: 0 });
    const controller = new AbortController();
    const reading = read(llm, controller.signal);
    await waitFor(() => standin.activeStreams === 1, 'the request to reach the stand-in');
    controller.abort();
    const { error } = await reading;
    expect(error?.kind).toBe('aborted');
  });
});

describe('OllamaLlm: the requests that are not streamed are bounded too', () => {
  it('a warm-up load that never finishes times out, and is recorded as failed', async () => {
    // The stand-in's load waits firstByteDelayMs; a minute is forever for a 0.4 s limit.
    const { llm, calls, standin } = await client(undefined, { firstByteDelayMs: 60_000 });
    const error = await llm.load().then(
      () => null,
      (e: unknown) => e as LlmError,
    );
    expect(error?.kind).toBe('timeout');
    expect(error?.message).toBe(`Ollama at ${standin.url} did not answer within 0.4 s.`);
    await waitFor(() => standin.abortedStreams === 1, 'the stand-in to see the hang-up');
    expect(calls.map((c) => [c.purpose, c.error])).toEqual([['warm-up', error?.message]]);
  });

  it.each([
    ['/api/show', (llm: OllamaLlm) => llm.show()],
    ['/api/tags', (llm: OllamaLlm) => llm.listModels()],
  ])('%s that never answers times out', async (path, call) => {
    const { llm, standin } = await client(undefined, { hangPaths: [path] });
    const error = await call(llm).then(
      () => null,
      (e: unknown) => e as LlmError,
    );
    expect(error?.kind).toBe('timeout');
    expect(standin.requests.map((r) => r.path)).toEqual([path]);
  });
});
