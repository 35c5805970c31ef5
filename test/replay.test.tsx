import type React from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { gradedEvaluation } from './support/graded-evaluation.js';
import { ReplayViewer } from '../src/tui/replay/ReplayViewer.js';
import { replayDocumentLines } from '../src/tui/replay/replay-documents.js';
import {
  autoAdvanceDelay,
  initialReplayState,
  keyToReplayCommand,
  replayReducer,
  type ReplayKey,
  type ReplayState,
} from '../src/tui/replay/replay-state.js';
import type { SessionDocument, SessionTurn } from '../src/core/session-document.js';
import type { HeuristicEvaluation, UnreadableEvaluation } from '../src/model/evaluation.js';
import { waitFor } from './support/wait.js';
import stringWidth from 'string-width';

const START = '2026-11-20T09:00:00.000Z';
const at = (s: number) => new Date(Date.parse(START) + s * 1000).toISOString();
let seq = 0;
const turn = (
  s: number,
  speaker: SessionTurn['speaker'],
  kind: SessionTurn['kind'],
  q: number | null,
  content: string,
  extra: Partial<SessionTurn> = {},
): SessionTurn => ({
  seq: ++seq,
  speaker,
  kind,
  questionNumber: q,
  content,
  createdAt: at(s),
  durationMs: null,
  cancelled: false,
  askedBy: speaker === 'interviewer' ? 'model' : null,
  audioUrl: null,
  metrics: null,
  ...extra,
});

function doc(overrides: Partial<SessionDocument> = {}): SessionDocument {
  seq = 0;
  return {
    schemaVersion: 1,
    id: '3f9a1c2b-0000-4000-8000-000000000000',
    role: { id: 'backend', title: 'Backend Engineer' },
    difficulty: 'medium',
    plannedQuestions: 2,
    interviewer: 'ollama',
    offlineReason: null,
    model: 'mistral',
    host: null,
    judgeModel: null,
    inputMode: 'text',
    status: 'completed',
    endReason: 'finished',
    startedAt: START,
    endedAt: at(150),
    durationMs: 150_000,
    retryOf: null,
    retryQuestion: null,
    transcript: [
      turn(10, 'interviewer', 'question', 1, 'How would you cache a hot read path?'),
      turn(70, 'candidate', 'answer', 1, 'We cached hot keys in Redis.', { audioUrl: 'answer-1.wav' }),
      turn(80, 'interviewer', 'question', 2, 'How would you shard a tenant table?'),
      turn(125, 'candidate', 'answer', 2, 'By tenant id with a lookup table.'),
    ],
    evaluation: {
      id: 1,
      sessionId: '3f9a1c2b-0000-4000-8000-000000000000',
      kind: 'ai',
      status: 'ok',
      overallScore: 63,
      dimensions: [{ id: 'depth', name: 'Technical depth', score: 4, evidence: 'We cached hot keys in Redis' }],
      strengths: ['Quantified the latency win.'],
      areas: ['Explain invalidation trade-offs.'],
      perAnswer: [
        {
          questionNumber: 1,
          question: 'How would you cache a hot read path?',
          score: 4,
          landed: 'Named Redis.',
          missing: 'Eviction policy.',
          strongerAnswer: 'Lead with the result.',
        },
        {
          questionNumber: 2,
          question: 'How would you shard a tenant table?',
          score: 2,
          landed: 'A lookup table.',
          missing: 'Rebalancing.',
          strongerAnswer: 'Say how tenants move.',
        },
      ],
      detailedFeedback: 'Solid overall.',
      evidenceNote: null,
      error: null,
      model: 'mistral',
      host: null,
      rubric: 'technical',
      attempts: 1,
      samples: null,
      durationMs: 1,
      createdAt: at(160),
    },
    ...overrides,
  };
}

const noKey: ReplayKey = {
  leftArrow: false,
  rightArrow: false,
  upArrow: false,
  downArrow: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
};
const RIGHT = '\u001B[C';
const LEFT = '\u001B[D';

