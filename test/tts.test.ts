import {
  chmodSync,
  existsSync,
  mkdtempSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTool } from './support/tools.js';
import { CoachError } from '../src/shared/errors.js';
import { espeakEngine, OneShotTts, sayEngine } from '../src/voice/tts/one-shot-tts.js';
import { pickTts } from '../src/voice/tts/pick-tts.js';
import { PiperTts, type PiperOptions } from '../src/voice/tts/piper.js';
import { FileSinkPlayer } from '../src/voice/playback/file-sink.js';
import { pickPlayer } from '../src/voice/playback/pick-player.js';
import { playerCommandLine } from '../src/voice/playback/players.js';
import { ProcessPlayer } from '../src/voice/playback/process-player.js';
import { loadSpeaker } from '../src/voice/playback/speaker-player.js';
import { SpeechOutput } from '../src/voice/tts/speech-output.js';
import type { TextToSpeech } from '../src/voice/contracts.js';
import { readWav, wavHeader } from '../src/voice/audio/wav.js';
import { processAlive } from '../src/shared/process.js';
import { waitFor } from './support/wait.js';
import { at } from './support/at.js';

const STANDIN = fileURLToPath(new URL('./support/piper-standin.mjs', import.meta.url));
const MS_PER_WORD = 60; // the stand-in's tone length per word

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'ic-tts-'));
}

/** A fake Piper voice: any bytes for the model, a real config. */
function fakeVoice(sampleRate: number | null = 22050): string {
  const dir = tmp();
  const voice = join(dir, 'en_US-test-medium.onnx');
  writeFileSync(voice, 'not really a model');
  writeFileSync(
    `${voice}.json`,
    JSON.stringify(
      sampleRate === null ? { espeak: { voice: 'en-us' } } : { audio: { sample_rate: sampleRate, quality: 'medium' } },
    ),
  );
  return voice;
}

function words(text: string): number {
  return text.trim().split(/\s+/).length;
}

async function rejection(p: Promise<unknown>): Promise<CoachError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(CoachError);
    return err as CoachError;
  }
  throw new Error('expected a rejection');
}

const open: TextToSpeech[] = [];
function piper(opts: Partial<PiperOptions> & { env?: NodeJS.ProcessEnv } = {}): PiperTts {
  const tts = new PiperTts({
    piperPath: STANDIN,
    voice: opts.voice ?? fakeVoice(),
    ...opts,
    env: { ...process.env, ...opts.env },
  });
  open.push(tts);
  return tts;
}

afterEach(async () => {
  await Promise.allSettled(open.splice(0).map((t) => t.close()));
});

// ---------------------------------------------------------------------------------------------

