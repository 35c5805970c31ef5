import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ANSWER_CHAR_LIMIT, limitAnswer } from '../src/core/interview/answer-limit.js';
import { Interview } from '../src/core/interview/interview.js';
import { ParagraphAnswers } from '../src/core/interview/paragraph-answers.js';
import { findRole } from '../src/core/roles/catalog.js';
import { openDatabase, type Db } from '../src/db/open.js';
import { listTurns } from '../src/db/transcripts.js';
import type { AnswerAction, InterviewEvent } from '../src/model/events.js';
import { App } from '../src/tui/App.js';
import { runCli } from './support/cli.js';
import { waitFor } from './support/wait.js';

function offlineInterview(db: Db) {
  return new Interview(
    { role: findRole('backend'), difficulty: 'medium', questions: 1, model: null, host: null },
    { db, llm: null, offlineReason: 'offline for the test', random: () => 0.5 },
  );
}

async function interviewWith(answer: string) {
  const db = openDatabase(':memory:');
  const answers: AnswerAction[] = [{ type: 'answer', text: answer }];
  const events: InterviewEvent[] = [];
  for await (const e of offlineInterview(db).run(
    { next: () => Promise.resolve(answers.shift() ?? { type: 'end' }) },
    new AbortController().signal,
  ))
    events.push(e);
  const sessionId = events.find((e) => e.type === 'started')?.sessionId ?? '';
  const stored = listTurns(db, sessionId).find((t) => t.speaker === 'candidate')?.content;
  return { events, stored };
}

describe('limitAnswer', () => {
  it('keeps an answer of the limit whole and cuts a longer one to its first 20,000 characters', () => {
    const exact = 'a'.repeat(ANSWER_CHAR_LIMIT);
    expect(limitAnswer(exact)).toEqual({ text: exact, cut: false });
    expect(limitAnswer(`${exact}b`)).toEqual({ text: exact, cut: true });
  });

  it('counts characters, not UTF-16 units, and never keeps half of one', () => {
    const emoji = '😀'.repeat(ANSWER_CHAR_LIMIT);
    expect(limitAnswer(emoji)).toEqual({ text: emoji, cut: false });
    const kept = limitAnswer(`x${emoji}`);
    expect(kept.cut).toBe(true);
    expect(kept.text).toBe(`x${'😀'.repeat(ANSWER_CHAR_LIMIT - 1)}`);
  });
});

describe('the answer limit, where an answer is accepted', () => {
  it('stores the first 20,000 characters of a longer answer and says so', async () => {
    const answer = 'word '.repeat(5000).trim(); // 24,999 characters
    const { events, stored } = await interviewWith(answer);
    expect(stored).toBe(answer.slice(0, ANSWER_CHAR_LIMIT));
    const shown = events.find((e) => e.type === 'answer');
    expect(shown?.type === 'answer' && shown.text).toBe(stored);
    const notices = events.filter((e) => e.type === 'notice').map((e) => e.type === 'notice' && e.message);
    expect(notices).toEqual([expect.stringMatching(/longer than 20,000 characters: only its first 20,000 are kept/)]);
  });

  it('an answer within the limit is stored whole, without a notice', async () => {
    const answer = 'word '.repeat(4000).trim(); // 19,999 characters
    const { events, stored } = await interviewWith(answer);
    expect(stored).toBe(answer);
    expect(events.some((e) => e.type === 'notice')).toBe(false);
  });

  it('piped answers: a 10 MB paragraph is not held whole, yet arrives long enough to be cut and noticed', async () => {
    const input = new PassThrough();
    const answers = new ParagraphAnswers(input);
    const line = 'x'.repeat(10_000);
    for (let i = 0; i < 1000; i++) input.write(`${line}\n`);
    input.end('\nnext answer\n');
    const first = await answers.next();
    const second = await answers.next();
    expect(first.type).toBe('answer');
    const text = first.type === 'answer' ? first.text : '';
    expect(text.length).toBeGreaterThan(ANSWER_CHAR_LIMIT);
    expect(text.length).toBeLessThan(3 * ANSWER_CHAR_LIMIT);
    expect(limitAnswer(text)).toEqual({ text: `${line}\n${line}`.slice(0, ANSWER_CHAR_LIMIT), cut: true });
    expect(second).toMatchObject({ type: 'answer', text: 'next answer' });
  });

  it('piped answers: a long paragraph of emoji (two UTF-16 units each) still arrives long enough to be cut', async () => {
    const input = new PassThrough();
    const answers = new ParagraphAnswers(input);
    for (let i = 0; i < 100; i++) input.write(`${'😀'.repeat(5000)}\n`);
    input.end();
    const first = await answers.next();
    expect(limitAnswer(first.type === 'answer' ? first.text : '').cut).toBe(true);
  });
});

describe('the answer limit in the TUI', () => {
  it('warns in the answer box once the text is over the limit, and after sending shows the cut', async () => {
    const db = openDatabase(':memory:');
    const app = render(
      <App interview={offlineInterview(db)} offlineReason="Offline mode (--offline)." onDone={() => {}} />,
    );
    const frame = () => app.lastFrame() ?? '';
    await waitFor(() => frame().includes('Enter send'), 'the answer box');
    app.stdin.write('y'.repeat(ANSWER_CHAR_LIMIT));
    await waitFor(() => frame().includes('yyyy'), 'the pasted text');
    expect(frame()).not.toContain('Over 20,000 characters');
    app.stdin.write('zz');
    await waitFor(() => frame().includes('Over 20,000 characters: only the first 20,000 will be kept.'), 'the warning');
    app.stdin.write('\r');
    await waitFor(() => frame().includes('only its first 20,000 are kept'), 'the notice after sending');
    const answer = db.prepare('SELECT content FROM transcripts WHERE speaker = ?').get('candidate') as {
      content: string;
    };
    expect(answer.content).toBe('y'.repeat(ANSWER_CHAR_LIMIT));
    app.unmount();
  });
});

describe('start, piped: an answer over the limit', () => {
  it('is stored as its first 20,000 characters, with a warning', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-answers-'));
    const long = 'word '.repeat(6000).trim();
    const r = await runCli(['start', '--role', 'backend', '--questions', '1', '--offline', '--no-evaluate'], {
      input: `${long}\n`,
      env: { INTERVIEW_COACH_HOME: home },
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('⚠ Your answer was longer than 20,000 characters: only its first 20,000 are kept.');
    const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
    const stored = db.prepare("SELECT content FROM transcripts WHERE speaker = 'candidate'").all();
    db.close();
    expect(stored).toEqual([{ content: long.slice(0, 20_000) }]);
  });
});
