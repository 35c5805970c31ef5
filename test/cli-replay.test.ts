import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { tmuxPerTest } from './support/tmux.js';
import { hasTool } from './support/tools.js';
import { BIN, runCli } from './support/cli.js';
import { waitFor } from './support/wait.js';
import { openDatabase } from '../src/db/open.js';
import { createSession, finishSession } from '../src/db/sessions.js';
import { appendTurn } from '../src/db/transcripts.js';
import { insertEvaluation } from '../src/db/evaluations.js';

const START = '2026-11-20T09:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(START) + seconds * 1000);
const TURNS: [
  number,
  'interviewer' | 'candidate',
  'greeting' | 'question' | 'follow-up' | 'answer' | 'closing',
  number | null,
  string,
][] = [
  [5, 'interviewer', 'greeting', null, 'Hello, thanks for joining.'],
  [10, 'interviewer', 'question', 1, 'How would you cache a hot read path?'],
  [70, 'candidate', 'answer', 1, 'We cached hot keys in Redis and cut p99 from 300 ms to 40 ms.'],
  [80, 'interviewer', 'follow-up', 1, 'How did you invalidate?'],
  [120, 'candidate', 'answer', 1, 'Write-through on every update.'],
  [130, 'interviewer', 'question', 2, 'How would you shard a tenant table?'],
  [170, 'candidate', 'answer', 2, 'By tenant id, with a lookup table for the big ones.'],
  [180, 'interviewer', 'closing', null, 'Thanks, that is the end of our interview.'],
];

/** A data dir with one AI-evaluated session; the first answer has a recording. */
function home(): { dir: string; id: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ic-replay-'));
  const db = openDatabase(join(dir, 'interview-coach.db'));
  const id = createSession(
    db,
    {
      roleId: 'backend',
      roleTitle: 'Backend Engineer',
      difficulty: 'medium',
      model: 'mistral',
      host: null,
      inputMode: 'voice',
      plan: [
        { text: 'Cache?', difficulty: 'medium', topics: [] },
        { text: 'Shard?', difficulty: 'medium', topics: [] },
      ],
      interviewer: 'ollama',
      offlineReason: null,
    },
    at(0),
  );
  const rows = TURNS.map(([s, speaker, kind, q, content]) =>
    appendTurn(db, id, { speaker, kind, questionNumber: q, content }, at(s)),
  );
  db.prepare('UPDATE transcripts SET audio_url = ? WHERE id = ?').run('answer-1.wav', rows[2]);
  finishSession(db, id, 'completed', 'finished', at(190));
  insertEvaluation(
    db,
    {
      sessionId: id,
      kind: 'ai',
      status: 'ok',
      overallScore: 75,
      dimensions: [{ id: 'depth', name: 'Technical depth', score: 4, evidence: 'We cached hot keys in Redis' }],
      strengths: ['Quantified the latency win.'],
      areas: ['Explain rebalancing.'],
      perAnswer: [
        {
          questionNumber: 1,
          question: 'How would you cache a hot read path?',
          score: 4,
          landed: 'Concrete numbers.',
          missing: 'Eviction policy.',
          strongerAnswer: 'Lead with the result.',
        },
        {
          questionNumber: 2,
          question: 'How would you shard a tenant table?',
          score: 3,
          landed: 'A lookup table.',
          missing: 'Rebalancing.',
          strongerAnswer: 'Say how tenants move.',
        },
      ],
      detailedFeedback: 'Solid overall.',
      evidenceNote: null,
      error: null,
      model: 'mistral',
      rubric: 'technical',
      attempts: 1,
      durationMs: 1,
    },
    at(200),
  );
  db.close();
  mkdirSync(join(dir, 'audio', id), { recursive: true });
  writeFileSync(join(dir, 'audio', id, 'answer-1.wav'), 'RIFF');
  return { dir, id };
}

describe('replay, not at a terminal', () => {
  it('prints the session as Markdown: every turn in order, feedback and the evaluation', async () => {
    const { dir, id } = home();
    const env = { INTERVIEW_COACH_HOME: dir, TZ: 'UTC' };
    const r = await runCli(['replay', id.slice(0, 6)], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('# Mock interview: Backend Engineer — 2026-11-20 09:00');
    let from = 0;
    for (const [s, , , , content] of TURNS) {
      const stamp = `\`00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}\``;
      const i = r.stdout.indexOf(stamp, from);
      const j = r.stdout.indexOf(content, i);
      expect(i, `${stamp} after ${from}`).toBeGreaterThanOrEqual(from);
      expect(j, content).toBeGreaterThan(i);
      from = j + content.length;
    }
    expect(r.stdout.indexOf('Feedback on Q2: 3/5')).toBeGreaterThan(r.stdout.indexOf('By tenant id'));
    expect(r.stdout.indexOf('## Evaluation (AI judge: mistral)')).toBeGreaterThan(from);
    // The same document as `export --format md`.
    expect(r.stdout).toBe((await runCli(['export', id, '--format', 'md'], { env })).stdout);
  });

  it('`replay last > file` writes the whole transcript to the file', async () => {
    const { dir } = home();
    const out = join(mkdtempSync(join(tmpdir(), 'ic-replay-out-')), 'interview.md');
    const r = await execa('sh', ['-c', `"${process.execPath}" "${BIN}" replay last > "${out}"`], {
      env: { INTERVIEW_COACH_HOME: dir, NO_COLOR: '1' },
      reject: false,
      stdin: 'ignore',
    });
    expect(r.exitCode).toBe(0);
    expect(String(r.stdout)).toBe('');
    const md = readFileSync(out, 'utf8');
    for (const [, , , , content] of TURNS) expect(md).toContain(content);
    expect(md).toContain('**Overall: 75/100, above the bar at medium**');
  });

  it('an unknown id or a bad --speed: exit 2, one line', async () => {
    const { dir } = home();
    const env = { INTERVIEW_COACH_HOME: dir };
    const unknown = await runCli(['replay', 'ffff'], { env });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^✖ No session id starts with "ffff"\.\n$/);
    for (const speed of ['0', '-1', 'fast']) {
      const r = await runCli(['replay', 'last', '--speed', speed], { env });
      expect(r.exitCode, speed).toBe(2);
      expect(r.stderr).toMatch(/^✖ Invalid --speed/);
    }
    const empty = mkdtempSync(join(tmpdir(), 'ic-replay-empty-'));
    const none = await runCli(['replay', 'last'], { env: { INTERVIEW_COACH_HOME: empty } });
    expect(none.exitCode).toBe(2);
    expect(existsSync(join(empty, 'interview-coach.db'))).toBe(false);
  });
});