describe('PiperTts against the stand-in', () => {
  for (const flavor of ['cpp', 'python'] as const) {
    it(`${flavor} piper: one WAV per sentence, sample rate from the voice config, detected flavor`, async () => {
      const argvLog = join(tmp(), 'argv.jsonl');
      const tts = piper({
        voice: fakeVoice(16000),
        env: { PIPER_STANDIN_FLAVOR: flavor, PIPER_STANDIN_ARGV_LOG: argvLog },
      });
      await tts.start();
      expect(tts.flavor).toBe(flavor);
      expect(tts.sampleRate).toBe(16000);

      const out = tmp();
      const a = await tts.synthesize('Tell me about a project you are proud of.', out);
      const b = await tts.synthesize('Why?', out);
      expect(basename(a.path)).toBe('piper-0001.wav');
      expect(basename(b.path)).toBe('piper-0002.wav');
      expect(a.sampleRate).toBe(16000);
      expect(readWav(a.path).sampleRate).toBe(16000);
      // Exactly the words' length: no sentence silence (C++ piper adds 0.2 s unless told 0).
      expect(a.durationMs).toBeCloseTo(9 * MS_PER_WORD, 6);
      expect(b.durationMs).toBeCloseTo(1 * MS_PER_WORD, 6);

      // The flags were spelled for this flavor (C++ ignores --output-dir; Python would speak unknown flags).
      const runs = readFileSync(argvLog, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { argv: string[] });
      const main = runs.find((r) => !r.argv.includes('--help'))!.argv;
      expect(main).toContain(flavor === 'cpp' ? '--output_dir' : '--output-dir');
      expect(main).toContain(flavor === 'cpp' ? '--sentence_silence' : '--sentence-silence');
      expect(runs.filter((r) => !r.argv.includes('--help'))).toHaveLength(1); // one process for the session
    });
  }

  it('an explicit flavor skips the --help probe; lengthScale is passed on', async () => {
    const argvLog = join(tmp(), 'argv.jsonl');
    const tts = piper({
      flavor: 'python',
      lengthScale: 2,
      env: { PIPER_STANDIN_FLAVOR: 'python', PIPER_STANDIN_ARGV_LOG: argvLog },
    });
    const clip = await tts.synthesize('Four words right here.', tmp());
    expect(clip.durationMs).toBeCloseTo(4 * MS_PER_WORD * 2, 6);
    const runs = readFileSync(argvLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { argv: string[] });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.argv).toEqual(expect.arrayContaining(['--length-scale', '2']));
  });

  it('the default sample rate is 22050 when the config has none', async () => {
    const tts = piper({ voice: fakeVoice(null) });
    const clip = await tts.synthesize('Hello there, candidate.', tmp());
    expect(tts.sampleRate).toBe(22050);
    expect(clip.sampleRate).toBe(22050);
  });

  it('queues concurrent requests and answers each with its own sentence, in order', async () => {
    const tts = piper({ env: { PIPER_STANDIN_DELAY_MS: '5' } });
    const out = tmp();
    const sentences = ['One.', 'One two.', 'One two three.', 'One two three four.', 'One two three four five.'];
    const clips = await Promise.all(sentences.map((s) => tts.synthesize(s, out)));
    expect(clips.map((c) => basename(c.path))).toEqual([
      'piper-0001.wav',
      'piper-0002.wav',
      'piper-0003.wav',
      'piper-0004.wav',
      'piper-0005.wav',
    ]);
    clips.forEach((c, i) => expect(c.durationMs).toBeCloseTo(words(at(sentences, i)) * MS_PER_WORD, 6));
  });

  it('sends one line per sentence: newlines inside a sentence become spaces', async () => {
    const tts = piper({ env: { PIPER_STANDIN_FLAVOR: 'python' } });
    const out = tmp();
    const a = await tts.synthesize('First line\nsecond line\r\nthird', out);
    const b = await tts.synthesize('Next one.', out);
    expect(a.durationMs).toBeCloseTo(5 * MS_PER_WORD, 6);
    expect(b.durationMs).toBeCloseTo(2 * MS_PER_WORD, 6);
    // Nothing speakable: an empty clip, Piper is not asked (Python piper fails on such lines).
    const c = await tts.synthesize(' … ', out);
    expect(c.durationMs).toBe(0);
    expect(c.sampleRate).toBe(22050);
  });

  it('waits for the whole WAV when C++ piper prints the path before the file is complete', async () => {
    const tts = piper({ env: { PIPER_STANDIN_LATE_TAIL: '1' } });
    const text = 'This sentence is long enough to have a tail that arrives late.';
    const clip = await tts.synthesize(text, tmp());
    const expectedBytes = Math.round(words(text) * 0.06 * 22050) * 2;
    expect(statSync(clip.path).size).toBe(44 + expectedBytes);
    expect(clip.durationMs).toBeCloseTo(words(text) * MS_PER_WORD, 6);
  });

  it('piper not installed: a CoachError with install hints', async () => {
    for (const piperPath of ['/nonexistent/bin/piper', 'piper-not-installed-here']) {
      const tts = new PiperTts({ piperPath, voice: fakeVoice() });
      const err = await rejection(tts.start());
      expect(err.message).toBe('Piper is not installed.');
      expect(err.hint).toBe(
        'Install Piper and a voice with `interview-coach voice setup`, or let interview-coach use espeak-ng.',
      );
      await rejection(tts.synthesize('Hello there.', tmp()));
    }
  });

  it('voice missing: a CoachError naming the path and how to download a voice', async () => {
    const missing = join(tmp(), 'en_US-missing-medium.onnx');
    const err = await rejection(piper({ voice: missing }).start());
    expect(err.message).toContain(missing);
    expect(err.hint).toMatch(/interview-coach voice setup --voice en_US-lessac-medium/);

    const onlyModel = join(tmp(), 'en_US-half-medium.onnx');
    writeFileSync(onlyModel, 'x');
    const err2 = await rejection(piper({ voice: onlyModel }).start());
    expect(err2.message).toContain(`${onlyModel}.json`);
  });

  for (const flavor of ['cpp', 'python'] as const) {
    it(`${flavor} piper dying mid-request rejects what is pending with its last stderr line; the next call restarts it`, async () => {
      // The warm-up line at start() is sentence 1, so Piper dies on the third line.
      const tts = piper({ env: { PIPER_STANDIN_FLAVOR: flavor, PIPER_STANDIN_FAIL_AFTER: '2' } });
      const out = tmp();
      await tts.synthesize('This one works fine.', out);
      const [second, third] = [tts.synthesize('This one kills it.', out), tts.synthesize('This one was queued.', out)];
      const err = await rejection(second);
      expect(err.message).toMatch(/^Piper stopped: .*simulated crash after 2 sentence\(s\)$/);
      expect((await rejection(third)).message).toBe(err.message);
      // A new call starts a fresh process (which allows two more lines).
      const again = await tts.synthesize('Back again with five words.', out);
      expect(again.durationMs).toBeCloseTo(5 * MS_PER_WORD, 6);
    });
  }

  it('never hangs: a sentence that takes too long is rejected', async () => {
    const tts = piper({ timeoutMs: 200, startTimeoutMs: 15_000, env: { PIPER_STANDIN_DELAY_MS: '1000' } });
    // The warm-up waits for the slow stand-in (start timeout); the sentence itself does not.
    const err = await rejection(tts.synthesize('Too slow for the timeout.', tmp()));
    expect(err.message).toMatch(/gave no audio within 200 ms/);
  });

  it('close() ends the process; later calls are refused', async () => {
    const tts = piper();
    await tts.synthesize('Hello there, candidate.', tmp());
    await tts.close();
    const err = await rejection(tts.synthesize('Again.', tmp()));
    expect(err.message).toBe('Piper was closed.');
  });
});

