import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { obedient } from './support/scenarios.mjs';
import { AudioFixtures } from './support/audio-fixtures.js';
import { runCli, runJson } from './support/cli.js';
import type { DoctorJson } from './support/cli-json.js';
import { dbRows, spawnCli } from './support/spawn-cli.js';
import { waitFor } from './support/wait.js';

// The whole voice loop through the real binary: a WAV file as the microphone (sox), the
// stand-in Whisper worker (same JSON-lines protocol), the stand-in Piper (same flags and
// output), the stand-in Ollama, and a file sink as the speaker.
const support = (f: string) => fileURLToPath(new URL(`./support/${f}`, import.meta.url));
const audio = new AudioFixtures();
afterAll(() => audio.remove());
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const SPOKEN = 'We put a read through cache in front of Postgres and cut latency from 300 ms to 40 ms';

async function voiceHome(extraConfig: [string, string][] = []) {
  const home = mkdtempSync(join(tmpdir(), 'ic-voice-'));
  const voice = join(home, 'voice.onnx');
  writeFileSync(voice, 'not a real model');
  writeFileSync(`${voice}.json`, JSON.stringify({ audio: { sample_rate: 22050 } }));
  const env = {
    INTERVIEW_COACH_HOME: home,
    INTERVIEW_COACH_STT_WORKER: support('stt-standin-worker.mjs'),
    STANDIN_TEXT: SPOKEN,
  };
  const settings: [key: string, value: string][] = [
    ['python', process.execPath],
    ['piper', support('piper-standin.mjs')],
    ['piperVoice', voice],
    ...extraConfig,
  ];
  for (const [k, v] of settings) {
    const r = await runCli(['config', 'set', k, v], { env });
    if (r.exitCode !== 0) throw new Error(r.stderr);
  }
  return { home, env };
}

/**
 * Answers 4.5 s apart: an answer ends after 1.5 s of silence plus the 2 s grace window, in
 * which resumed speech would join it (answer-grace.ts).
 */
function answersWav(count: number): string {
  const parts = Array.from({ length: count }, (_, i) => [
    audio.speechWav(`This is my spoken answer number ${i + 1} about caching`),
    audio.silenceWav(4.5),
  ]).flat();
  return audio.concatWav(parts);
}

describe('voice mode end to end', () => {
  it('WAV in, transcripts saved with delivery metrics and audio, replies spoken sentence by sentence', async () => {
    standin = await startStandin({ reply: obedient(), tokenDelayMs: 2 });
    const { home, env } = await voiceHome();
    const sink = join(home, 'played');
    const r = await runCli(
      [
        'start',
        '--role',
        'backend',
        '--questions',
        '2',
        '--voice',
        '--voice-input',
        answersWav(2),
        '--voice-output',
        `file:${sink}`,
        '--host',
        standin.url,
        '--verbose',
      ],
      { env, timeoutMs: 60_000 },
    );
    expect(r.stderr).not.toMatch(/✖/);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`Candidate: ${SPOKEN}`);
    expect(r.stderr).toMatch(/Delivery: \d+ wpm/);
    expect(r.stderr).toMatch(
      /Latency from the end of your speech: endpoint \d+ ms · transcript \d+ ms \(engine \d+ ms\) · first token \d+ ms · first sentence \d+ ms · first audio \d+ ms/,
    );

    const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
    const session = db.prepare('SELECT id, input_mode FROM sessions').get() as { id: string; input_mode: string };
    const turns = db
      .prepare('SELECT speaker, kind, content, audio_url, metrics_json FROM transcripts ORDER BY seq')
      .all() as {
      speaker: string;
      kind: string;
      content: string;
      audio_url: string | null;
      metrics_json: string | null;
    }[];
    db.close();
    expect(session.input_mode).toBe('voice');
    const answers = turns.filter((t) => t.speaker === 'candidate');
    expect(answers.map((a) => a.content)).toEqual([SPOKEN, SPOKEN]);
    for (const a of answers) {
      expect(a.audio_url).not.toBeNull();
      expect(a.metrics_json).not.toBeNull();
      expect(existsSync(a.audio_url!)).toBe(true);
      expect(a.audio_url!.startsWith(join(home, 'audio', session.id))).toBe(true);
      const m = JSON.parse(a.metrics_json!);
      expect(m.delivery.words).toBe(SPOKEN.split(' ').length);
      expect(m.delivery.wpm).toBeGreaterThan(0);
      expect(m.latency.transcribeMs).toBeGreaterThanOrEqual(0);
    }
    // Every interviewer turn was spoken and its audio kept; the replies to answers carry latencies.
    const interviewer = turns.filter((t) => t.speaker === 'interviewer');
    expect(interviewer.every((t) => t.audio_url && existsSync(t.audio_url))).toBe(true);
    // A reply to a spoken answer is the interviewer turn right after it.
    const replies = turns.filter((t, i) => t.speaker === 'interviewer' && turns[i - 1]?.speaker === 'candidate');
    expect(replies.length).toBe(2);
    const latencies = replies.map((t) => JSON.parse(t.metrics_json ?? '{}').latency);
    expect(latencies.every((l) => Number.isFinite(l?.firstTokenMs) && Number.isFinite(l?.firstAudioMs))).toBe(true);
    // Every stage counts from the end of speech, so each comes after the one before, and the
    // first one includes the trailing silence the endpointer waited for (0.7 s at least).
    for (const l of latencies) {
      expect(l.endpointWaitMs).toBeGreaterThanOrEqual(700);
      const stages = [l.endpointWaitMs, l.transcribeMs, l.firstTokenMs, l.firstSentenceMs, l.firstAudioMs];
      expect(stages).toEqual([...stages].sort((a: number, b: number) => a - b));
    }
    expect(readdirSync(sink).length).toBeGreaterThanOrEqual(interviewer.length);

    // The evaluation saw the measured delivery.
    const judgeRequest = standin.chatRequests().find((q) => q.format)!;
    expect(judgeRequest.messages!.at(-1)!.content).toMatch(/Delivery of this spoken answer \(measured\): \d+ wpm/);

    // delete removes the audio with the session.
    const del = await runCli(['delete', session.id.slice(0, 8), '--yes'], { env });
    expect(del.exitCode).toBe(0);
    expect(existsSync(join(home, 'audio', session.id))).toBe(false);
  });

  it('refuses to start when a required part is missing, with the table and no session saved', async () => {
    const { home, env } = await voiceHome([['python', '/nonexistent/python3']]);
    const r = await runCli(['start', '--role', 'backend', '--offline', '--voice', '--voice-input', answersWav(1)], {
      env: { ...env, INTERVIEW_COACH_STT_WORKER: '' },
    });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/✗ Speech to text\s+Python \(\/nonexistent\/python3\) was not found/);
    expect(r.stderr).toMatch(/✖ Voice mode is not ready: Speech to text\./);
    const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    db.close();
  });

  it('falls back to espeak-ng when Piper is not there, saying so', async () => {
    const { home, env } = await voiceHome([['piper', '/nonexistent/piper']]);
    const r = await runCli(
      [
        'start',
        '--role',
        'backend',
        '--offline',
        '--questions',
        '1',
        '--no-evaluate',
        '--voice',
        '--voice-input',
        answersWav(1),
        '--voice-output',
        `file:${join(home, 'played')}`,
      ],
      { env, timeoutMs: 60_000 },
    );
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/Piper is not available .*speaking with espeak-ng instead/);
    expect(readdirSync(join(home, 'played')).length).toBeGreaterThan(0);
  });
});

