import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ollama } from 'ollama';
import type { ChatResponse } from 'ollama';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { waitFor } from './support/wait.js';
import { at } from './support/at.js';

const user = [{ role: 'user', content: 'Tell me about yourself.' }];

let standin: Standin;
let client: Ollama;

beforeEach(async () => {
  standin = await startStandin();
  client = new Ollama({ host: standin.url });
});

afterEach(async () => {
  await standin.close();
});

async function collect(model = 'mistral', extra: Record<string, unknown> = {}) {
  const stream = await client.chat({ model, messages: user, stream: true, ...extra });
  const parts: ChatResponse[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('ollama stand-in with the real ollama-js client', () => {
  it('streams tokens that reassemble the reply exactly, with a final done line', async () => {
    const text = 'Hello there,\nworld!  Two  spaces\tand a tab.\n';
    standin.setOptions({ reply: () => text });
    const parts = await collect();
    expect(parts.map((p) => p.message.content).join('')).toBe(text);
    expect(parts.length).toBeGreaterThan(3);
    const last = parts.at(-1)!;
    expect(last.done).toBe(true);
    expect(last.done_reason).toBe('stop');
    expect(last.message.content).toBe('');
    expect(last.eval_count).toBe(parts.length - 1);
    expect(Number.isInteger(last.total_duration)).toBe(true);
    expect(parts.slice(0, -1).every((p) => p.done === false && !('done_reason' in p) && !('eval_count' in p))).toBe(
      true,
    );
    // model echoed exactly as sent, created_at in UTC
    expect(parts.every((p) => p.model === 'mistral')).toBe(true);
    expect(String(at(parts, 0).created_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    // what the server received
    const [req] = standin.chatRequests();
    expect(req).toMatchObject({ model: 'mistral', stream: true, messages: user });
    expect(at(standin.requests, 0).headers['user-agent']).toMatch(/^ollama-js\//);
    expect(standin.activeStreams).toBe(0);
    expect(standin.abortedStreams).toBe(0);
  });

  it("matches 'mistral' to 'mistral:latest' and answers stream:false with one object", async () => {
    const res = await client.chat({ model: 'mistral', messages: user, stream: false });
    expect(res.model).toBe('mistral');
    expect(res.done).toBe(true);
    expect(res.done_reason).toBe('stop');
    expect(res.message).toEqual({ role: 'assistant', content: expect.any(String) });
    expect(res.message.content.length).toBeGreaterThan(0);
    const full = await client.chat({ model: 'mistral:latest', messages: user, stream: false });
    expect(full.model).toBe('mistral:latest');
  });

  it('rejects an unknown model with a 404 ResponseError carrying the exact message', async () => {
    const err = await client.chat({ model: 'llama3.2', messages: user, stream: true }).then(
      () => undefined,
      (e: unknown) => e as { name: string; status_code: number; error: string; message: string },
    );
    expect(err).toBeDefined();
    expect(err!.name).toBe('ResponseError');
    expect(err!.status_code).toBe(404);
    expect(err!.error).toBe("model 'llama3.2' not found");
    expect(err!.message).toBe("model 'llama3.2' not found");
  });

  it('makes the iterator throw the message of an error line sent mid-stream', async () => {
    standin.setOptions({
      reply: () => ({
        text: 'one two three four',
        errorAfterTokens: 2,
        errorMessage: 'llama runner process has terminated',
      }),
    });
    const stream = await client.chat({ model: 'mistral', messages: user, stream: true });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const part of stream) seen.push(part.message.content);
      })(),
    ).rejects.toThrow(/^llama runner process has terminated$/);
    expect(seen).toEqual(['one', ' two']);
  });

  it("reports 'Did not receive done or success response in stream.' on EOF without a done line", async () => {
    standin.setOptions({ reply: () => ({ text: 'one two three', eofAfterTokens: 2 }) });
    await expect(collect()).rejects.toThrow('Did not receive done or success response in stream.');
  });

  it('throws when the socket is destroyed mid-stream', async () => {
    standin.setOptions({ reply: () => ({ text: 'one two three', destroyAfterTokens: 1 }) });
    const stream = await client.chat({ model: 'mistral', messages: user, stream: true });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const part of stream) seen.push(part.message.content);
    })().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).toBe('terminated'); // undici: TypeError: terminated (other side closed)
    expect(seen).toEqual(['one']);
    expect(standin.abortedStreams).toBe(0); // the server cut it, not the client
  });

  it('reassembles multi-byte characters split across writes (splitUtf8)', async () => {
    // record the raw body chunks the client sees, to check the split really reached it
    const chunks: Uint8Array[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!res.body) return res;
      const tap = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, ctl) {
          chunks.push(chunk);
          ctl.enqueue(chunk);
        },
      });
      return new Response(res.body.pipeThrough(tap), {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
      });
    };
    client = new Ollama({ host: standin.url, fetch: recordingFetch });
    standin.setOptions({ reply: () => ({ text: 'Привет, мир', splitUtf8: true }) });
    const parts = await collect();
    expect(parts.map((p) => p.message.content).join('')).toBe('Привет, мир');
    expect(parts.at(-1)!.done).toBe(true);
    // some chunk ends inside a UTF-8 sequence: its last byte is a lead byte (0b11xxxxxx)
    expect(chunks.some((c) => c.length > 0 && (c[c.length - 1]! & 0xc0) === 0xc0)).toBe(true);
  });

  it("honours options.num_predict with done_reason 'length' and options.stop with 'stop'", async () => {
    standin.setOptions({ reply: () => 'alpha beta gamma delta epsilon' });
    const limited = await collect('mistral', { options: { num_predict: 2 } });
    expect(limited.map((p) => p.message.content).join('')).toBe('alpha beta');
    expect(limited.at(-1)!.done_reason).toBe('length');
    expect(limited.at(-1)!.eval_count).toBe(2);

    const stopped = await client.chat({ model: 'mistral', messages: user, stream: false, options: { stop: ['gam'] } });
    expect(stopped.message.content).toBe('alpha beta ');
    expect(stopped.done_reason).toBe('stop');
  });

  it('counts a client abort mid-stream and stops generating', async () => {
    standin.setOptions({ tokenDelayMs: 20, reply: () => 'word '.repeat(500) });
    const stream = await client.chat({ model: 'mistral', messages: user, stream: true });
    let received = 0;
    const err = await (async () => {
      for await (const part of stream) {
        received++;
        if (part.message.content && received === 2) stream.abort();
      }
    })().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.name).toBe('AbortError');
    await waitFor(() => standin.abortedStreams === 1 && standin.activeStreams === 0, 'server sees the abort');
  });

  it('counts a client abort during the first-byte wait (custom fetch signal, as the app does)', async () => {
    const controller = new AbortController();
    const signalFetch: typeof fetch = (input, init) =>
      fetch(input, {
        ...init,
        signal: init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal,
      });
    const aborting = new Ollama({ host: standin.url, fetch: signalFetch });
    standin.setOptions({ firstByteDelayMs: 10_000 });
    const pending = aborting.chat({ model: 'mistral', messages: user, stream: true });
    await waitFor(() => standin.activeStreams === 1, 'stream started on the server');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await waitFor(() => standin.abortedStreams === 1 && standin.activeStreams === 0, 'server sees the abort');
  });

  it('lists the configured models through list()', async () => {
    standin.setOptions({ models: ['mistral:latest', 'llama3.1:8b'] });
    const res = await client.list();
    expect(res.models.map((m) => m.name)).toEqual(['mistral:latest', 'llama3.1:8b']);
    expect(res.models[0]).toMatchObject({
      model: 'mistral:latest',
      size: expect.any(Number),
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      details: {
        format: 'gguf',
        family: expect.any(String),
        parameter_size: expect.any(String),
        quantization_level: expect.any(String),
      },
    });
    expect(typeof res.models[0]?.modified_at).toBe('string'); // not revived to Date by ollama-js
    expect((await client.version()).version).toBe('0.12.10');
  });

  it('holds back the headers for firstByteDelayMs', async () => {
    standin.setOptions({ firstByteDelayMs: 400, reply: () => 'late but here' });
    const started = Date.now();
    // ollama-js resolves chat() when the response headers arrive.
    const stream = await client.chat({ model: 'mistral', messages: user, stream: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    let text = '';
    for await (const part of stream) text += part.message.content;
    expect(text).toBe('late but here');
  });

  it('answers 500 with the message when reply throws', async () => {
    standin.setOptions({
      reply: () => {
        throw new Error('script exhausted');
      },
    });
    await expect(client.chat({ model: 'mistral', messages: user, stream: true })).rejects.toMatchObject({
      name: 'ResponseError',
      status_code: 500,
      message: 'script exhausted',
    });
  });

  it('close() does not hang on a stream that is still waiting for its first byte', async () => {
    const other = await startStandin({ firstByteDelayMs: 60_000 });
    const c = new Ollama({ host: other.url });
    const pending = c.chat({ model: 'mistral', messages: user, stream: true }).catch((e: unknown) => e);
    await waitFor(() => other.activeStreams === 1, 'request reached the server');
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(other.activeStreams).toBe(0);
    expect(other.abortedStreams).toBe(0);
  });
});
