import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/tui/App.js';
import { Interview } from '../src/core/interview/interview.js';
import { OllamaLlm } from '../src/core/llm/ollama-client.js';
import { findRole } from '../src/core/roles/catalog.js';
import { openDatabase } from '../src/db/open.js';
import { getSession } from '../src/db/sessions.js';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { waitFor } from './support/wait.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

describe('TUI against a server that stalls', () => {
  it('the spinner stops at the first-token limit and the question bank takes over, with the banner', async () => {
    standin = await startStandin({ reply: () => ({ text: 'Hello.', hangAfterTokens: 0 }) });
    const db = openDatabase(':memory:');
    const llm = new OllamaLlm(standin.url, 'mistral', { timeouts: { firstTokenMs: 300, idleMs: 150, callMs: 3000 } });
    const interview = new Interview(
      { role: findRole('backend'), difficulty: 'medium', questions: 1, model: 'mistral', host: standin.url },
      { db, llm, offlineReason: null, random: () => 0.5 },
    );
    const app = render(<App interview={interview} offlineReason={null} onDone={() => {}} />);
    // Long lines wrap: the words are compared with the line breaks taken out.
    const frame = () => (app.lastFrame() ?? '').replace(/\s+/g, ' ');
    await waitFor(
      () => frame().includes('did not start its reply within 0.3 s') && frame().includes('Enter send'),
      'the banner and the answer box',
    );
    expect(frame()).toContain('Continuing from the question bank');
    expect(frame()).toContain('Hello, and welcome');
    // The header names where the questions come from now, not the model that failed.
    const header = frame().match(/╭.*╰/)?.[0] ?? '';
    expect(header).toContain('question bank');
    expect(header).not.toContain('mistral');
    const sessionId = (db.prepare('SELECT id FROM sessions').get() as { id: string }).id;
    expect(getSession(db, sessionId)).toMatchObject({ interviewer: 'question-bank' });
    await waitFor(() => standin?.abortedStreams === 1, 'the stand-in to see the hang-up');
    app.unmount();
  });
});
