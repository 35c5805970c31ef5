import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ollama } from 'ollama';
import type { ChatResponse } from 'ollama';
import {
  DEFAULT_THINKING_TEXT,
  startStandin,
  tokenize,
  type ReplyContext,
  type Standin,
} from './support/ollama-standin.mjs';
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

/** Tokens of one message under the stand-in's documented rule: ceil(chars / 4) + 4 framing tokens. */
const tokensOf = (content: string) => Math.ceil(content.length / 4) + 4;

describe('ollama stand-in: thinking models (Ollama >= 0.9)', () => {
  const thinkingModels = { models: ['qwen3:latest', 'deepseek-r1:8b', 'mistral:latest'] };
  const reply = 'Hello, thanks for joining.';

  it('streams reasoning first in message.thinking chunks when the request has no think field', async () => {
    standin.setOptions({ ...thinkingModels, reply: () => ({ text: reply, thinking: 'Okay, greet them. Then ask.' }) });
    const parts = await collect('qwen3');
    const thinkingParts = parts.filter((p) => p.message.thinking);
    expect(thinkingParts.map((p) => p.message.thinking)).toEqual(['Okay,', ' greet', ' them.', ' Then', ' ask.']);
    // thinking lines come first, with an empty content, and nothing else in the message
    expect(parts.slice(0, 5)).toEqual(thinkingParts);
    expect(thinkingParts.every((p) => p.message.content === '' && p.message.role === 'assistant')).toBe(true);
    expect(parts.slice(5).every((p) => p.message.thinking === undefined)).toBe(true);
    expect(parts.map((p) => p.message.content).join('')).toBe(reply);
    const last = parts.at(-1)!;
    expect(last.done_reason).toBe('stop');
    expect(last.eval_count).toBe(5 + tokenize(reply).length); // reasoning + content tokens
  });

  it('thinks with think true or a level, on qwen3 and deepseek-r1, with the default reasoning', async () => {
    standin.setOptions({ ...thinkingModels, reply: () => reply });
    for (const [model, think] of [
      ['qwen3', true],
      ['qwen3', 'low'],
      ['deepseek-r1:8b', 'high'],
      ['deepseek-r1:8b', undefined],
    ] as const) {
      const res = await client.chat({
        model,
        messages: user,
        stream: false,
        ...(think === undefined ? {} : { think }),
      });
      expect(res.message.thinking, `${model} think=${String(think)}`).toBe(DEFAULT_THINKING_TEXT);
      expect(res.message.content).toBe(reply);
      expect(res.eval_count).toBe(tokenize(DEFAULT_THINKING_TEXT).length + tokenize(reply).length);
    }
    // a few hundred tokens: more than an interviewer turn's num_predict
    expect(tokenize(DEFAULT_THINKING_TEXT).length).toBeGreaterThan(300);
  });

  it('does not think with think:false, and answers 400 to think on a model without the capability', async () => {
    standin.setOptions({ ...thinkingModels, reply: () => ({ text: reply, thinking: 'never sent' }) });
    const parts = await collect('qwen3', { think: false });
    expect(parts.some((p) => 'thinking' in p.message)).toBe(false);
    expect(parts.map((p) => p.message.content).join('')).toBe(reply);
    const whole = await client.chat({ model: 'deepseek-r1:8b', messages: user, stream: false, think: false });
    expect(whole.message).toEqual({ role: 'assistant', content: reply });
    // mistral never thinks, and asking it to is a 400
    expect((await client.chat({ model: 'mistral', messages: user, stream: false })).message).toEqual({
      role: 'assistant',
      content: reply,
    });
    await expect(client.chat({ model: 'mistral', messages: user, stream: true, think: true })).rejects.toMatchObject({
      name: 'ResponseError',
      status_code: 400,
      message: '"mistral" does not support thinking',
    });
  });

  it('spends num_predict on reasoning: 400 thinking tokens and num_predict 220 leave the content empty', async () => {
    const thinking = Array.from({ length: 400 }, (_, i) => `step${i}`).join(' ');
    standin.setOptions({ ...thinkingModels, reply: () => ({ text: reply, thinking }) });
    const res = await client.chat({ model: 'qwen3', messages: user, stream: false, options: { num_predict: 220 } });
    expect(res.message.content).toBe('');
    expect(res.done_reason).toBe('length');
    expect(res.eval_count).toBe(220);
    expect(tokenize(res.message.thinking ?? '')).toHaveLength(220);

    const parts = await collect('qwen3', { options: { num_predict: 220 } });
    expect(parts.map((p) => p.message.content).join('')).toBe('');
    expect(parts.filter((p) => p.message.thinking)).toHaveLength(220);
    expect(parts.at(-1)).toMatchObject({ done: true, done_reason: 'length', eval_count: 220 });
  });

  it('puts inline reasoning in the content, the <think> tags split across lines, counted by num_predict', async () => {
    standin.setOptions({ reply: () => ({ text: reply, inlineThink: 'Greet, then ask.' }) });
    const parts = await collect();
    const lines = parts.slice(0, -1).map((p) => p.message.content);
    expect(lines.slice(0, 2)).toEqual(['<th', 'ink>']);
    expect(lines).toContain('</');
    expect(lines[lines.indexOf('</') + 1]).toBe('think>');
    expect(lines.join('')).toBe(`<think>Greet, then ask.</think>\n\n${reply}`);
    expect(parts.some((p) => 'thinking' in p.message)).toBe(false);

    const cut = await client.chat({ model: 'mistral', messages: user, stream: false, options: { num_predict: 4 } });
    expect(cut.message.content).toBe('<think>Greet, then');
    expect(cut.done_reason).toBe('length');
  });

  it('applies stop strings to the reasoning too, as the runner sees one token stream', async () => {
    standin.setOptions({ ...thinkingModels, reply: () => ({ text: reply, thinking: 'Plan: ask.\nUser: hi' }) });
    const res = await client.chat({ model: 'qwen3', messages: user, stream: false, options: { stop: ['\nUser:'] } });
    expect(res.message).toEqual({ role: 'assistant', content: '', thinking: 'Plan: ask.' });
    expect(res.done_reason).toBe('stop');
  });
});