// ---------------------------------------------------------------------------------------------

const hasEspeak = hasTool('espeak-ng');

describe.skipIf(!hasEspeak)('OneShotTts with espeak-ng (real)', () => {
  it('writes a 22050 Hz WAV with a duration', async () => {
    const tts = new OneShotTts(espeakEngine());
    await tts.start();
    const out = tmp();
    const clip = await tts.synthesize('Tell me about a time you disagreed with a teammate.', out);
    expect(basename(clip.path)).toBe('espeak-0001.wav');
    expect(clip.sampleRate).toBe(22050);
    expect(clip.durationMs).toBeGreaterThan(0);
    const wav = readWav(clip.path);
    expect(wav.sampleRate).toBe(22050);
    expect(wav.pcm.length).toBeGreaterThan(0);
  });

  it('speaks text that starts with "-" instead of parsing it as a flag', async () => {
    const tts = new OneShotTts(espeakEngine());
    const out = tmp();
    // Without "--" espeak-ng reads these as options and writes nothing.
    for (const text of ['-x marks the spot.', '-5 degrees is cold.', '--help me understand this.']) {
      const clip = await tts.synthesize(text, out);
      expect(clip.durationMs, text).toBeGreaterThan(300);
    }
  });

  it('a missing espeak-ng is a CoachError with an install hint', async () => {
    const err = await rejection(new OneShotTts(espeakEngine({ espeakPath: '/nonexistent/espeak-ng' })).start());
    expect(err.message).toBe('espeak-ng is not installed.');
    expect(err.hint).toMatch(/apt-get install espeak-ng/);
  });

  it('a bad voice name is a CoachError, not a silent empty clip', async () => {
    const err = await rejection(
      new OneShotTts(espeakEngine({ voice: 'xx-nonexistent-voice' })).synthesize('Hello there.', tmp()),
    );
    expect(err.message).toMatch(/^espeak-ng failed/);
  });
});

