import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAiStandin, type OpenAiStandin } from './support/openai-standin.mjs';
import { OpenAiLlm } from '../src/core/llm/openai-client.js';
import { LlmError } from '../src/core/llm/llm-errors.js';
import { checkAvailability } from '../src/core/llm/preflight.js';
import type { ChatChunk, ChatCallOptions } from '../src/core/llm/types.js';
import type { LlmCall } from '../src/model/llm-call.js';
import { waitFor } from './support/wait.js';

let standin: OpenAiStandin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const recorder = () => {
  const calls: LlmCall[] = [];
  return { calls, sink: { record: (c: LlmCall) => calls.push(c) } };
};
const ask: ChatCallOptions = {
  purpose: 'interviewer',
  options: { num_predict: 200, temperature: 0.7, stop: ['\nCandidate:'] },
};
const messages = [
  { role: 'system' as const, content: 'You are an interviewer.' },
  { role: 'user' as const, content: 'Ask the first question.' },
];

async function collect(stream: AsyncIterable<ChatChunk>): Promise<ChatChunk[]> {
  const out: ChatChunk[] = [];
  for await (const c of stream) out.push(c);
  return out;
}

async function failure(stream: AsyncIterable<ChatChunk>): Promise<LlmError> {
  try {
    await collect(stream);
  } catch (err) {
    if (err instanceof LlmError) return err;
    throw err;
  }
  throw new Error('the call did not fail');
}

const SHORT = { firstTokenMs: 300, idleMs: 200, callMs: 5000 };

