import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App, type AppProps, type AppResult } from '../src/tui/App.js';
import { evaluateSession } from '../src/core/evaluation/evaluate-session.js';
import { judgeJson } from './support/judge.mjs';
import { Interview } from '../src/core/interview/interview.js';
import { OllamaLlm } from '../src/core/llm/ollama-client.js';
import { findRole } from '../src/core/roles/catalog.js';
import { openDatabase } from '../src/db/open.js';
import { listTurns } from '../src/db/transcripts.js';
import { getSession } from '../src/db/sessions.js';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { obedient } from './support/scenarios.mjs';
import { waitFor } from './support/wait.js';
import { sessionIdOf } from './support/app-result.js';
import { EvaluationView } from '../src/tui/components/EvaluationView.js';
import { PLAIN_CURSOR } from '../src/tui/components/AnswerBox.js';
import type { Evaluation } from '../src/model/evaluation.js';
import { gradedEvaluation } from './support/graded-evaluation.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

function setup(url: string | null, questions = 2, evaluate?: AppProps['evaluate']) {
  const db = openDatabase(':memory:');
  const interview = new Interview(
    { role: findRole('backend'), difficulty: 'medium', questions, model: url ? 'mistral' : null, host: url },
    {
      db,
      llm: url ? new OllamaLlm(url, 'mistral') : null,
      offlineReason: url ? null : 'Offline mode (--offline).',
      random: () => 0.5,
    },
  );
  const results: AppResult[] = [];
  const app = render(
    <App
      interview={interview}
      offlineReason={url ? null : 'Offline mode (--offline).'}
      evaluate={evaluate?.bind(null)}
      judgeModel="mistral"
      onDone={(r) => results.push(r)}
    />,
  );
  const frame = () => app.lastFrame() ?? '';
  // Typing before useInput is mounted is lost (ink-testing-library #11): wait for the active box first.
  const type = async (text: string) => {
    await waitFor(() => frame().includes('Enter send'), 'the answer box');
    app.stdin.write(text);
  };
  return { db, app, frame, type, results };
}