describe('OneShotTts with a scripted engine', () => {
  /** A stand-in engine: a shell script run as `script <dest> <text>`, logging its text argument. */
  function scripted(body: string, timeoutMs = 30_000) {
    const dir = tmp();
    const script = join(dir, 'engine.sh');
    writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$2" >> "${join(dir, 'texts.log')}"\n${body}\n`);
    chmodSync(script, 0o755);
    const engine = { ...espeakEngine({ timeoutMs }), command: script, probeArgs: null };
    const tts = new OneShotTts({ ...engine, commandLine: (text: string, dest: string) => ({ args: [dest, text] }) });
    const texts = () => readFileSync(join(dir, 'texts.log'), 'utf8').split('\n').filter(Boolean);
    return { tts, texts };
  }

  it('gives the engine one line, and makes no process for text with nothing to say', async () => {
    const { tts, texts } = scripted(`cp "${toneWav(100)}" "$1"`);
    const out = tmp();
    const clip = await tts.synthesize('First line\nsecond\tline  here', out);
    expect(clip.durationMs).toBeCloseTo(100, 0);
    const silent = await tts.synthesize(' … ', out);
    expect(silent.durationMs).toBe(0);
    expect(texts()).toEqual(['First line second line here']);
  });

  it('an exit status of 0 without a WAV is a failure, and the reserved clip is removed', async () => {
    const { tts } = scripted('exit 0');
    const out = tmp();
    const err = await rejection(tts.synthesize('Hello there.', out));
    expect(err.message).toBe('espeak-ng failed: it wrote no audio');
    expect(err.hint).toMatch(/^Check the voice name/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a failure says the last line of stderr', async () => {
    const { tts } = scripted('echo "first" >&2; echo "the real reason" >&2; exit 1');
    expect((await rejection(tts.synthesize('Hello there.', tmp()))).message).toBe('espeak-ng failed: the real reason');
  });

  it('an engine that hangs is stopped at the timeout', async () => {
    const { tts } = scripted('exec sleep 30', 200);
    const err = await rejection(tts.synthesize('Hello there.', tmp()));
    expect(err.message).toBe('espeak-ng failed: no answer within 200 ms');
  });
});

describe.skipIf(!hasTool('say', ['-v', '?'], 'darwin'))('OneShotTts with say (macOS)', () => {
  it('writes a WAV', async () => {
    const clip = await new OneShotTts(sayEngine()).synthesize('-5 degrees is cold.', tmp());
    expect(clip.sampleRate).toBe(22050);
    expect(clip.durationMs).toBeGreaterThan(0);
  });
});

describe('pickTts', () => {
  it('uses Piper when it is configured and works', async () => {
    const { tts, notice } = await pickTts({ piper: { piperPath: STANDIN, voice: fakeVoice() } });
    open.push(tts);
    expect(tts.name).toBe('piper');
    expect(notice).toBeUndefined();
  });

  it.skipIf(!hasEspeak)('falls back to espeak-ng with a notice saying why', async () => {
    const missing = join(tmp(), 'nope.onnx');
    const { tts, notice } = await pickTts({ piper: { piperPath: STANDIN, voice: missing }, platform: 'linux' });
    expect(tts.name).toBe('espeak-ng');
    expect(notice).toBe(`Piper is not available (Piper voice not found: ${missing}); speaking with espeak-ng instead.`);

    const broken = await pickTts({ piper: { piperPath: '/nonexistent/piper', voice: fakeVoice() }, platform: 'linux' });
    expect(broken.notice).toBe('Piper is not available (Piper is not installed); speaking with espeak-ng instead.');

    const unconfigured = await pickTts({ piper: null, platform: 'linux' });
    expect(unconfigured.tts.name).toBe('espeak-ng');
    expect(unconfigured.notice).toMatch(/^Piper is not available \(no Piper voice is configured\)/);
  });

  it('nothing available: a CoachError with install hints', async () => {
    const err = await rejection(
      pickTts({
        piper: { piperPath: '/nonexistent/piper', voice: fakeVoice() },
        espeak: { espeakPath: '/nonexistent/espeak-ng' },
        say: { sayPath: '/nonexistent/say' },
        platform: 'linux',
      }),
    );
    expect(err.message).toBe('No text-to-speech engine is available.');
    expect(err.hint).toMatch(/interview-coach voice setup/);
    expect(err.hint).toMatch(/apt-get install espeak-ng/);
  });
});

// ---------------------------------------------------------------------------------------------

/** A short real WAV (a tone). */
function toneWav(ms: number, rate = 22050): string {
  const samples = Math.round((ms / 1000) * rate);
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 5000), i * 2);
  const path = join(tmp(), `tone-${ms}.wav`);
  writeFileSync(path, Buffer.concat([wavHeader(pcm.length, rate), pcm]));
  return path;
}

const hasAplay = hasTool('aplay');