describe('replay reducer', () => {
  const s0 = initialReplayState(4);
  const run = (state: ReplayState, ...types: ('next' | 'prev' | 'first' | 'last' | 'tick' | 'toggle-play')[]) =>
    types.reduce((s, type) => replayReducer(s, { type }), state);

  it('steps forward and back over the turns plus one evaluation page, never past either end', () => {
    expect(s0).toEqual({ index: 0, steps: 5, playing: false, notice: null });
    expect(run(s0, 'next', 'next').index).toBe(2);
    expect(run(s0, 'next', 'prev', 'prev', 'prev').index).toBe(0);
    expect(run(s0, 'last').index).toBe(4);
    expect(run(s0, 'last', 'next', 'next').index).toBe(4);
    expect(run(s0, 'last', 'first').index).toBe(0);
    expect(replayReducer(s0, { type: 'prev' })).toBe(s0);
  });

  it('an empty session has only the evaluation page', () => {
    expect(run(initialReplayState(0), 'next', 'last')).toEqual({ index: 0, steps: 1, playing: false, notice: null });
  });

  it('ticks advance only while playing, and playing stops at the end', () => {
    expect(run(s0, 'tick').index).toBe(0);
    const playing = initialReplayState(2, true);
    expect(playing.playing).toBe(true);
    const end = run(playing, 'tick', 'tick');
    expect(end).toMatchObject({ index: 2, playing: false });
    expect(run(end, 'tick')).toBe(end);
    expect(run(end, 'toggle-play')).toMatchObject({ index: 0, playing: true });
    expect(run(playing, 'toggle-play')).toMatchObject({ index: 0, playing: false });
  });

  it('moving clears a notice', () => {
    const noticed = replayReducer(s0, { type: 'notice', text: 'no audio for this answer' });
    expect(noticed.notice).toBe('no audio for this answer');
    expect(run(noticed, 'next').notice).toBeNull();
    expect(run(noticed, 'prev')).toMatchObject({ index: 0, notice: null });
  });

  it('maps keys: →/space/j next, ←/k back, Home/End, p, a, q/Esc/Ctrl-C quit', () => {
    expect(keyToReplayCommand('', { ...noKey, rightArrow: true })).toEqual({ type: 'next' });
    expect(keyToReplayCommand(' ', noKey)).toEqual({ type: 'next' });
    expect(keyToReplayCommand('j', noKey)).toEqual({ type: 'next' });
    expect(keyToReplayCommand('', { ...noKey, leftArrow: true })).toEqual({ type: 'prev' });
    expect(keyToReplayCommand('k', noKey)).toEqual({ type: 'prev' });
    expect(keyToReplayCommand('', { ...noKey, home: true })).toEqual({ type: 'first' });
    expect(keyToReplayCommand('', { ...noKey, end: true })).toEqual({ type: 'last' });
    expect(keyToReplayCommand('p', noKey)).toEqual({ type: 'toggle-play' });
    expect(keyToReplayCommand('a', noKey)).toBe('audio');
    expect(keyToReplayCommand('q', noKey)).toBe('quit');
    expect(keyToReplayCommand('', { ...noKey, escape: true })).toBe('quit');
    expect(keyToReplayCommand('c', { ...noKey, ctrl: true })).toBe('quit');
    expect(keyToReplayCommand('x', noKey)).toBeNull();
  });

  it('auto-advance waits the original gap divided by the speed, capped at 10 s', () => {
    const times = [at(10), at(70), at(75), null];
    expect(autoAdvanceDelay(times, 0, 1)).toBe(10_000);
    expect(autoAdvanceDelay(times, 0, 10)).toBe(6_000);
    expect(autoAdvanceDelay(times, 1, 2)).toBe(2_500);
    expect(autoAdvanceDelay(times, 2, 1)).toBe(1_000);
    expect(autoAdvanceDelay(times, 3, 1)).toBeNull();
    expect(autoAdvanceDelay([at(20), at(10)], 0, 1)).toBe(0);
  });
});