describe('TUI', () => {
  it('shows the role, question k of N, streams the interviewer and takes a multi-line answer', async () => {
    standin = await startStandin({ reply: obedient(), tokenDelayMs: 2 });
    const { db, app, frame, type, results } = setup(standin.url);
    await waitFor(
      () => frame().includes('Hello, thanks for joining.') && frame().includes('answer 0:0'),
      'the first question',
    );
    expect(frame()).toContain('Backend Engineer');
    expect(frame()).toContain('Question 1 of 2');

    await type('We used a write-through cache');
    await waitFor(() => frame().includes('write-through cache'), 'typed text');
    app.stdin.write('\n'); // Ctrl-J: a new line, not a send
    app.stdin.write('and invalidated on every write.');
    await waitFor(() => frame().includes('and invalidated on every write.'), 'second line');
    app.stdin.write('\r'); // Enter sends
    // No example and no numbers in that answer: one follow-up on the same question.
    await waitFor(() => frame().includes('Could you tell me more about'), 'the follow-up');
    expect(frame()).toContain('Question 1 of 2');

    // A paste as KeyboardInput hands it to Ink: its line break as \n (a typed \r would send).
    await type('A pasted answer\nspanning two lines with enough words.');
    await waitFor(() => frame().includes('spanning two lines'), 'the paste');
    app.stdin.write('\r');
    await waitFor(() => frame().includes('Question 2 of 2'), 'the second question');
    await type('/end');
    app.stdin.write('\r');
    await waitFor(() => results.length === 1, 'the end of the interview');
    expect(results[0]).toMatchObject({ status: 'completed' });
    const answers = listTurns(db, sessionIdOf(results))
      .filter((t) => t.speaker === 'candidate')
      .map((t) => t.content);
    expect(answers).toEqual([
      'We used a write-through cache\nand invalidated on every write.',
      'A pasted answer\nspanning two lines with enough words.',
    ]);
    app.unmount();
  });

  it('/help shows the keys, /skip moves on, /end finishes', async () => {
    const { app, frame, type, results, db } = setup(null, 3);
    await type('/help');
    app.stdin.write('\r');
    await waitFor(() => frame().includes("stop the interviewer's reply"), 'help');
    await type('/skip');
    app.stdin.write('\r');
    await waitFor(() => frame().includes('Question 2 of 3'), 'question 2');
    await type('/end');
    app.stdin.write('\r');
    await waitFor(() => results.length === 1, 'the end');
    const sessionId = sessionIdOf(results);
    expect(getSession(db, sessionId)).toMatchObject({ status: 'completed', endReason: 'ended early' });
    app.unmount();
  });

  it('/quit and /exit end the interview like /end, and /help lists them', async () => {
    for (const command of ['/quit', '/EXIT']) {
      const { app, frame, type, results, db } = setup(null, 3);
      await type('/help');
      app.stdin.write('\r');
      await waitFor(() => frame().includes('/end, /quit, /exit'), 'the help');
      await type(command);
      app.stdin.write('\r');
      await waitFor(() => results.length === 1, 'the end');
      expect(getSession(db, sessionIdOf(results))).toMatchObject({ status: 'completed', endReason: 'ended early' });
      app.unmount();
    }
  });

  it('an unknown /command is not sent (a one-line notice); an answer that starts with a slash is', async () => {
    const { app, frame, type, results, db } = setup(null, 2);
    await type('/fnord');
    app.stdin.write('\r');
    await waitFor(() => frame().includes('Unknown command /fnord'), 'the notice');
    expect(frame()).toContain('Question 1 of 2');
    // The text stays to be corrected; Ctrl-U clears it.
    expect(frame()).toContain('/fnord');
    app.stdin.write('\u0015');
    app.stdin.write('/usr/bin is on the PATH\r');
    await waitFor(() => frame().includes('Question 2 of 2'), 'the next question');
    await type('/end\r');
    await waitFor(() => results.length === 1, 'the end');
    const answers = listTurns(db, sessionIdOf(results)).filter((t) => t.speaker === 'candidate');
    expect(answers.map((t) => t.content)).toEqual(['/usr/bin is on the PATH']);
    app.unmount();
  });

  it('text typed while the interviewer streams stays in the box and is sent once the question is asked', async () => {
    standin = await startStandin({
      reply: () => ({
        text: 'NEXT: Welcome. Tell me about a time you debugged a memory leak in production and how you found it.',
        tokenDelayMs: 40,
      }),
    });
    const { app, frame, db } = setup(standin.url, 1);
    await waitFor(() => frame().includes('Welcome.') && frame().includes('the interviewer is speaking'), 'streaming');
    app.stdin.write('typed ahead');
    await waitFor(() => frame().includes('Enter send'), 'the question to be asked');
    expect(frame()).toContain('typed ahead');
    app.stdin.write(' and finished\r');
    const answer = () => db.prepare("SELECT content FROM transcripts WHERE speaker = 'candidate'").get();
    await waitFor(answer, 'the answer to be saved');
    expect(answer()).toEqual({ content: 'typed ahead and finished' });
    app.unmount();
  });

  it('without colours the cursor is drawn as a character; with colours it is not', async () => {
    for (const plainCursor of [true, false]) {
      const db = openDatabase(':memory:');
      const interview = new Interview(
        { role: findRole('backend'), difficulty: 'medium', questions: 1, model: null, host: null },
        { db, llm: null, offlineReason: 'Offline.', random: () => 0.5 },
      );
      const app = render(
        <App interview={interview} offlineReason="Offline." plainCursor={plainCursor} onDone={() => {}} />,
      );
      const frame = () => app.lastFrame() ?? '';
      await waitFor(() => frame().includes('Enter send'), 'the answer box');
      app.stdin.write('abc');
      await waitFor(() => frame().includes('abc'), 'the typed text');
      expect(frame().includes(`abc${PLAIN_CURSOR}`)).toBe(plainCursor);
      app.unmount();
    }
  });

  it('shows the offline banner', async () => {
    const { frame, app } = setup(null);
    await waitFor(() => frame().includes('Offline mode (--offline).'), 'banner');
    app.unmount();
  });

  it('Ctrl-C ends the session as interrupted', async () => {
    const { app, frame, results, db } = setup(null);
    await waitFor(() => frame().includes('Enter send'), 'the answer box');
    app.stdin.write('\u0003');
    await waitFor(() => results.length === 1, 'the end');
    expect(results[0]).toMatchObject({ status: 'interrupted' });
    expect(getSession(db, sessionIdOf(results))?.status).toBe('interrupted');
    app.unmount();
  });

  it('Esc stops a streaming reply and the partial question stays, marked cancelled', async () => {
    standin = await startStandin({
      reply: () => ({
        text: 'NEXT: Welcome. Tell me about a time you debugged a memory leak in production and how you found the root cause under pressure.',
        tokenDelayMs: 40,
      }),
    });
    const { app, frame } = setup(standin.url, 1);
    await waitFor(() => frame().includes('Welcome.'), 'streaming');
    app.stdin.write('\u001B');
    await waitFor(() => frame().includes('[cancelled]'), 'the cancel mark');
    await waitFor(() => standin!.abortedStreams === 1, 'the server to see the abort');
    app.unmount();
  });

  it('shows the evaluation after the interview, and Esc while judging skips it without losing the session', async () => {
    standin = await startStandin({
      reply: (req) =>
        req.format
          ? { text: JSON.stringify(judgeJson(req, { score: 5 })), tokenDelayMs: 30 }
          : 'NEXT: Hello. What is an index?',
    });
    const llm = new OllamaLlm(standin.url, 'mistral');
    // The evaluation runs once the interview ends, long after the harness (and its db) exists.
    const harness = setup(null, 1, (sessionId, signal, onProgress) =>
      evaluateSession(harness.db, sessionId, findRole('backend'), { kind: 'ai', llm }, { signal, onProgress }),
    );
    const { db, app, frame, type, results } = harness;
    await type('An index is a B-tree over a column that lets lookups skip a full table scan.');
    app.stdin.write('\r');
    await waitFor(() => frame().includes('Evaluating with mistral'), 'the evaluation spinner');
    app.stdin.write('\u001B');
    await waitFor(() => results.length === 1, 'the end');
    // Esc is the person's choice to skip it (exit 0), not an interruption.
    expect(results[0]).toMatchObject({ status: 'completed', evaluation: 'skipped' });
    expect(frame()).toContain('Evaluation skipped. Evaluate later with: interview-coach evaluate');
    const count = (sql: string) => db.prepare<[], { n: number }>(sql).get()?.n;
    expect(count('SELECT count(*) AS n FROM evaluations')).toBe(0);
    expect(count("SELECT count(*) AS n FROM transcripts WHERE speaker = 'candidate'")).toBe(1);
    app.unmount();
  });
});