describe.skipIf(!hasAplay)('ProcessPlayer with aplay -D null (real)', () => {
  it('plays a WAV and resolves when done', async () => {
    const player = new ProcessPlayer({ command: 'aplay', device: 'null' });
    await player.play(toneWav(200));
    expect(player.activePids).toEqual([]);
  });

  it('a device that does not exist rejects with a CoachError', async () => {
    const player = new ProcessPlayer({ command: 'aplay', device: 'no_such_device_here' });
    const err = await rejection(player.play(toneWav(100)));
    expect(err.message).toMatch(/^aplay could not play audio: /);
    expect(err.hint).toMatch(/aplay -l/);
  });

  it('stop() during a long file resolves play() and the player process is gone', async () => {
    // The ALSA null device does not pace playback, so a long file would end at once. A FIFO we
    // keep open is a "file" that never ends: aplay plays what it has, then waits for more.
    const dir = tmp();
    const fifo = join(dir, 'endless.wav');
    execFileSync('mkfifo', [fifo]);
    const fd = openSync(fifo, 'r+'); // O_RDWR: does not block, and keeps a writer open
    try {
      writeSync(fd, wavHeader(0x7ffff000, 22050));
      writeSync(fd, Buffer.alloc(8192));
      const player = new ProcessPlayer({ command: 'aplay', device: 'null' });
      const playing = player.play(fifo);
      await waitFor(() => player.activePids.length === 1, 'aplay started');
      const pid = player.activePids[0];
      await waitFor(() => {
        try {
          return readdirSync(`/proc/${pid}/fd`).some((f) => {
            try {
              return readlinkSync(`/proc/${pid}/fd/${f}`) === fifo;
            } catch {
              return false;
            }
          });
        } catch {
          return false;
        }
      }, 'aplay has the file open');

      player.stop();
      await playing; // resolves on stop (it would hang forever otherwise)
      // aplay ignores SIGTERM while blocked reading: the SIGKILL that follows ends it.
      await waitFor(() => player.activePids.length === 0 && !processAlive(pid), 'the aplay process is gone');
    } finally {
      closeSync(fd);
    }
  });

  it('pickPlayer: named players, file sinks, unknown names', async () => {
    const aplay = await pickPlayer({ command: 'aplay', device: 'null' });
    expect(aplay).toBeInstanceOf(ProcessPlayer);
    const auto = await pickPlayer({ device: 'null' });
    expect(auto).toBeInstanceOf(ProcessPlayer);
    expect((auto as ProcessPlayer).command).toBe('aplay');
    const sinkDir = join(tmp(), 'sink');
    const sink = await pickPlayer({ command: `file:${sinkDir}` });
    expect(sink).toBeInstanceOf(FileSinkPlayer);
    expect((sink as FileSinkPlayer).dir).toBe(sinkDir);
    const err = await rejection(pickPlayer({ command: 'boombox' }));
    expect(err.message).toBe('Unknown audio player: boombox');
    const none = await rejection(pickPlayer({ command: 'ffplay', env: { PATH: tmp() } }));
    expect(none.message).toBe('ffplay is not installed.');
  });
});

describe('player command lines', () => {
  it('spells each player as documented', () => {
    expect(playerCommandLine('aplay', '/a/b.wav', 'null').args).toEqual(['-q', '-D', 'null', '/a/b.wav']);
    expect(playerCommandLine('aplay', '/a/b.wav').args).toEqual(['-q', '/a/b.wav']);
    const sox = playerCommandLine('play', '/a/b.wav', 'hw:1', {});
    expect(sox.args).toEqual(['-q', '/a/b.wav']);
    expect(sox.env.AUDIODEV).toBe('hw:1');
    expect(playerCommandLine('afplay', '/a/b.wav').args).toEqual(['/a/b.wav']);
    expect(playerCommandLine('ffplay', '/a/b.wav').args).toEqual([
      '-nodisp',
      '-autoexit',
      '-loglevel',
      'quiet',
      '/a/b.wav',
    ]);
    // A relative name that starts with '-' becomes an absolute path, never an option.
    expect(playerCommandLine('aplay', '-D.wav').args.at(-1)).toMatch(/^\/.*\/-D\.wav$/);
  });

  it('probing the optional speaker package never takes this process down', async () => {
    // Loading `speaker` without a sound card aborts Node (an ALSA assert); the probe runs it in a child.
    const probe = await loadSpeaker();
    if (probe.ok) expect(typeof probe.Speaker).toBe('function');
    else expect(probe.reason).toMatch(/speaker package/);
  });
});