describe('voice mode: a signal', () => {
  /** The processes a process started (Linux /proc). */
  const childrenOf = (pid: number): number[] =>
    readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  const running = (pid: number) => existsSync(`/proc/${pid}`);

  it.skipIf(process.platform !== 'linux')(
    'SIGHUP (a closing terminal): exit 130, the session interrupted, sox and the speech worker stopped',
    async () => {
      standin = await startStandin({ reply: obedient(), tokenDelayMs: 2 });
      const { home, env } = await voiceHome();
      const args = ['start', '--role', 'backend', '--questions', '2', '--voice', '--voice-input', answersWav(2)];
      const run = spawnCli(
        home,
        [...args, '--voice-output', `file:${join(home, 'played')}`, '--host', standin.url],
        env,
      );
      await waitFor(() => run.stdout().includes('Interviewer: '), 'the first question', 30_000);
      const children = childrenOf(run.child.pid ?? 0);
      const names = children.map((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim());
      // The microphone (sox, reading the WAV file) and the speech-to-text worker run now.
      expect(names).toContain('sox');
      expect(children.length).toBeGreaterThanOrEqual(2);
      run.child.kill('SIGHUP');
      expect((await run.closed).code).toBe(130);
      expect(dbRows(home, 'SELECT status, end_reason FROM sessions')).toEqual([
        { status: 'interrupted', end_reason: expect.stringContaining('SIGHUP') },
      ]);
      await waitFor(() => children.every((pid) => !running(pid)), 'every child process to be gone');
    },
  );
});

describe('doctor', () => {
  it('reports every dependency with a fix, as a table and as JSON', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-doctor-'));
    const env = { INTERVIEW_COACH_HOME: home };
    const json = await runJson<DoctorJson>(['doctor', '--json', '--host', 'http://127.0.0.1:9'], { env });
    const names = json.checks.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Node.js',
        'Data directory',
        'Ollama and model',
        'Python + faster-whisper',
        'Piper voice',
        'Fallback speech',
        'Playback',
      ]),
    );
    const ollama = json.checks.find((c) => c.name === 'Ollama and model');
    expect(ollama).toMatchObject({ status: 'warn', fix: expect.stringContaining('ollama serve') });
    for (const c of json.checks) if (c.status !== 'ok') expect(c.fix).toBeTruthy();
    const text = await runCli(['doctor', '--host', 'http://127.0.0.1:9'], { env });
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/^✓ Node\.js/m);
    expect(text.stdout).toMatch(/Voice interviews: /);
  });
});