describe('ollama stand-in: the context window', () => {
  const system = { role: 'system', content: 'You are an interviewer. Be brief.' }; // 33 chars: 9 + 4 tokens
  const turn = (i: number) => ({ role: i % 2 ? 'assistant' : 'user', content: `turn ${i} `.padEnd(200, 'x') }); // 54
  const long = [system, ...Array.from({ length: 6 }, (_, i) => turn(i))];

  function recordContexts() {
    const seen: ReplyContext[] = [];
    standin.setOptions({
      reply: (_req, _i, context) => {
        seen.push(context);
        return 'one two three four five six seven eight nine ten '.repeat(4).trim();
      },
    });
    return seen;
  }

  it('counts the prompt as ceil(chars/4) + 4 per message and reports it as prompt_eval_count', async () => {
    const seen = recordContexts();
    const res = await client.chat({ model: 'mistral', messages: long, stream: false });
    const expected = tokensOf(system.content) + 6 * tokensOf(at(long, 1).content);
    expect(expected).toBe(13 + 6 * 54);
    expect(res.prompt_eval_count).toBe(expected);
    expect(at(seen, 0)).toEqual({
      seenMessages: long,
      promptTokens: expected,
      numCtx: 4096,
      truncated: false,
      droppedMessages: 0,
      thinking: false,
    });
    expect(standin.truncatedRequests).toBe(0);
  });

  it('drops the oldest non-system messages whole when the prompt exceeds num_ctx, and fills the rest', async () => {
    const seen = recordContexts();
    // 200 tokens: the system message (13) and the last three turns (3 x 54 = 162) fit, four do not
    const parts = await collect('mistral', { messages: long, options: { num_ctx: 200 } });
    const ctx = at(seen, 0);
    expect(ctx.seenMessages).toEqual([system, ...long.slice(4)]);
    expect(ctx).toMatchObject({ promptTokens: 175, numCtx: 200, truncated: true, droppedMessages: 3 });
    expect(standin.truncatedRequests).toBe(1);
    // the reply may use what is left of the window: 25 tokens, then done_reason length
    const last = parts.at(-1)!;
    expect(last).toMatchObject({ done_reason: 'length', prompt_eval_count: 175, eval_count: 25 });
    expect(parts.slice(0, -1)).toHaveLength(25);
    expect(Number.isInteger(last.prompt_eval_duration ?? 0) && Number.isInteger(last.eval_duration)).toBe(true);
    expect(last.total_duration).toBeGreaterThanOrEqual(last.eval_duration + (last.load_duration ?? 0));
    // the client's request itself was sent whole
    expect(at(standin.chatRequests(), 0).messages).toHaveLength(7);
  });

  it('keeps the last message even when it alone overflows, with no room left to answer', async () => {
    const seen = recordContexts();
    const huge = [system, turn(0), { role: 'user', content: 'y'.repeat(2000) }]; // 504 tokens
    const res = await client.chat({ model: 'mistral', messages: huge, stream: false, options: { num_ctx: 300 } });
    expect(at(seen, 0)).toMatchObject({
      seenMessages: [system, huge[2]],
      promptTokens: 300,
      truncated: true,
      droppedMessages: 1,
    });
    expect(res).toMatchObject({ done_reason: 'length', prompt_eval_count: 300, message: { content: '' } });
    expect(res.eval_count).toBeUndefined(); // zero, so omitted as Go's omitempty does
  });

  it('uses the server default of 4096 without num_ctx, or defaultNumCtx (2048 for an older server)', async () => {
    const seen = recordContexts();
    // about 2,700 tokens: fits 4096, not 2048
    const big = [system, ...Array.from({ length: 10 }, (_, i) => ({ ...turn(i), content: turn(i).content.repeat(5) }))];
    await client.chat({ model: 'mistral', messages: big, stream: false });
    expect(at(seen, 0)).toMatchObject({ numCtx: 4096, truncated: false, droppedMessages: 0 });
    standin.setOptions({ defaultNumCtx: 2048 });
    const res = await client.chat({ model: 'mistral', messages: big, stream: false });
    expect(at(seen, 1)).toMatchObject({ numCtx: 2048, truncated: true });
    expect(at(seen, 1).promptTokens).toBeLessThanOrEqual(2048);
    expect(res.prompt_eval_count).toBe(at(seen, 1).promptTokens);
    // an explicit num_ctx wins over the default
    await client.chat({ model: 'mistral', messages: big, stream: false, options: { num_ctx: 8192 } });
    expect(at(seen, 2)).toMatchObject({ numCtx: 8192, truncated: false });
    expect(standin.truncatedRequests).toBe(1);
  });

  it("caps num_ctx at the model's context length, and /api/ps shows the window a model was loaded with", async () => {
    const seen = recordContexts();
    standin.setOptions({ models: ['tiny:latest'], modelInfo: { tiny: { contextLength: 8192 } } });
    await client.chat({ model: 'tiny', messages: user, stream: false, options: { num_ctx: 32768 } });
    expect(at(seen, 0).numCtx).toBe(8192);
    const ps = await client.ps();
    expect(ps.models).toEqual([expect.objectContaining({ name: 'tiny:latest', context_length: 8192 })]);
  });
});