describe('FileSinkPlayer', () => {
  it('realtime: play() lasts as long as the clip, and stop() ends it at once', async () => {
    const sink = new FileSinkPlayer(join(tmp(), 'sink'), { realtime: true });
    const started = Date.now();
    await sink.play(toneWav(300));
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    const long = sink.play(toneWav(5000));
    await waitFor(() => sink.played.length === 2, 'the long clip plays');
    const stopping = Date.now();
    sink.stop();
    await long;
    expect(Date.now() - stopping).toBeLessThan(1000);
  });

  it('copies each played file into its folder, in order', async () => {
    const dir = join(tmp(), 'sink');
    const sink = new FileSinkPlayer(dir);
    const a = toneWav(50);
    const b = toneWav(80);
    await sink.play(a);
    await sink.play(b);
    expect(sink.played).toEqual([a, b]);
    expect(sink.files.map((f) => basename(f))).toEqual(['0001-tone-50.wav', '0002-tone-80.wav']);
    expect(readFileSync(sink.files[1]!)).toEqual(readFileSync(b));
  });

  it('hold mode keeps play() pending until release() or stop()', async () => {
    const sink = new FileSinkPlayer(join(tmp(), 'sink'), { hold: true });
    let done = false;
    const p = sink.play(toneWav(50)).then(() => (done = true));
    await waitFor(() => sink.holding, 'the play is held');
    expect(done).toBe(false);
    sink.release();
    await p;
    const q = sink.play(toneWav(60));
    await waitFor(() => sink.holding, 'the second play is held');
    sink.stop();
    await q;
    expect(sink.files).toHaveLength(2);
  });
});

// ---------------------------------------------------------------------------------------------