// The viewer in a real terminal: tmux gives it a TTY, send-keys presses keys, capture-pane reads the screen.
const hasTmux = hasTool('tmux', ['-V']);
const { tmux, screen } = tmuxPerTest('ic-replay');

describe.skipIf(!hasTmux)('replay in a real terminal (tmux)', () => {
  it('steps with the keys, plays audio with `a`, shows the evaluation at the end and quits with q (exit 0)', async () => {
    const { dir, id } = home();
    // A stand-in `aplay` that records what it was asked to play.
    const bin = mkdtempSync(join(tmpdir(), 'ic-fake-player-'));
    const played = join(bin, 'played.txt');
    writeFileSync(join(bin, 'aplay'), `#!/bin/sh\necho "$@" > "${played}"\n`);
    chmodSync(join(bin, 'aplay'), 0o755);
    const command = `PATH=${bin}:$PATH TZ=UTC INTERVIEW_COACH_HOME=${dir} ${process.execPath} ${BIN} replay last; echo EXIT=$?; sleep 30`;
    tmux('new-session', '-d', '-s', 'ic', '-x', '110', '-y', '45', command);
    await waitFor(() => screen().includes('Turn 1 of 8'), 'the first turn', 15_000);
    expect(screen()).toContain('Backend Engineer');
    expect(screen()).toContain('75/100');
    expect(screen()).toContain('Hello, thanks for joining.');
    tmux('send-keys', '-t', 'ic', 'Right');
    await waitFor(() => screen().includes('Turn 2 of 8'), 'turn 2');
    tmux('send-keys', '-t', 'ic', 'Space');
    await waitFor(
      () => screen().includes('Turn 3 of 8') && screen().includes('We cached hot keys in Redis'),
      'the first answer',
    );
    expect(screen()).toContain('[00:01:10] You · Q1');
    tmux('send-keys', '-t', 'ic', 'a');
    await waitFor(
      () => existsSync(played) && readFileSync(played, 'utf8').includes('answer-1.wav'),
      'the audio player to run',
    );
    expect(readFileSync(played, 'utf8')).toContain(join(dir, 'audio', id, 'answer-1.wav'));
    tmux('send-keys', '-t', 'ic', 'j', 'j');
    await waitFor(
      () => screen().includes('Turn 5 of 8') && screen().includes('Feedback on Q1 (4/5)'),
      'the follow-up answer with its feedback',
    );
    tmux('send-keys', '-t', 'ic', 'a');
    await waitFor(() => screen().includes('no audio for this answer'), 'no audio');
    tmux('send-keys', '-t', 'ic', 'Left');
    await waitFor(() => screen().includes('Turn 4 of 8'), 'back');
    tmux('send-keys', '-t', 'ic', 'End');
    await waitFor(() => screen().includes('Evaluation · 75/100'), 'the evaluation');
    expect(screen()).toContain('Quantified the latency win.');
    tmux('send-keys', '-t', 'ic', 'q');
    await waitFor(() => screen().includes('EXIT='), 'the viewer to close', 10_000);
    expect(screen()).toContain('EXIT=0');
    expect(screen()).not.toMatch(/at .*\.js:\d+/);
  });

  it('--speed plays it through by itself; Ctrl-C quits', async () => {
    const { dir } = home();
    const command = `INTERVIEW_COACH_HOME=${dir} ${process.execPath} ${BIN} replay last --speed 100; echo EXIT=$?; sleep 30`;
    tmux('new-session', '-d', '-s', 'ic', '-x', '110', '-y', '45', command);
    await waitFor(
      () => screen().includes('Evaluation · 75/100'),
      'the replay to reach the evaluation by itself',
      15_000,
    );
    tmux('send-keys', '-t', 'ic', 'C-c');
    await waitFor(() => screen().includes('EXIT='), 'the viewer to close', 10_000);
    expect(screen()).toContain('EXIT=0');
  });
});