describe('ollama stand-in: /api/show', () => {
  it('gives capabilities and model_info with general.architecture and <architecture>.context_length', async () => {
    standin.setOptions({ models: ['qwen3:8b', 'mistral:latest', 'gemma2:latest'] });
    const qwen = await client.show({ model: 'qwen3:8b' });
    const info = qwen.model_info as unknown as Record<string, unknown>;
    expect(qwen.capabilities).toEqual(['completion', 'tools', 'thinking']);
    expect(info['general.architecture']).toBe('qwen3');
    expect(info['qwen3.context_length']).toBe(40960);
    const mistral = await client.show({ model: 'mistral' });
    expect(mistral.capabilities).not.toContain('thinking');
    expect((mistral.model_info as unknown as Record<string, unknown>)['llama.context_length']).toBe(32768);
    // keys sorted as Go marshals a map (gemma2.* before general.*)
    const gemma = (await client.show({ model: 'gemma2' })).model_info as unknown as Record<string, unknown>;
    expect(Object.keys(gemma)).toEqual([...Object.keys(gemma)].sort());
    expect(gemma['gemma2.context_length']).toBe(8192);
  });

  it('describes a test model from modelInfo, which then behaves accordingly in chat', async () => {
    standin.setOptions({
      models: ['small-thinker:latest', 'qwen3:8b'],
      modelInfo: {
        'small-thinker': { capabilities: ['completion', 'thinking'], contextLength: 8192, architecture: 'llama' },
        qwen3: { capabilities: ['completion'] }, // an untagged key covers every tag
      },
      reply: () => ({ text: 'Hi.', thinking: 'Hmm.' }),
    });
    const show = await client.show({ model: 'small-thinker' });
    const info = show.model_info as unknown as Record<string, unknown>;
    expect(show.capabilities).toEqual(['completion', 'thinking']);
    expect(info['general.architecture']).toBe('llama');
    expect(info['llama.context_length']).toBe(8192);
    expect(show.details.family).toBe('llama');
    const res = await client.chat({ model: 'small-thinker', messages: user, stream: false });
    expect(res.message).toEqual({ role: 'assistant', content: 'Hi.', thinking: 'Hmm.' });
    // qwen3 without the capability: no thinking by default, and think:true is refused
    expect((await client.show({ model: 'qwen3:8b' })).capabilities).toEqual(['completion']);
    expect((await client.chat({ model: 'qwen3:8b', messages: user, stream: false })).message.thinking).toBeUndefined();
    await expect(client.chat({ model: 'qwen3:8b', messages: user, stream: false, think: true })).rejects.toMatchObject({
      status_code: 400,
    });
  });
});