describe('ReplayViewer', () => {
  function setup(d = doc(), props: Partial<React.ComponentProps<typeof ReplayViewer>> = {}) {
    const onQuit = vi.fn();
    const app = render(<ReplayViewer doc={d} onQuit={onQuit} {...props} />);
    const frame = () => app.lastFrame() ?? '';
    return { app, frame, onQuit };
  }

  it('shows the band in the header and at the end, and each answer’s grade notes and the candidate’s words', async () => {
    const { app, frame } = setup(doc({ evaluation: gradedEvaluation(), difficulty: 'hard' }));
    await waitFor(() => frame().includes('Turn 1 of 4'), 'the first turn');
    expect(frame()).toContain('50/100, meets the bar at hard');
    app.stdin.write(RIGHT);
    await waitFor(() => frame().includes('Turn 2 of 4'), 'turn 2');
    expect(frame()).toContain('Feedback on Q1 (4/5, spread 1)');
    expect(frame()).toContain('Your words: “busy parents order ahead”');
    app.stdin.write('j');
    app.stdin.write('j');
    await waitFor(() => frame().includes('Feedback on Q2 (2/5, not verified)'), 'turn 4 with its feedback');
    expect(frame()).not.toContain('Your words');
    app.stdin.write('j');
    await waitFor(() => frame().includes('Evaluation · end of the replay'), 'the evaluation');
    expect(frame()).toContain('Evaluation · 50/100 · meets the bar at hard');
    expect(frame()).toMatch(/Execution and alignment +not tested/);
    app.unmount();
  });

  it('shows the header, then one turn at a time with its offset; feedback next to the answer; the evaluation at the end', async () => {
    const { app, frame, onQuit } = setup();
    await waitFor(() => frame().includes('Turn 1 of 4'), 'the first turn');
    expect(frame()).toContain('Backend Engineer');
    expect(frame()).toContain('2026-11-20');
    expect(frame()).toContain('Backend Engineer · 2026-11-20 09:00 · text (mistral) · 63/100');
    expect(frame()).toContain('63/100');
    expect(frame()).toContain('[00:00:10] Interviewer · Q1');
    expect(frame()).not.toContain('We cached hot keys');

    app.stdin.write(RIGHT);
    await waitFor(() => frame().includes('Turn 2 of 4'), 'turn 2');
    expect(frame()).toContain('[00:01:10] You · Q1');
    expect(frame()).toContain('We cached hot keys in Redis.');
    // The question stays above the answer, and the answer's feedback is next to it.
    expect(frame().indexOf('How would you cache')).toBeLessThan(frame().indexOf('We cached hot keys'));
    expect(frame()).toContain('Feedback on Q1 (4/5)');
    expect(frame()).toContain('Missing: Eviction policy.');
    expect(frame()).not.toContain('Feedback on Q2');

    app.stdin.write(' ');
    await waitFor(() => frame().includes('Turn 3 of 4'), 'turn 3 (space)');
    expect(frame()).toContain('How would you shard a tenant table?');
    expect(frame()).not.toContain('Feedback on Q1');
    app.stdin.write(LEFT);
    await waitFor(() => frame().includes('Turn 2 of 4'), 'back to turn 2');
    app.stdin.write('j');
    app.stdin.write('j');
    await waitFor(
      () => frame().includes('Turn 4 of 4') && frame().includes('Feedback on Q2 (2/5)'),
      'turn 4 with its feedback',
    );
    app.stdin.write('j');
    await waitFor(() => frame().includes('Evaluation · end of the replay'), 'the evaluation');
    expect(frame()).toContain('Evaluation · 63/100');
    expect(frame()).toContain('Technical depth');
    expect(frame()).toContain('Quantified the latency win.');
    app.stdin.write('k');
    await waitFor(() => frame().includes('Turn 4 of 4'), 'back from the evaluation');

    expect(onQuit).not.toHaveBeenCalled();
    app.stdin.write('q');
    await waitFor(() => onQuit.mock.calls.length === 1, 'q to quit');
    app.unmount();
  });

  it('Home and End jump to the first turn and the evaluation; a chunk of keys counts each key', async () => {
    const { app, frame } = setup();
    await waitFor(() => frame().includes('Turn 1 of 4'), 'the first turn');
    app.stdin.write('\u001B[F');
    await waitFor(() => frame().includes('Evaluation · end of the replay'), 'End');
    app.stdin.write('\u001B[H');
    await waitFor(() => frame().includes('Turn 1 of 4'), 'Home');
    // Keys that arrive in one chunk (typed fast, held down) each count.
    app.stdin.write('jj');
    await waitFor(() => frame().includes('Turn 3 of 4'), 'two steps from one chunk');
    app.unmount();
  });

  it('a plays the answer audio when there is some, else says so', async () => {
    let finish: () => void = () => {};
    const playAudio = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const { app, frame } = setup(doc(), { playAudio });
    await waitFor(() => frame().includes('Turn 1 of 4'), 'the first turn');
    app.stdin.write(RIGHT);
    await waitFor(() => frame().includes('Turn 2 of 4') && frame().includes('a audio'), 'the answer with audio');
    app.stdin.write('a');
    await waitFor(() => frame().includes('playing the answer’s audio'), 'playing');
    expect(playAudio).toHaveBeenCalledWith(expect.objectContaining({ seq: 2, audioUrl: 'answer-1.wav' }));
    finish();
    await waitFor(() => !frame().includes('playing the answer’s audio'), 'done playing');
    app.stdin.write(RIGHT);
    app.stdin.write(RIGHT);
    await waitFor(() => frame().includes('Turn 4 of 4'), 'the answer without audio');
    app.stdin.write('a');
    await waitFor(() => frame().includes('no audio for this answer'), 'no audio');
    expect(playAudio).toHaveBeenCalledTimes(1);
    app.unmount();
  });

  it('a key acts on the turn it follows, even in the same chunk as the step ("ja")', async () => {
    const playAudio = vi.fn(() => Promise.resolve());
    const { app, frame } = setup(doc(), { playAudio });
    await waitFor(() => frame().includes('Turn 1 of 4'), 'the first turn');
    app.stdin.write('ja');
    await waitFor(() => playAudio.mock.calls.length === 1, 'the audio of turn 2');
    expect(playAudio).toHaveBeenCalledWith(expect.objectContaining({ seq: 2, audioUrl: 'answer-1.wav' }));
    expect(frame()).not.toContain('Audio is recorded for answers only');
    app.unmount();
  });

  it('--speed replays with the original pacing (sped up) and stops at the evaluation', async () => {
    const { app, frame } = setup(doc(), { speed: 500 });
    await waitFor(() => frame().includes('▶ auto 500×'), 'auto-play');
    await waitFor(() => frame().includes('Evaluation · end of the replay'), 'the end, by itself', 5_000);
    expect(frame()).not.toContain('▶ auto');
    app.unmount();
  });

  it('an unreadable evaluation: no score in the header, no notes under the answers, the reason at the end', async () => {
    const unreadable: UnreadableEvaluation = {
      id: 1,
      sessionId: '3f9a1c2b-0000-4000-8000-000000000000',
      kind: 'ai',
      status: 'unreadable',
      overallScore: null,
      dimensions: [],
      strengths: [],
      areas: [],
      perAnswer: [],
      detailedFeedback: null,
      evidenceNote: null,
      error: 'per_answer_json is not valid JSON',
      model: 'mistral',
      host: null,
      rubric: 'technical',
      attempts: 1,
      samples: null,
      durationMs: 1,
      createdAt: at(160),
    };
    const { app, frame } = setup(doc({ evaluation: unreadable }));
    await waitFor(() => frame().includes('Turn 1 of 4'), 'the first turn');
    expect(frame()).toContain('Backend Engineer · 2026-11-20 09:00 · text (mistral) · evaluation unreadable');
    app.stdin.write(RIGHT);
    await waitFor(() => frame().includes('Turn 2 of 4'), 'turn 2');
    expect(frame()).not.toContain('Feedback on Q1');
    app.stdin.write('G');
    await waitFor(() => frame().includes('Evaluation · end of the replay'), 'the evaluation');
    expect(frame()).toContain('Evaluation unreadable');
    expect(frame()).toContain('per_answer_json is not valid JSON');
    expect(frame()).not.toMatch(/\/100|\/5/);
    app.unmount();
  });

  it('a later attempt that failed: the evaluation shown keeps its score, with the note at the end', async () => {
    const evaluation = {
      ...gradedEvaluation({ createdAt: at(160) }),
      laterFailure: {
        createdAt: at(3600),
        error: 'Ollama is not running at http://127.0.0.1:9.',
        model: 'mistral',
        host: null,
      },
    };
    const { app, frame } = setup(doc({ evaluation }));
    await waitFor(() => frame().includes('Turn 1 of 4'), 'the first turn');
    expect(frame()).toContain('50/100');
    app.stdin.write('G');
    await waitFor(() => frame().includes('Evaluation · end of the replay'), 'the evaluation');
    expect(frame()).toMatch(/latest attempt failed \S+ \S+ \(showing the \S+ evaluation\): Ollama is not\s+running/);
    expect(frame()).toContain('50/100');
    app.unmount();
  });

  it('a session that was never evaluated says how to evaluate it; heuristic notes show the facts line', async () => {
    const { app, frame } = setup(doc({ evaluation: null, transcript: [] }));
    await waitFor(() => frame().includes('Not evaluated. Run: interview-coach evaluate 3f9a1c2b'), 'the end page');
    app.unmount();
    const heuristic = doc();
    const ai = heuristic.evaluation;
    if (ai?.kind !== 'ai' || ai.status !== 'ok') throw new Error('doc() holds an ok AI evaluation');
    const feedback: HeuristicEvaluation = {
      ...ai,
      kind: 'heuristic',
      overallScore: null,
      dimensions: [],
      model: null,
      perAnswer: [
        {
          questionNumber: 1,
          question: 'How would you cache a hot read path?',
          skipped: false,
          facts: {
            words: 6,
            speakingSeconds: 2,
            concreteExample: false,
            numbers: false,
            star: { situation: false, task: false, action: true, result: false },
            keywords: ['redis'],
            keywordTotal: 10,
            fillers: { total: 0, per100Words: 0, byPhrase: [] },
            substantive: true,
          },
        },
      ],
    };
    heuristic.evaluation = feedback;
    const h = setup(heuristic);
    await waitFor(() => h.frame().includes('Turn 1 of 4'), 'the first turn');
    expect(h.frame()).toContain('heuristic feedback (no score)');
    h.app.stdin.write(RIGHT);
    await waitFor(() => h.frame().includes('Facts on Q1'), 'the facts');
    expect(h.frame()).toContain('6 words (~2 s spoken)');
    expect(h.frame()).toContain('keywords: 1/10 (redis)');
    h.app.unmount();
  });
});