describe('OpenAI-compatible client against the stand-in', () => {
  it('streams the reply chunk by chunk, asks for usage, records the call with its usage and no key', async () => {
    standin = await startOpenAiStandin({ reply: () => 'What is a good cache key for user sessions?' });
    const log = recorder();
    const llm = new OpenAiLlm(standin.url, 'mistral', { calls: log.sink });
    const chunks = await collect(llm.chat(messages, ask));
    const texts = chunks.filter((c) => !c.done).map((c) => c.text);
    expect(texts.length).toBeGreaterThan(3);
    expect(texts.join('')).toBe('What is a good cache key for user sessions?');
    const last = chunks.at(-1);
    expect(last).toMatchObject({ done: true, doneReason: 'stop' });
    expect(last?.metrics?.outputTokens).toBe(texts.length);
    expect(last?.metrics?.promptTokens).toBeGreaterThan(0);

    const [sent] = standin.chatRequests();
    expect(sent).toMatchObject({
      model: 'mistral',
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 200,
      temperature: 0.7,
      stop: ['\nCandidate:'],
    });
    // No key configured: no Authorization header at all (local servers want none).
    expect(standin.requests[0]?.headers.authorization).toBeUndefined();

    expect(log.calls).toHaveLength(1);
    expect(log.calls[0]).toMatchObject({
      host: `openai+${standin.url}`,
      model: 'mistral',
      reply: 'What is a good cache key for user sessions?',
      doneReason: 'stop',
      outputTokens: texts.length,
      error: null,
    });
    expect(log.calls[0]?.options).toMatchObject({ max_tokens: 200, stream_options: { include_usage: true } });
  });

  it('says length when max_tokens cuts the reply', async () => {
    standin = await startOpenAiStandin({ reply: () => 'one two three four five six seven eight' });
    const llm = new OpenAiLlm(standin.url, 'mistral');
    const chunks = await collect(llm.chat(messages, { purpose: 'interviewer', options: { num_predict: 3 } }));
    expect(
      chunks
        .filter((c) => !c.done)
        .map((c) => c.text)
        .join(''),
    ).toBe('one two three');
    expect(chunks.at(-1)?.doneReason).toBe('length');
  });

  it('passes reasoning_content as thinking, apart from the text', async () => {
    standin = await startOpenAiStandin({ reply: () => ({ thinking: 'Let me think about caches.', text: 'Why LRU?' }) });
    const log = recorder();
    const llm = new OpenAiLlm(standin.url, 'mistral', { calls: log.sink });
    const chunks = await collect(llm.chat(messages, ask));
    expect(chunks.map((c) => c.thinking).join('')).toBe('Let me think about caches.');
    expect(chunks.map((c) => c.text).join('')).toBe('Why LRU?');
    expect(log.calls[0]).toMatchObject({ thinking: 'Let me think about caches.', reply: 'Why LRU?' });
  });

  it('hangs up when the caller aborts mid-reply, and says cancelled', async () => {
    standin = await startOpenAiStandin({ reply: () => 'a b c d e f g h i j k l m n o p', tokenDelayMs: 50 });
    const log = recorder();
    const llm = new OpenAiLlm(standin.url, 'mistral', { calls: log.sink });
    const stop = new AbortController();
    const seen: string[] = [];
    const err = await (async () => {
      try {
        for await (const c of llm.chat(messages, { ...ask, signal: stop.signal })) {
          seen.push(c.text);
          if (seen.length === 2) stop.abort();
        }
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).kind).toBe('aborted');
    await waitFor(() => standin?.abortedStreams === 1, 'the stand-in to see the hang-up');
    expect(log.calls[0]?.error).toBe('Cancelled.');
  });

  it('closes the stream when the reader stops early (the call is recorded as cut)', async () => {
    standin = await startOpenAiStandin({ reply: () => 'a b c d e f g h', tokenDelayMs: 30 });
    const log = recorder();
    const llm = new OpenAiLlm(standin.url, 'mistral', { calls: log.sink });
    for await (const c of llm.chat(messages, ask)) if (c.text.includes('b')) break;
    await waitFor(() => standin?.abortedStreams === 1, 'the stand-in to see the hang-up');
    expect(log.calls[0]).toMatchObject({ doneReason: 'cut', error: null, reply: 'a b' });
  });

  it('maps refused connections, a bad key, an unknown model, 429 and 500 onto one-line errors with next steps', async () => {
    const dead = new OpenAiLlm('http://127.0.0.1:9/v1', 'mistral');
    const refused = await failure(dead.chat(messages, ask));
    expect(refused.kind).toBe('unreachable');
    expect(refused.message).toBe('No OpenAI-compatible server is running at http://127.0.0.1:9/v1.');

    standin = await startOpenAiStandin({ apiKey: 'sk-right' });
    const noKey = await failure(new OpenAiLlm(standin.url, 'mistral').chat(messages, ask));
    expect(noKey.message).toContain('401');
    expect(noKey.hint).toContain('Set OPENAI_API_KEY');
    const wrongKey = await failure(
      new OpenAiLlm(standin.url, 'mistral', { apiKey: 'sk-wrong', apiKeyEnv: 'TEAM_KEY' }).chat(messages, ask),
    );
    expect(wrongKey.hint).toContain('Check the key in TEAM_KEY');
    expect(`${wrongKey.message} ${wrongKey.hint}`).not.toContain('sk-wrong');

    standin.setOptions({ apiKey: undefined });
    const missing = await failure(new OpenAiLlm(standin.url, 'llama3').chat(messages, ask));
    expect(missing.kind).toBe('model-missing');
    expect(missing.message).toContain("Model 'llama3' is not served at");

    standin.setOptions({ reply: () => ({ status: 429, error: 'Too many requests' }) });
    const busy = await failure(new OpenAiLlm(standin.url, 'mistral').chat(messages, ask));
    expect(busy.message).toBe('The OpenAI-compatible server is busy (429: Too many requests).');

    standin.setOptions({ reply: () => ({ error: 'CUDA out of memory' }) });
    const broken = await failure(new OpenAiLlm(standin.url, 'mistral').chat(messages, ask));
    expect(broken.kind).toBe('server');
    expect(broken.message).toBe('The OpenAI-compatible server answered 500: CUDA out of memory');
  });

  it('an error object or a dropped connection mid-stream is a cut stream; a stall is a timeout', async () => {
    standin = await startOpenAiStandin({
      reply: () => ({ text: 'a b c d e', errorAfterTokens: 2, errorMessage: 'engine died' }),
    });
    const log = recorder();
    const llm = new OpenAiLlm(standin.url, 'mistral', { calls: log.sink, timeouts: SHORT });
    const midError = await failure(llm.chat(messages, ask));
    expect(midError.kind).toBe('stream-cut');
    expect(midError.message).toContain('engine died');
    expect(log.calls[0]).toMatchObject({ reply: 'a b', doneReason: null });

    standin.setOptions({ reply: () => ({ text: 'a b c d e', destroyAfterTokens: 2 }) });
    expect((await failure(llm.chat(messages, ask))).kind).toBe('stream-cut');

    standin.setOptions({ reply: () => ({ text: 'a b c d e', eofAfterTokens: 2 }) });
    expect((await failure(llm.chat(messages, ask))).kind).toBe('stream-cut');

    standin.setOptions({ reply: () => ({ text: 'a b c d e', hangAfterTokens: 2 }) });
    const stalled = await failure(llm.chat(messages, ask));
    expect(stalled.kind).toBe('timeout');
    expect(stalled.message).toBe(
      `The OpenAI-compatible server at ${standin.url} stopped in the middle of a reply (nothing for 0.2 s).`,
    );

    standin.setOptions({ reply: () => ({ text: 'a', hangBeforeHeaders: true }) });
    const silent = await failure(llm.chat(messages, ask));
    expect(silent.message).toContain('did not start its reply within 0.3 s');
    await waitFor(() => standin?.activeStreams === 0, 'every generation to end');
  });

  it('asks for json_schema structured output', async () => {
    standin = await startOpenAiStandin();
    const llm = new OpenAiLlm(standin.url, 'mistral');
    const schema = { type: 'object', properties: { score: { type: 'integer', minimum: 1 } }, required: ['score'] };
    const text = (await collect(llm.chat(messages, { purpose: 'judge', format: schema }))).map((c) => c.text).join('');
    expect(JSON.parse(text)).toEqual({ score: 1 });
    expect(standin.chatRequests()[0]?.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'reply', schema },
    });
  });

  it('falls back to json_object when the server refuses json_schema, and remembers it for the run', async () => {
    standin = await startOpenAiStandin({ jsonSchema: false, reply: () => '{"score": 4}' });
    const log = recorder();
    const url = standin.url;
    const llm = new OpenAiLlm(url, 'mistral', { calls: log.sink });
    const schema = { type: 'object', properties: { score: { type: 'integer' } }, required: ['score'] };
    const first = (await collect(llm.chat(messages, { purpose: 'judge', format: schema }))).map((c) => c.text).join('');
    expect(first).toBe('{"score": 4}');
    // A second client for the same server (the judge's own) goes straight to json_object.
    const judge = new OpenAiLlm(url, 'mistral', { calls: log.sink });
    await collect(judge.chat(messages, { purpose: 'judge', format: schema }));
    expect(standin.chatRequests().map((r) => (r.response_format as { type: string }).type)).toEqual([
      'json_schema',
      'json_object',
      'json_object',
    ]);
    expect(log.calls.map((c) => c.error === null)).toEqual([false, true, true]);
    expect(log.calls[0]?.error).toContain("'json_schema' is not supported");
  });

  it('lists the served models and reads the context length the way each server says it', async () => {
    standin = await startOpenAiStandin({ models: ['Qwen/Qwen2.5-7B-Instruct'], contextLength: 16384 });
    const vllm = new OpenAiLlm(standin.url, 'Qwen/Qwen2.5-7B-Instruct');
    expect(await vllm.listModels()).toEqual(['Qwen/Qwen2.5-7B-Instruct']);
    expect(await vllm.show()).toEqual({ contextLength: 16384, thinking: false });

    standin.setOptions({ flavor: 'llamacpp', parallel: 4 });
    // llama-server splits -c across its slots: one interview gets a quarter.
    expect((await vllm.show()).contextLength).toBe(4096);

    standin.setOptions({ flavor: 'lmstudio' });
    expect((await vllm.show()).contextLength).toBe(16384);

    standin.setOptions({ flavor: 'plain' });
    expect((await vllm.show()).contextLength).toBeNull();
  });

  it('preflight: says which models the server serves, and what to pass', async () => {
    standin = await startOpenAiStandin({ models: ['qwen2.5-7b-instruct'] });
    const a = await checkAvailability(new OpenAiLlm(standin.url, 'mistral'));
    expect(a).toMatchObject({
      ok: false,
      reason: 'model-missing',
      banner: `Model 'mistral' is not served at ${standin.url}; it serves qwen2.5-7b-instruct.`,
      hint: 'Pass --model qwen2.5-7b-instruct (or `interview-coach config set model qwen2.5-7b-instruct`).',
    });
    expect(await checkAvailability(new OpenAiLlm(standin.url, 'qwen2.5-7b-instruct'))).toEqual({ ok: true });
    const down = await checkAvailability(new OpenAiLlm('http://127.0.0.1:9/v1', 'x'));
    expect(down).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it("the preflight's deadline on a server that never answers is a timeout, not a cancel", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    try {
      const a = await checkAvailability(new OpenAiLlm(`http://127.0.0.1:${port}/v1`, 'mistral'), 200);
      expect(a).toMatchObject({ ok: false, reason: 'unreachable' });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('sends the key as a bearer token, and the key is nowhere in the recorded call', async () => {
    const key = 'sk-test-5f0c2a9e41d8';
    standin = await startOpenAiStandin({ apiKey: key });
    const log = recorder();
    const llm = new OpenAiLlm(standin.url, 'mistral', { apiKey: key, calls: log.sink });
    await collect(llm.chat(messages, ask));
    expect(standin.requests[0]?.headers.authorization).toBe(`Bearer ${key}`);
    expect(JSON.stringify(log.calls)).not.toContain(key);
    expect(llm.host).not.toContain(key);
  });
});