describe('SpeechOutput: Piper stand-in + file sink, end to end', () => {
  const REPLY = [
    'Thanks for joining me for this interview today.', // 8 words
    'Let us start with something simple.', // 6
    'Tell me about a system you designed end to end and what you would change now.', // 16
    'Take your time and think it through.', // 7
  ];

  function tokens(text: string): string[] {
    return text.match(/\s*\S+/g) ?? [];
  }

  it('speaks sentences in order, the first before the reply is complete, and joins them', async () => {
    const tts = piper();
    await tts.start();
    const out = tmp();
    const sink = new FileSinkPlayer(join(tmp(), 'sink'));
    const speech = new SpeechOutput(tts, sink, { outDir: out });
    const stream = speech.speakStream();

    for (const t of tokens(at(REPLY, 0))) stream.push(t);
    stream.push(' '); // "today." is only an end once something other than a digit follows
    await waitFor(() => sink.played.length === 1, 'the first sentence played');
    const beforeRest = Date.now();
    for (const t of tokens(` ${REPLY.slice(1).join(' ')}`)) stream.push(t);
    const result = await stream.end();

    expect(result.sentences).toEqual(REPLY);
    expect(result.clips.map((c) => basename(c.path))).toEqual([
      'piper-0001.wav',
      'piper-0002.wav',
      'piper-0003.wav',
      'piper-0004.wav',
    ]);
    result.clips.forEach((c, i) => expect(c.durationMs).toBeCloseTo(words(at(REPLY, i)) * MS_PER_WORD, 6));
    expect(sink.played).toEqual(result.clips.map((c) => c.path));
    expect(result.firstAudioAt).not.toBeNull();
    expect(result.firstAudioAt!).toBeLessThanOrEqual(beforeRest);

    expect(result.combinedPath).not.toBeNull();
    const combined = readWav(result.combinedPath!);
    const parts = result.clips.map((c) => readWav(c.path).pcm);
    expect(combined.pcm).toEqual(Buffer.concat(parts));
    const combinedMs = (combined.pcm.length / 2 / combined.sampleRate) * 1000;
    expect(combinedMs).toBeCloseTo(
      result.clips.reduce((s, c) => s + c.durationMs, 0),
      6,
    );
  });

  it('synthesizes the next sentence while the current one plays', async () => {
    const tts = piper();
    const out = tmp();
    const sink = new FileSinkPlayer(join(tmp(), 'sink'), { hold: true });
    const speech = new SpeechOutput(tts, sink, { outDir: out });
    const stream = speech.speakStream();
    stream.push(REPLY.join(' '));
    await waitFor(() => sink.played.length === 1 && sink.holding, 'the first clip is playing');
    await waitFor(
      () => existsSync(join(out, 'piper-0002.wav')) && statSync(join(out, 'piper-0002.wav')).size > 44,
      'the second clip synthesized during playback',
    );
    expect(sink.played).toHaveLength(1);
    const ending = stream.end();
    for (let i = 0; i < REPLY.length; i++) {
      await waitFor(() => sink.holding, `clip ${i + 1} playing`);
      sink.release();
    }
    expect((await ending).clips).toHaveLength(4);
  });

  it('stop() silences now and drops the rest; end() resolves with what was played', async () => {
    const tts = piper();
    const out = tmp();
    const sink = new FileSinkPlayer(join(tmp(), 'sink'), { hold: true });
    const speech = new SpeechOutput(tts, sink, { outDir: out });
    const stream = speech.speakStream();
    for (const t of tokens(REPLY.join(' '))) stream.push(t);
    await waitFor(() => sink.played.length === 1 && sink.holding, 'the first clip is playing');

    speech.stop();
    stream.push(' More text after the stop should never be spoken.');
    const result = await stream.end();

    expect(result.sentences).toEqual([REPLY[0]]);
    expect(result.clips).toHaveLength(1);
    expect(sink.played).toHaveLength(1);
    // Clips synthesized but never played are deleted; only the played one and the joined reply stay.
    expect(readdirSync(out).sort()).toEqual(['piper-0001.wav', 'reply-0001.wav']);
    // The clip was stopped while it played: the kept audio is the part that was heard.
    expect(result.cutMs).not.toBeNull();
    const heard = readWav(result.combinedPath!).pcm;
    expect(heard).toEqual(readWav(result.clips[0]!.path).pcm.subarray(0, heard.length));

    // The output is usable again for the next reply.
    const next = speech.speakStream();
    next.push('A fresh reply after the interruption.');
    const ending = next.end();
    await waitFor(() => sink.holding, 'the next reply plays');
    sink.release();
    expect((await ending).sentences).toEqual(['A fresh reply after the interruption.']);
  });

  it('stopped mid-clip in real time: the kept audio is the clips played plus the part of the last one heard', async () => {
    const tts = piper();
    const sink = new FileSinkPlayer(join(tmp(), 'sink'), { realtime: true });
    const speech = new SpeechOutput(tts, sink, { outDir: tmp() });
    const stream = speech.speakStream();
    stream.push(`${REPLY.join(' ')} `);
    expect(speech.speaking).toBe(false);
    await waitFor(() => sink.played.length === 1, 'the first clip plays');
    expect(speech.speaking).toBe(true);
    await waitFor(() => sink.played.length === 2, 'the second clip plays');
    const secondStarted = Date.now();
    await waitFor(() => Date.now() - secondStarted >= 100, '100 ms of the second clip');
    speech.stop();
    const result = await stream.end();
    expect(speech.speaking).toBe(false);

    expect(result.sentences).toEqual(REPLY.slice(0, 2));
    const [first, second] = result.clips.map((c) => readWav(c.path));
    const cutMs = result.cutMs!;
    expect(cutMs).toBeGreaterThanOrEqual(100);
    expect(cutMs).toBeLessThan(result.clips[1]!.durationMs);
    const kept = readWav(result.combinedPath!);
    const cutBytes = Math.floor((cutMs * kept.sampleRate) / 1000) * 2;
    expect(kept.pcm).toEqual(Buffer.concat([first!.pcm, second!.pcm.subarray(0, cutBytes)]));
  });

  it('replies play in the order their streams were opened', async () => {
    const tts = piper();
    const sink = new FileSinkPlayer(join(tmp(), 'sink'));
    const speech = new SpeechOutput(tts, sink, { outDir: tmp() });
    const first = speech.speakStream();
    const second = speech.speakStream();
    second.push('The second reply is pushed first.');
    first.push('The first reply is pushed later on.');
    const [a, b] = await Promise.all([first.end(), second.end()]);
    expect(sink.played).toEqual([...a.clips, ...b.clips].map((c) => c.path));
  });

  it('Piper dying mid-reply makes end() reject with the reason', async () => {
    const tts = piper({ env: { PIPER_STANDIN_FAIL_AFTER: '2' } });
    const sink = new FileSinkPlayer(join(tmp(), 'sink'));
    const speech = new SpeechOutput(tts, sink, { outDir: tmp() });
    const stream = speech.speakStream();
    stream.push(REPLY.join(' '));
    const err = await rejection(stream.end());
    expect(err.message).toMatch(/^Piper stopped: .*simulated crash/);
    expect(sink.played).toHaveLength(1);
  });
});
