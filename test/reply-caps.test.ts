import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type ReplySpec, type Standin } from './support/ollama-standin.mjs';
import { OllamaLlm } from '../src/core/llm/ollama-client.js';
import { REPLY_CHAR_CAP, replyCharCap } from '../src/core/llm/reply-cap.js';
import type { ChatChunk } from '../src/core/llm/types.js';
import type { LlmCall } from '../src/model/llm-call.js';
import { waitFor } from './support/wait.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const MB = 1024 * 1024;
/** 10 MB of text with no sentence end, in 1 KB tokens, sent whatever num_predict says. */
const TEN_MB: ReplySpec = { tokens: Array<string>(10 * 1024).fill(' lorem'.repeat(170) + 'ipsum'), ignoreLimits: true };

async function readAll(spec: ReplySpec, modelInfo = {}) {
  standin = await startStandin({ reply: () => spec, modelInfo });
  const calls: LlmCall[] = [];
  const llm = new OllamaLlm(standin.url, 'mistral', { calls: { record: (c) => calls.push(c) } });
  const chunks: ChatChunk[] = [];
  for await (const chunk of llm.chat([{ role: 'user', content: 'Hi' }], {
    purpose: 'interviewer',
    options: { num_predict: 220 },
  }))
    chunks.push(chunk);
  return { chunks, calls, standin };
}

describe('the reply cap', () => {
  it('is 16,000 characters, or 8 per token of num_predict when that is more', () => {
    expect(replyCharCap(null)).toBe(REPLY_CHAR_CAP);
    expect(replyCharCap(220)).toBe(REPLY_CHAR_CAP);
    expect(replyCharCap(6272)).toBe(6272 * 8);
  });

  it('a 10 MB reply: the client stops reading at the cap, hangs up, and ends the reply like a length cut', async () => {
    const { chunks, calls, standin } = await readAll({ ...TEN_MB, tokenDelayMs: 1 });
    const text = chunks.map((c) => c.text).join('');
    expect(text.length).toBeLessThanOrEqual(REPLY_CHAR_CAP);
    expect(text.length).toBeGreaterThan(REPLY_CHAR_CAP - 1100);
    expect(chunks.at(-1)).toMatchObject({ done: true, doneReason: 'length', capped: 'content' });
    await waitFor(() => standin.abortedStreams === 1, 'the stand-in to see the hang-up');
    // What the stand-in got to write before the hang-up: a small part of the 10 MB.
    expect(standin.streamedBytes).toBeLessThan(1 * MB);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.doneReason).toBe('cap');
    expect(calls[0]?.reply).toBe(text);
  });

  it('counts the text as shown: escape sequences do not use up the cap', async () => {
    // Each token is 20 characters, half of them a colour code: 1,000 tokens are 10,000 shown characters.
    const tokens = Array<string>(1000).fill('\u001B[31mred \u001B[0mtext.');
    const { chunks } = await readAll({ tokens, ignoreLimits: true });
    expect(chunks.map((c) => c.text).join('')).toBe(tokens.join(''));
    expect(chunks.at(-1)?.capped).toBeUndefined();
  });

  it('a reply of nothing but escape sequences is cut too, at four times the cap as received', async () => {
    // 1,000 characters of colour codes a token, nothing visible: without a bound on the raw text this is read whole.
    const { chunks, calls, standin } = await readAll({
      tokens: Array<string>(10 * 1024).fill(' ' + '\u001B[31m'.repeat(200)),
      ignoreLimits: true,
      tokenDelayMs: 1,
    });
    expect(chunks.at(-1)).toMatchObject({ done: true, doneReason: 'length', capped: 'content' });
    expect(calls[0]?.reply.length).toBeLessThanOrEqual(4 * REPLY_CHAR_CAP);
    await waitFor(() => standin.abortedStreams === 1, 'the stand-in to see the hang-up');
    expect(standin.streamedBytes).toBeLessThan(1 * MB);
  });

  it('bounds the reasoning on its own: a model that thinks forever is cut', async () => {
    const { chunks, calls, standin } = await readAll(
      // 3,000 tokens of 100 characters (300 KB) of reasoning, far past the cap.
      { text: 'Why?', thinking: ` ${'mull'.repeat(25)}`.repeat(3000), ignoreLimits: true, tokenDelayMs: 1 },
      { mistral: { capabilities: ['completion', 'thinking'] } },
    );
    expect(chunks.map((c) => c.thinking).join('').length).toBeLessThanOrEqual(REPLY_CHAR_CAP);
    expect(chunks.at(-1)).toMatchObject({ done: true, doneReason: 'length', capped: 'thinking' });
    await waitFor(() => standin.abortedStreams === 1, 'the stand-in to see the hang-up');
    expect(standin.streamedBytes).toBeLessThan(1 * MB);
    expect(calls[0]?.thinking.length).toBeLessThanOrEqual(REPLY_CHAR_CAP);
  });
});