describe('ReplayViewer: the job description and résumé under the header', () => {
  const grounded = (resumeText: string | null) =>
    doc({
      jd: {
        title: 'Senior Backend Engineer, Payments Platform — Infrastructure, Reliability and Developer Tools',
        sha256: 'a'.repeat(64),
        text: 'We need Kafka and Postgres.',
      },
      resume: { title: 'Jane Doe CV', sha256: 'b'.repeat(64), text: resumeText },
      grounding: {
        requirements: ['Kafka event pipelines', 'Postgres at scale', 'On-call ownership of payment services'],
        claims: ['Cut p99 latency 40% on the ledger API'],
      },
    });

  /** The test stdout is 100 columns wide: give it the size of a person's terminal, as a resize does. */
  function renderAt(d: SessionDocument, columns: number, rows: number) {
    const app = render(<ReplayViewer doc={d} />);
    Object.defineProperty(app.stdout, 'columns', { value: columns, configurable: true });
    Object.defineProperty(app.stdout, 'rows', { value: rows, configurable: true });
    app.stdout.emit('resize');
    return { app, frame: () => app.lastFrame() ?? '' };
  }
  const lines = (frame: string) => frame.split('\n');

  it('at 80x40: both titles, "text not stored" after --no-store, requirements and claims, every line within 80', async () => {
    const { app, frame } = renderAt(grounded(null), 80, 40);
    await waitFor(() => frame().includes('Requirements (3): Kafka event pipelines · Postgres at scale'), 'facts');
    const jd = lines(frame()).find((l) => l.startsWith('Job description: Senior Backend Engineer, Payments'));
    expect(jd, frame()).toMatch(/…$/);
    expect(frame()).toContain('Résumé: Jane Doe CV (text not stored)');
    expect(frame()).toContain('Claims (1): Cut p99 latency 40% on the ledger API');
    for (const line of lines(frame())) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    app.unmount();
  });

  it('at 80x24 keeps the titles but leaves the requirements and claims out; a stored résumé is not "not stored"', async () => {
    const { app, frame } = renderAt(grounded('Jane Doe. Ledger API.'), 80, 24);
    await waitFor(
      () => stringWidth(lines(frame())[0] ?? '') <= 80 && frame().includes('Résumé: Jane Doe CV'),
      'titles',
    );
    expect(frame()).not.toContain('text not stored');
    expect(frame()).not.toContain('Requirements (');
    expect(frame()).not.toContain('Claims (');
    app.unmount();
  });

  it('each line is cut to the columns less one spare column, with an ellipsis', () => {
    const out = replayDocumentLines(grounded(null), 40, 40);
    expect(out).toHaveLength(4);
    expect(out[0]).toBe('Job description: Senior Backend Engine…');
    for (const line of out) expect(stringWidth(line)).toBeLessThanOrEqual(39);
  });

  it('a session without documents shows no document lines, and damaged facts say so', async () => {
    const plain = renderAt(doc(), 80, 40);
    await waitFor(() => plain.frame().includes('Turn 1 of 4'), 'the first turn');
    expect(plain.frame()).not.toContain('Job description:');
    expect(plain.frame()).not.toContain('Résumé:');
    plain.app.unmount();
    const damaged = renderAt({ ...grounded(null), grounding: { unreadable: 'grounding_json: not JSON' } }, 80, 40);
    await waitFor(() => damaged.frame().includes('What was read in the documents is damaged.'), 'the damage note');
    damaged.app.unmount();
  });
});