describe('EvaluationView', () => {
  const view = (e: Evaluation, difficulty?: string) => {
    const app = render(<EvaluationView evaluation={e} sessionId={e.sessionId} difficulty={difficulty} />);
    const frame = app.lastFrame() ?? '';
    app.unmount();
    return frame;
  };

  it('shows the band next to the score, and where the score comes from', () => {
    const frame = view(gradedEvaluation(), 'medium');
    expect(frame).toMatch(/Evaluation · 50\/100 · meets the bar at medium \(AI judge: mistral\)/);
    expect(frame).toContain('from the 3 tested rubric grades below; 1 not tested');
    expect(view(gradedEvaluation(), 'hard')).toContain('50/100 · meets the bar at hard');
    expect(view(gradedEvaluation({ overallScore: 25 }), 'medium')).toContain('25/100 · below the bar at medium');
    // No difficulty known: the number alone, never a guessed band.
    expect(view(gradedEvaluation())).not.toContain('the bar');
  });

  it('shows "not tested", "not verified", the spread and the quotes; never n/a or "supports more"', () => {
    const lines = view(gradedEvaluation(), 'medium').split('\n');
    const line = (name: string) => lines.find((l) => l.includes(name)) ?? '';
    expect(line('Product sense')).toMatch(/4\/5 Product sense +“busy parents order ahead”/);
    expect(line('Prioritisation')).toMatch(/2\/5 Prioritisation +not verified/);
    expect(line('Analytical rigour')).toMatch(
      /3\/5 Analytical rigour and metrics \(spread 1\) “repeat orders per week”/,
    );
    expect(line('Execution and alignment')).toMatch(/— +Execution and alignment +not tested/);
    const all = lines.join('\n');
    expect(all).not.toMatch(/n\/a|supports more|null/);
  });

  it('per answer: the grade with its notes, and the candidate’s own words when there are any', () => {
    const frame = view(gradedEvaluation(), 'medium');
    expect(frame).toContain('Q1 (4/5, spread 1). How would you improve the ordering experience of a coffee app?');
    expect(frame).toContain('Your words: “busy parents order ahead”');
    expect(frame).toContain('Q2 (2/5, not verified). Which metric would you track for onboarding?');
    expect(frame.match(/Your words/g)).toHaveLength(1);
  });

  it('no tested dimension: no number and no band', () => {
    const frame = view(
      gradedEvaluation({
        overallScore: 0,
        dimensions: [{ id: 'p', name: 'Prioritisation', score: null, evidence: '' }],
      }),
      'medium',
    );
    expect(frame).toContain('no score: none of the rubric dimensions could be tested');
    expect(frame).not.toMatch(/\/100|the bar/);
  });

  it('after an interview, the evaluation shows the band at the session’s difficulty', async () => {
    standin = await startStandin({
      reply: (req) => (req.format ? JSON.stringify(judgeJson(req, { score: 5 })) : 'NEXT: Hello. What is an index?'),
    });
    const llm = new OllamaLlm(standin.url, 'mistral');
    const harness = setup(null, 1, (sessionId, signal, onProgress) =>
      evaluateSession(harness.db, sessionId, findRole('backend'), { kind: 'ai', llm }, { signal, onProgress }),
    );
    const { app, frame, type, results } = harness;
    await type('An index is a B-tree over a column that lets lookups skip a full table scan of 10 million rows.');
    app.stdin.write('\r');
    await waitFor(() => results.length === 1, 'the end');
    await waitFor(() => frame().includes('Evaluation ·'), 'the evaluation');
    expect(frame()).toMatch(/\d+\/100 · (below|meets|above) the bar at medium/);
    app.unmount();
  });
});
