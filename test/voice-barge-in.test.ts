import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { obedient, OBEDIENT_GREETING } from './support/scenarios.mjs';
import { AudioFixtures, durationOf } from './support/audio-fixtures.js';
import { runCli } from './support/cli.js';
import { hasTool } from './support/tools.js';

// Barge-in through the real binary: a WAV paced in real time as the microphone (sox), speaking
// 1 s into the interviewer's first turn; espeak-ng as the interviewer's voice; a file sink that
// "plays" each clip for its own duration; the stand-in Ollama streaming slowly, so the reply is
// still being written when the person speaks; the stand-in Whisper worker.
const tools = hasTool('sox') && hasTool('espeak-ng');
const support = (f: string) => fileURLToPath(new URL(`./support/${f}`, import.meta.url));
const audio = new AudioFixtures();
afterAll(() => audio.remove());
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const TRANSCRIPT = 'Sorry to interrupt, could you say which team this role is in';
const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));

interface Row {
  speaker: string;
  kind: string;
  content: string;
  cancelled: number;
  audio_url: string | null;
}

describe.skipIf(!tools)('barge-in (--barge-in)', () => {
  it('speech during playback stops it and the model, keeps the turn as heard, and becomes the answer', async () => {
    // 150 ms a token: the first reply takes seconds to write, so it streams when the person speaks.
    standin = await startStandin({ reply: obedient(), tokenDelayMs: 150 });
    const home = mkdtempSync(join(tmpdir(), 'ic-barge-'));
    const env = {
      INTERVIEW_COACH_HOME: home,
      INTERVIEW_COACH_STT_WORKER: support('stt-standin-worker.mjs'),
      STANDIN_TEXT: TRANSCRIPT,
    };
    const voice = join(home, 'voice.onnx');
    writeFileSync(voice, 'not a real model');
    // No Piper: espeak-ng speaks, at a real speaking pace.
    for (const [k, v] of [
      ['python', process.execPath],
      ['piper', '/nonexistent/piper'],
    ] as const) {
      expect((await runCli(['config', 'set', k, v], { env })).exitCode).toBe(0);
    }
    const speech = audio.speechWav(TRANSCRIPT);
    const mic = audio.concatWav([audio.silenceWav(1), speech, audio.silenceWav(3)]);
    const sink = join(home, 'played');
    const r = await runCli(
      [
        'start',
        '--role',
        'backend',
        '--questions',
        '1',
        '--no-evaluate',
        '--voice',
        '--barge-in',
        '--voice-input',
        mic,
        '--voice-output',
        `file:${sink}`,
        '--host',
        standin.url,
      ],
      { env, timeoutMs: 90_000 },
    );
    expect(r.stderr).not.toMatch(/✖/);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/Barge-in is on: use headphones/);

    const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
    const turns = db
      .prepare('SELECT speaker, kind, content, cancelled, audio_url FROM transcripts ORDER BY seq')
      .all() as Row[];
    db.close();

    // The model's stream was stopped: the stand-in saw the client hang up mid-reply.
    expect(standin.abortedStreams).toBeGreaterThanOrEqual(1);
    const first = turns[0]!;
    expect(first.speaker).toBe('interviewer');
    expect(first.cancelled).toBe(1);
    // Kept as heard: a word-prefix of what the model was saying, cut inside the greeting or the question.
    const said = words(first.content.replace(/…$/, ''));
    expect(said.length).toBeGreaterThan(0);
    expect(words(OBEDIENT_GREETING).slice(0, Math.min(said.length, 4))).toEqual(said.slice(0, 4));
    expect(first.content.endsWith('?')).toBe(false); // the question was never heard to its end

    // The audio kept is what was played: shorter than the clips that began to play, cut where speech stopped it.
    const played = readdirSync(sink).map((f) => durationOf(join(sink, f)));
    const playedSec = played.reduce((a, b) => a + b, 0);
    const kept = durationOf(first.audio_url!);
    expect(kept).toBeLessThan(playedSec - 0.1);
    expect(kept).toBeGreaterThan(0.3);

    // The person's speech is their answer, recorded whole (the 300 ms that stopped the interviewer included).
    const answer = turns.find((t) => t.speaker === 'candidate')!;
    expect(answer.content).toBe(TRANSCRIPT);
    expect(durationOf(answer.audio_url!)).toBeGreaterThan(durationOf(speech) - 0.15);
    // Plain output shows the cut turn and the answer.
    expect(r.stdout).toContain(`Candidate: ${TRANSCRIPT}`);
  }, 120_000);
});
