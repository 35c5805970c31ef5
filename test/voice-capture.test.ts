import { execFileSync, spawn } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CoachError } from '../src/shared/errors.js';
import {
  MIC_BUFFER_SAMPLES,
  Recorder,
  soxCommand,
  soxProblem,
  type RecorderOptions,
} from '../src/voice/capture/recorder.js';
import { hasTool } from './support/tools.js';
import type { RecorderEvent, Utterance } from '../src/voice/contracts.js';
import { readWav, wavHeader, writeWav } from '../src/voice/audio/wav.js';
import { AudioFixtures, durationOf } from './support/audio-fixtures.js';
import { processAlive } from '../src/shared/process.js';

// Real sox reads espeak-ng speech "as the microphone" through the `input` option.
const fixtures = new AudioFixtures();
const ANSWER = 'I led the migration of our billing service to a new database';
const speech = fixtures.speechWav(ANSWER);
const speechSeconds = durationOf(speech);
const second = fixtures.speechWav('and we finished it two weeks early');

const recorders: Recorder[] = [];
function recorder(opts: RecorderOptions): Recorder {
  const rec = new Recorder(opts);
  recorders.push(rec);
  return rec;
}

afterEach(async () => {
  const pids = recorders.flatMap((rec) => (rec.pid === undefined ? [] : [rec.pid]));
  await Promise.all(recorders.splice(0).map((rec) => rec.close()));
  expect(pids.filter(processAlive)).toEqual([]);
});
afterAll(() => fixtures.remove());

async function collect(
  events: AsyncIterable<RecorderEvent>,
  onEvent?: (e: RecorderEvent, all: RecorderEvent[]) => void,
) {
  const all: RecorderEvent[] = [];
  for await (const event of events) {
    all.push(event);
    onEvent?.(event, all);
  }
  return all;
}

/** The events that shape a turn (levels and the barge-in trigger, 'speech-confirmed', left out). */
const kinds = (events: RecorderEvent[]) =>
  events.filter((e) => e.type !== 'level' && e.type !== 'speech-confirmed').map((e) => e.type);
const levels = (events: RecorderEvent[]) => events.flatMap((e) => (e.type === 'level' ? [e.rms] : []));
function utteranceOf(events: RecorderEvent[]): Utterance {
  const found = events.flatMap((e) => (e.type === 'utterance' ? [e.utterance] : []));
  expect(found).toHaveLength(1);
  return found[0]!;
}
const spokenSeconds = (u: Utterance) => (u.speechEndMs - u.speechStartMs) / 1000;
const pcmMs = (u: Utterance) => u.pcm.length / 32;