describe('ollama stand-in: stalls and oversized replies', () => {
  /** Reads a streamed reply with raw fetch: the headers' status, and the lines as they come. */
  async function open(controller: AbortController, stream = true) {
    const res = await fetch(`${standin.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'mistral', messages: user, stream }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    const lines: string[] = [];
    let buffered = '';
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'ended';
        buffered += new TextDecoder().decode(value);
        const parts = buffered.split('\n');
        buffered = parts.pop() ?? '';
        lines.push(...parts);
      }
    })().catch(() => 'aborted');
    return { status: res.status, lines, reading };
  }

  it('hangAfterTokens: 0 sends the 200 headers and then nothing, until the client hangs up', async () => {
    standin.setOptions({ reply: () => ({ text: 'Never sent.', hangAfterTokens: 0 }) });
    const controller = new AbortController();
    const { status, lines, reading } = await open(controller);
    expect(status).toBe(200);
    await waitFor(() => standin.activeStreams === 1, 'the stalled generation');
    expect(lines).toEqual([]);
    controller.abort();
    expect(await reading).toBe('aborted');
    await waitFor(() => standin.abortedStreams === 1 && standin.activeStreams === 0, 'the server to see the hang-up');
  });

  it('hangAfterTokens: K sends K lines, then stalls with the socket open', async () => {
    standin.setOptions({ reply: () => ({ text: 'one two three four five', hangAfterTokens: 2 }) });
    const controller = new AbortController();
    const { lines, reading } = await open(controller);
    await waitFor(() => lines.length === 2, 'two lines');
    expect(lines.map((l) => (JSON.parse(l) as ChatResponse).message.content)).toEqual(['one', ' two']);
    expect(standin.activeStreams).toBe(1);
    controller.abort();
    await reading;
    await waitFor(() => standin.abortedStreams === 1, 'the server to see the hang-up');
  });

  it('a stall with stream: false: headers, and a body that never comes', async () => {
    standin.setOptions({ reply: () => ({ text: 'Never sent.', hangAfterTokens: 0 }) });
    const controller = new AbortController();
    const { status, reading } = await open(controller, false);
    expect(status).toBe(200);
    controller.abort();
    expect(await reading).toBe('aborted');
    await waitFor(() => standin.abortedStreams === 1, 'the server to see the hang-up');
  });

  it('hangBeforeHeaders: no headers at all; close() ends the stall without counting it as a client abort', async () => {
    const other = await startStandin({ reply: () => ({ text: 'Never sent.', hangBeforeHeaders: true }) });
    const pending = fetch(`${other.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'mistral', messages: user }),
    }).catch((e: unknown) => e);
    await waitFor(() => other.activeStreams === 1, 'the stalled generation');
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(other.activeStreams).toBe(0);
    expect(other.abortedStreams).toBe(0);
  });

  it('hangPaths: /api/show is read, never answered, and released by close()', async () => {
    const other = await startStandin({ hangPaths: ['/api/show'] });
    const c = new Ollama({ host: other.url });
    expect((await c.list()).models).toHaveLength(1);
    const pending = c.show({ model: 'mistral' }).catch((e: unknown) => e);
    await waitFor(() => other.requests.some((r) => r.path === '/api/show'), 'the show request');
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('ignoreLimits sends every token whatever num_predict says; streamedBytes counts what was written', async () => {
    standin.setOptions({ reply: () => ({ text: 'word '.repeat(300), ignoreLimits: true }) });
    const parts = await collect('mistral', { options: { num_predict: 10 } });
    expect(parts.filter((p) => !p.done)).toHaveLength(301);
    expect(parts.at(-1)?.done_reason).toBe('stop');
    const written = standin.streamedBytes;
    expect(written).toBeGreaterThan(301 * 'word '.length);
    standin.setOptions({ reply: () => ({ text: 'word '.repeat(300) }) });
    const limited = await collect('mistral', { options: { num_predict: 10 } });
    expect(limited.filter((p) => !p.done)).toHaveLength(10);
    expect(limited.at(-1)?.done_reason).toBe('length');
    expect(standin.streamedBytes - written).toBeLessThan(written / 10);
  });
});
