import { afterEach, describe, expect, it } from 'vitest';
import { OllamaLlm } from '../src/core/llm/ollama-client.js';
import { installedModels } from '../src/core/llm/installed-models.js';
import { LlmError } from '../src/core/llm/llm-errors.js';
import type { LlmCall } from '../src/model/llm-call.js';
import { HOSTILE_TEXT, UNSAFE, hostileModelName, startStandin, type Standin } from './support/ollama-standin.mjs';

// The LLM client is where the host's words enter: what it hands on is already clean.
const WORDS = 'Hostile text desrever here end';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

describe('the Ollama client cleans what the host says', () => {
  it('model names and digests from /api/tags', async () => {
    const evil = hostileModelName();
    standin = await startStandin({ models: [evil], modelInfo: { [evil]: { digest: `abc${HOSTILE_TEXT}` } } });
    const names = await new OllamaLlm(standin.url, 'mistral').listModels();
    expect(names).toEqual(['evilx:latest']);
    const installed = await installedModels(standin.url);
    expect(installed).toEqual([{ name: 'evilx:latest', digest: `abc${WORDS}` }]);
  });

  it('an error body: one clean line, cut to 300 columns however long the body', async () => {
    const huge = `${HOSTILE_TEXT}\n${'x'.repeat(1_000_000)}`;
    standin = await startStandin({ routeErrors: { '/api/tags': { status: 500, error: huge } } });
    const err = await new OllamaLlm(standin.url, 'mistral').listModels().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    const message = (err as LlmError).message;
    expect(message).toMatch(new RegExp(`^Ollama answered 500: ${WORDS} x+…$`));
    expect(message.length).toBeLessThanOrEqual('Ollama answered 500: '.length + 300);
    expect(message).not.toMatch(UNSAFE);
  });

  it('done_reason, as the calls log records it', async () => {
    standin = await startStandin({ reply: () => ({ text: 'Fine.', rawDoneReason: HOSTILE_TEXT }) });
    const calls: LlmCall[] = [];
    const llm = new OllamaLlm(standin.url, 'mistral', { calls: { record: (c) => calls.push(c) } });
    for await (const _chunk of llm.chat([{ role: 'user', content: 'Hi' }], { purpose: 'interviewer' })) {
      // read to the end
    }
    expect(calls.map((c) => c.doneReason)).toEqual([WORDS]);
  });
});