describe('Recorder reading a sound file as the microphone', () => {
  it('cuts a normal answer as long as the speech', async () => {
    const rec = recorder({ input: fixtures.concatWav([speech, fixtures.silenceWav(2)]) });
    rec.start();
    const events = await collect(rec.listen());
    expect(kinds(events)).toEqual(['speech-start', 'utterance']);
    const u = utteranceOf(events);
    expect(u.reason).toBe('silence');
    expect(Math.abs(spokenSeconds(u) - speechSeconds)).toBeLessThanOrEqual(0.4);
  });

  it('starts the answer after 2 s of leading silence, with 400 ms of pre-roll', async () => {
    const rec = recorder({
      input: fixtures.concatWav([fixtures.silenceWav(2, 0.001), speech, fixtures.silenceWav(2)]),
    });
    const u = utteranceOf(await collect(rec.listen()));
    expect(Math.abs(u.speechStartMs - 2000)).toBeLessThanOrEqual(400);
    expect(pcmMs(u)).toBe(400 + (u.speechEndMs - u.speechStartMs) + 100);
  });

  it('keeps a 1.5 s pause inside one answer when silenceMs is 2000', async () => {
    const input = fixtures.concatWav([speech, fixtures.silenceWav(1.5), second, fixtures.silenceWav(3)]);
    const rec = recorder({ input, endpointer: { silenceMs: 2000 } });
    const events = await collect(rec.listen());
    expect(kinds(events)).toEqual(['speech-start', 'utterance']);
    const expected = speechSeconds + 1.5 + durationOf(second);
    expect(Math.abs(spokenSeconds(utteranceOf(events)) - expected)).toBeLessThanOrEqual(0.4);
  });

  it('splits at the same pause with the default silenceMs: the second part comes with the next listen', async () => {
    const input = fixtures.concatWav([speech, fixtures.silenceWav(1.5), second, fixtures.silenceWav(3)]);
    const rec = recorder({ input });
    const first = utteranceOf(await collect(rec.listen()));
    const next = utteranceOf(await collect(rec.listen()));
    expect(Math.abs(spokenSeconds(first) - speechSeconds)).toBeLessThanOrEqual(0.4);
    expect(Math.abs(spokenSeconds(next) - durationOf(second))).toBeLessThanOrEqual(0.4);
    expect(kinds(await collect(rec.listen()))).toEqual(['no-speech']); // end of input
  });

  it('ends with no-speech after noSpeechTimeoutMs of audio when nobody speaks, and nothing else', async () => {
    const rec = recorder({ input: fixtures.silenceWav(10, 0.002), endpointer: { noSpeechTimeoutMs: 3000 } });
    const events = await collect(rec.listen());
    expect(kinds(events)).toEqual(['no-speech']);
    expect(levels(events)).toHaveLength(3000 / 50); // it came at 3 s of audio, not at the end of the file
  });

  it('force-ends a long answer at maxUtteranceMs', async () => {
    const rec = recorder({
      input: fixtures.concatWav([fixtures.silenceWav(1), speech]),
      endpointer: { maxUtteranceMs: 2000 },
    });
    const u = utteranceOf(await collect(rec.listen()));
    expect(u.reason).toBe('max-length');
    expect(u.speechEndMs - u.speechStartMs).toBe(2000);
  });

  it('reports levels, louder during speech than during silence', async () => {
    const rec = recorder({
      input: fixtures.concatWav([fixtures.silenceWav(1.5, 0.002), speech, fixtures.silenceWav(1)]),
    });
    const events = await collect(rec.listen());
    const start = events.findIndex((e) => e.type === 'speech-start');
    // The 100 ms before speech-start already contain speech: leave them out.
    const before = levels(events.slice(0, start)).slice(0, -3);
    const during = levels(events.slice(start));
    expect(before.length).toBeGreaterThan(20);
    expect(Math.max(...before)).toBeLessThan(0.01);
    expect(Math.max(...during)).toBeGreaterThan(10 * Math.max(...before));
    expect([...before, ...during].every((rms) => rms >= 0 && rms <= 1)).toBe(true);
  });

  it('push-to-talk records everything until the end of input as one utterance', async () => {
    const input = fixtures.concatWav([fixtures.silenceWav(1), speech, fixtures.silenceWav(2)]);
    const rec = recorder({ input });
    const events = await collect(rec.listen({ pushToTalk: true }));
    expect(kinds(events)).toEqual(['utterance']);
    const u = utteranceOf(events);
    expect(u.reason).toBe('push-to-talk');
    expect(Math.abs(pcmMs(u) - durationOf(input) * 1000)).toBeLessThan(20);
    expect(levels(events).length).toBeGreaterThan(0);
  });

  it('push-to-talk stops when told, at real-time pace', async () => {
    const input = fixtures.concatWav([speech, speech, speech]);
    const rec = recorder({ input, realtime: true });
    const events = await collect(rec.listen({ pushToTalk: true }), (event, all) => {
      if (event.type === 'level' && levels(all).length === 5) rec.stopPushToTalk();
    });
    const u = utteranceOf(events);
    expect(u.reason).toBe('push-to-talk');
    expect(pcmMs(u)).toBeGreaterThanOrEqual(5 * 50);
    expect(pcmMs(u)).toBeLessThan(durationOf(input) * 1000);
    expect(events.at(-1)?.type).toBe('utterance');
  });

  it('ends the turn on abort: no-speech when nothing was said', async () => {
    const rec = recorder({ input: fixtures.silenceWav(30), realtime: true });
    const controller = new AbortController();
    const events = await collect(rec.listen({ signal: controller.signal }), (event, all) => {
      if (levels(all).length === 3) controller.abort();
    });
    expect(kinds(events)).toEqual(['no-speech']);
    const aborted = new AbortController();
    aborted.abort();
    expect(kinds(await collect(rec.listen({ signal: aborted.signal })))).toEqual(['no-speech']);
  });

  it('close() ends a turn in progress and stops sox', async () => {
    const rec = recorder({ input: fixtures.silenceWav(30), realtime: true });
    let closing: Promise<void> | undefined;
    const events = await collect(rec.listen(), (event) => {
      if (event.type === 'level') closing ??= rec.close();
    });
    await closing;
    expect(kinds(events)).toEqual(['no-speech']);
    expect(rec.pid).toBeDefined(); // sox did start, so "not alive" below means stopped
    expect(processAlive(rec.pid)).toBe(false);
  });

  it('throws a CoachError with an install hint when sox is missing', () => {
    const rec = recorder({ soxPath: '/nonexistent/sox' });
    expect(() => rec.start()).toThrow(CoachError);
    const err = (() => {
      try {
        rec.listen();
      } catch (e) {
        return e as CoachError;
      }
    })();
    expect(err?.message).toBe('sox is not installed.');
    expect(err?.hint).toBe('Install it: sudo apt-get install sox (macOS: brew install sox).');
  });

  it('turns a sox failure on a file that is not audio into one error event, for every turn', async () => {
    const input = fixtures.notAudio();
    const rec = recorder({ input });
    const events = await collect(rec.listen());
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.type).toBe('error');
    if (event.type !== 'error') return;
    expect(event.message).toMatch(/^Cannot read the audio input .+ \(sox: .+\)\.$/);
    expect(event.message).not.toContain('\n');
    expect(event.hint).toBeTruthy();
    expect(await collect(rec.listen())).toEqual(events);
  });

  it('says no microphone was found when sox cannot open the sound device', async () => {
    const saved = { driver: process.env.AUDIODRIVER, dev: process.env.AUDIODEV };
    process.env.AUDIODRIVER = 'alsa';
    process.env.AUDIODEV = 'hw:99,0';
    try {
      const rec = recorder({});
      rec.start();
      const events = await collect(rec.listen());
      expect(events).toEqual([
        {
          type: 'error',
          message: expect.stringMatching(/^No microphone found \(sox: [^\n]+\)\.$/),
          hint: 'Check your microphone, or set AUDIODEV; you can keep typing your answers.',
        },
      ]);
    } finally {
      for (const [key, value] of [
        ['AUDIODRIVER', saved.driver],
        ['AUDIODEV', saved.dev],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

describe('soxProblem', () => {
  it("picks sox's own FAIL line over the ALSA noise that comes first", () => {
    // Captured from `sox -q -d …` on Debian 12 without a sound card.
    const stderr = [
      "ALSA lib confmisc.c:855:(parse_card) cannot find card '0'",
      'ALSA lib conf.c:5180:(_snd_config_evaluate) function snd_func_card_inum returned error: No such file or directory',
      'ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default',
      'sox FAIL sox: Sorry, there is no default audio device configured',
      '',
    ].join('\n');
    expect(soxProblem(stderr)).toBe('Sorry, there is no default audio device configured');
    expect(soxProblem("sox FAIL formats: can't open input file `x.wav': WAVE: RIFF header not found\n")).toBe(
      "formats: can't open input file `x.wav': WAVE: RIFF header not found",
    );
    expect(soxProblem("ALSA lib confmisc.c:855:(parse_card) cannot find card '0'\n")).toBe(
      "ALSA lib confmisc.c:855:(parse_card) cannot find card '0'",
    );
    expect(soxProblem('')).toBeUndefined();
  });
});

describe('WAV files', () => {
  it('reads espeak-ng output with placeholder sizes to the end of the file', () => {
    const path = fixtures.path('stdout.wav');
    writeFileSync(path, execFileSync('espeak-ng', ['--stdout', 'hello there']));
    const wav = readWav(path);
    expect(wav).toMatchObject({ sampleRate: 22050, channels: 1, bits: 16 });
    expect(wav.pcm.length).toBe(statSync(path).size - 44);
  });

  it('skips chunks other than data, such as LIST', () => {
    const pcm = Buffer.from([1, 0, 2, 0, 3, 0]);
    const header = wavHeader(pcm.length, 16000);
    const list = Buffer.concat([
      Buffer.from('LIST'),
      Buffer.from([5, 0, 0, 0]),
      Buffer.from('INFOx'),
      Buffer.from([0]),
    ]);
    const path = fixtures.path('list.wav');
    // fmt chunk (header bytes 12..36), then LIST (odd size, padded), then data.
    writeFileSync(path, Buffer.concat([header.subarray(0, 36), list, header.subarray(36), pcm]));
    expect(readWav(path)).toEqual({ sampleRate: 16000, channels: 1, bits: 16, pcm });
  });

  it('writes a WAV that sox understands, readable by the owner only', () => {
    const path = fixtures.path('answer.wav');
    const pcm = Buffer.alloc(16000 * 2, 7);
    writeWav(path, pcm, 16000);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(durationOf(path)).toBe(1);
    expect(readWav(path).pcm.equals(pcm)).toBe(true);
  });

  it('refuses a file that is not a WAV with a CoachError', () => {
    expect(() => readWav(fixtures.notAudio())).toThrow(CoachError);
  });
});

describe('sox for the live microphone', () => {
  it('asks for 640-sample blocks and an unbuffered stdout (stdbuf -o0) where stdbuf exists', () => {
    const withStdbuf = soxCommand({}, '/usr/bin/stdbuf');
    expect(withStdbuf.command).toBe('/usr/bin/stdbuf');
    expect(withStdbuf.args.slice(0, 6)).toEqual(['-o0', 'sox', '--buffer', String(MIC_BUFFER_SAMPLES), '-q', '-d']);
    expect(soxCommand({ soxPath: '/opt/sox' }, null).args.slice(0, 4)).toEqual(['--buffer', '640', '-q', '-d']);
    // A file is read as fast as sox can: no small blocks needed.
    expect(soxCommand({ input: 'a.wav' }, '/usr/bin/stdbuf')).toEqual({
      command: 'sox',
      args: ['-q', 'a.wav', '-t', 'raw', '-r', '16000', '-c', '1', '-e', 'signed-integer', '-b', '16', '-'],
    });
  });

  /** Feeds sox 20 ms of audio every 20 ms, like a sound card, and returns the chunk sizes we read. */
  async function chunksFromPacedSox(command: string, args: string[]): Promise<number[]> {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    const sizes: number[] = [];
    child.stdout.on('data', (chunk: Buffer) => sizes.push(chunk.length));
    for (let i = 0; i < 50; i++) {
      child.stdin.write(Buffer.alloc(640, 1));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.stdin.end();
    await new Promise((resolve) => child.on('close', resolve));
    return sizes;
  }

  it.skipIf(!hasTool('stdbuf', ['--version'], 'linux'))(
    'hands over audio in 40 ms blocks instead of 128-256 ms ones (sox on a paced pipe)',
    async () => {
      const raw = ['-t', 'raw', '-r', '16000', '-c', '1', '-e', 'signed-integer', '-b', '16', '-'];
      // The microphone's command with the sound device replaced by the paced pipe.
      const mic = soxCommand({});
      const small = await chunksFromPacedSox(
        mic.command,
        mic.args.flatMap((a) => (a === '-d' ? raw : [a])),
      );
      const plain = await chunksFromPacedSox('sox', ['-q', ...raw, ...raw]);
      expect(small.reduce((a, b) => a + b, 0)).toBe(50 * 640);
      expect(Math.max(...small)).toBeLessThanOrEqual(1280);
      expect(Math.max(...plain)).toBeGreaterThanOrEqual(4096);
    },
  );
});

describe('Utterance.lastVoicedAt', () => {
  it('is the cut minus the silence heard after the last speech frame', async () => {
    const rec = recorder({ input: fixtures.concatWav([speech, fixtures.silenceWav(3)]) });
    const u = utteranceOf(await collect(rec.listen()));
    // At full speed the cut comes after 1.5 s of audio without speech, and the newest block read
    // may reach past it by up to one block of sox's output (8192 bytes to a pipe: 256 ms).
    expect(u.endedAt - u.lastVoicedAt).toBeGreaterThanOrEqual(1500);
    expect(u.endedAt - u.lastVoicedAt).toBeLessThanOrEqual(1500 + 256 + 20);
    // The pre-roll: 400 ms, or what there was before the speech.
    expect(u.pcmStartMs).toBe(Math.max(0, u.speechStartMs - 400));
  });
});
