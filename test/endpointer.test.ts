import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoachError } from '../src/shared/errors.js';
import { DEFAULT_ENDPOINTER, Endpointer } from '../src/voice/capture/endpointer.js';
import type { EndpointerOptions, RecorderEvent, Utterance } from '../src/voice/contracts.js';
import { WebRtcVad } from '../src/voice/capture/vad.js';
import { at } from './support/at.js';

/** Each endpointer gets its own detector (libfvad keeps state across frames). */
const vads = await Promise.all(Array.from({ length: 60 }, () => WebRtcVad.create()));
const endpointer = (opts: Partial<EndpointerOptions> = {}) => new Endpointer(opts, vads.pop()!);

// Synthetic capture audio: 16 kHz mono s16le, so 1 ms = 16 samples = 32 bytes.
const BYTES_PER_MS = 32;
const samples = (ms: number) => Math.round(ms * 16);

function silence(ms: number): Buffer {
  return Buffer.alloc(samples(ms) * 2);
}

/** A 440 Hz sine; amplitude 0.3 of full scale gives rms ≈ 0.21, a firm voice. */
function tone(ms: number, amplitude = 0.3): Buffer {
  const buf = Buffer.alloc(samples(ms) * 2);
  for (let i = 0; i < samples(ms); i++) {
    buf.writeInt16LE(Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * 440 * i) / 16000)), i * 2);
  }
  return buf;
}

/** Deterministic white noise with the given rms (uniform noise: rms = peak / sqrt 3). */
function noise(ms: number, rms: number, seed = 1): Buffer {
  const buf = Buffer.alloc(samples(ms) * 2);
  let state = seed;
  for (let i = 0; i < samples(ms); i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const uniform = (state / 2 ** 31) * 2 - 1;
    buf.writeInt16LE(Math.round(uniform * rms * Math.sqrt(3) * 32767), i * 2);
  }
  return buf;
}

const audio = (...parts: Buffer[]) => Buffer.concat(parts);

function run(pcm: Buffer, opts: Partial<EndpointerOptions> = {}): RecorderEvent[] {
  const ep = endpointer(opts);
  return [...ep.push(pcm), ...ep.finish()];
}

/** The events that shape a turn (levels and the barge-in trigger, 'speech-confirmed', left out). */
const kinds = (events: RecorderEvent[]) =>
  events.filter((e) => e.type !== 'level' && e.type !== 'speech-confirmed').map((e) => e.type);
const utterances = (events: RecorderEvent[]): Utterance[] =>
  events.flatMap((e) => (e.type === 'utterance' ? [e.utterance] : []));
/** endedAt and lastVoicedAt are wall time; everything else must be identical for identical audio. */
const comparable = (events: RecorderEvent[]) =>
  events.map((e) =>
    e.type === 'utterance' ? { ...e, utterance: { ...e.utterance, endedAt: 0, lastVoicedAt: 0 } } : e,
  );
/**
 * The 100 Hz high-pass filter rings for a few ms after a sound stops abruptly, so the frame
 * after it can still count as speech: the end is exact or one frame (20 ms) late.
 */
function expectSpan(u: Utterance, start: number, end: number): void {
  expect(u.speechStartMs).toBe(start);
  expect([end, end + 20]).toContain(u.speechEndMs);
}

describe('Endpointer', () => {
  it('cuts a normal answer with 400 ms of pre-roll and 100 ms of trailing silence', () => {
    const input = audio(silence(1000), tone(1500), silence(1500));
    const events = run(input);
    expect(kinds(events)).toEqual(['speech-start', 'utterance']);
    const u = at(utterances(events), 0);
    expect(u.reason).toBe('silence');
    expectSpan(u, 1000, 2500);
    expect(u.pcm.equals(input.subarray(600 * BYTES_PER_MS, (u.speechEndMs + 100) * BYTES_PER_MS))).toBe(true);
  });

  it('ends the answer exactly when silenceMs of quiet have been heard after the last speech frame', () => {
    const ep = endpointer({});
    expect(kinds(ep.push(audio(silence(1000), tone(1500))))).toEqual(['speech-start']);
    // Frame by frame: the cut must come with the frame that completes silenceMs after speechEndMs.
    for (let heard = 2500; heard < 6000; heard += 20) {
      const found = utterances(ep.push(silence(20)));
      if (found.length === 0) continue;
      expect(heard + 20).toBe(at(found, 0).speechEndMs + DEFAULT_ENDPOINTER.silenceMs);
      return;
    }
    throw new Error('no cut within 3.5 s of silence');
  });

  it('cuts after 1.5 s by default, so a 1.0 s thinking pause stays inside the answer', () => {
    expect(DEFAULT_ENDPOINTER.silenceMs).toBe(1500);
    const events = run(audio(silence(1000), tone(1000), silence(1000), tone(1000), silence(1600)));
    expect(kinds(events)).toEqual(['speech-start', 'utterance']);
  });

  it('finds speech after leading silence that is not frame-aligned, within one frame, with pre-roll', () => {
    const events = run(audio(silence(2010), tone(1000), silence(1000)));
    const u = at(utterances(events), 0);
    expect(utterances(events)).toHaveLength(1);
    expect(Math.abs(u.speechStartMs - 2010)).toBeLessThanOrEqual(20);
    expect(Math.abs(u.speechEndMs - 3010)).toBeLessThanOrEqual(20);
    expect(u.pcm.length).toBe((400 + (u.speechEndMs - u.speechStartMs) + 100) * BYTES_PER_MS);
  });

  it('keeps a pause shorter than silenceMs inside one answer', () => {
    const events = run(audio(silence(1000), tone(1000), silence(500), tone(1000), silence(1500)));
    expect(kinds(events)).toEqual(['speech-start', 'utterance']);
    const u = at(utterances(events), 0);
    expectSpan(u, 1000, 3500);
  });

  it('splits at a pause longer than silenceMs, and detects the second answer too', () => {
    const events = run(audio(silence(1000), tone(1000), silence(2000), tone(1000), silence(1600)));
    expect(kinds(events)).toEqual(['speech-start', 'utterance', 'speech-start', 'utterance']);
    const found = utterances(events);
    expectSpan(at(found, 0), 1000, 2000);
    expectSpan(at(found, 1), 4000, 5000);
    // The second pre-roll comes from the gap after the first one's trailing silence: full 400 ms.
    expect(at(found, 1).pcm.length).toBe((400 + (at(found, 1).speechEndMs - 4000) + 100) * BYTES_PER_MS);
  });

  it('starts a new turn on reset(), with pre-roll from audio skipped while nobody listened', () => {
    const ep = endpointer({});
    ep.skip(audio(silence(600), noise(400, 0.001)));
    ep.reset();
    const events = [...ep.push(audio(tone(1000), silence(1600)))];
    const u = at(utterances(events), 0);
    expect(u.speechStartMs).toBe(0);
    expect(u.pcm.subarray(0, 400 * BYTES_PER_MS).equals(noise(400, 0.001))).toBe(true);
  });

  it('emits exactly one no-speech when noSpeechTimeoutMs of audio pass without speech', () => {
    const ep = endpointer({ noSpeechTimeoutMs: 3000 });
    expect(kinds(ep.push(silence(2980)))).toEqual([]);
    expect(kinds(ep.push(silence(20)))).toEqual(['no-speech']);
    expect(kinds([...ep.push(noise(10_000, 0.002)), ...ep.finish()])).toEqual([]);
  });

  it('re-arms no-speech on reset()', () => {
    const ep = endpointer({ noSpeechTimeoutMs: 1000 });
    expect(kinds(ep.push(silence(1000)))).toEqual(['no-speech']);
    ep.reset();
    expect(kinds(ep.push(silence(1000)))).toEqual(['no-speech']);
  });

  it('force-ends a long answer at maxUtteranceMs', () => {
    const events = run(audio(silence(1000), tone(5000), silence(1000)), { maxUtteranceMs: 2000 });
    const u = at(utterances(events), 0);
    expect(u.reason).toBe('max-length');
    expect([u.speechStartMs, u.speechEndMs]).toEqual([1000, 3000]);
    expect(u.pcm.length).toBe((400 + 2000) * BYTES_PER_MS);
  });

  it('gives the same events for odd chunk sizes as for one buffer', () => {
    const input = audio(silence(2010), tone(1000), silence(300), tone(777), silence(1600), noise(500, 0.003));
    const whole = run(input);
    const ep = endpointer({});
    const sizes = [1, 3, 639, 641, 1001, 7, 2];
    const pieces: RecorderEvent[] = [];
    for (let offset = 0, k = 0; offset < input.length; k++) {
      const size = at(sizes, k % sizes.length);
      pieces.push(...ep.push(input.subarray(offset, offset + size)));
      offset += size;
    }
    pieces.push(...ep.finish());
    expect(utterances(whole)).toHaveLength(1);
    expect(comparable(pieces)).toEqual(comparable(whole));
  });

  it('announces speech-start after 100 ms of speech frames, not before', () => {
    const ep = endpointer({});
    expect(kinds(ep.push(audio(silence(1000), tone(80))))).toEqual([]);
    expect(kinds(ep.push(tone(20)))).toEqual(['speech-start']);
    // 60 ms, not 80: the high-pass filter's ring after an abrupt stop can add one frame.
    const burst = endpointer({});
    expect(kinds([...burst.push(audio(silence(1000), tone(60), silence(1000))), ...burst.finish()])).toEqual([]);
  });

  it('confirms speech once it has lasted minSpeechMs (the barge-in trigger), once per utterance', () => {
    const ep = endpointer({ silenceMs: 700 });
    const types = (events: RecorderEvent[]) => events.filter((e) => e.type !== 'level').map((e) => e.type);
    expect(types(ep.push(audio(silence(1000), tone(280))))).toEqual(['speech-start']);
    expect(types(ep.push(tone(20)))).toEqual(['speech-confirmed']);
    expect(types(ep.push(audio(tone(1000), silence(1000), tone(400), silence(1000))))).toEqual([
      'utterance',
      'speech-start',
      'speech-confirmed',
      'utterance',
    ]);
    // A 200 ms burst starts speech but is never confirmed (and never becomes an utterance).
    const burst = endpointer({});
    expect(types([...burst.push(audio(silence(1000), tone(200), silence(1500))), ...burst.finish()])).toEqual([
      'speech-start',
    ]);
  });

  it('ignores a click shorter than minSpeechMs and still hears the answer after it', () => {
    const events = run(
      audio(silence(1000), tone(200), silence(1500), tone(60), silence(1000), tone(1000), silence(1000)),
    );
    const found = utterances(events);
    expect(found).toHaveLength(1);
    expect(found[0]!.speechStartMs).toBe(3760);
  });

  it('adapts to a noisy room: noise above the fixed start threshold, after a quieter start, is not speech', () => {
    // The floor is learnt at 0.008; a fan then adds noise at 0.015, above START_THRESHOLD (0.01).
    const events = run(audio(noise(1000, 0.008), noise(2000, 0.015, 3), tone(1000), noise(1500, 0.015, 7)));
    const found = utterances(events);
    expect(found).toHaveLength(1);
    expectSpan(at(found, 0), 3000, 4000);
  });

  it('catches speech that starts with the very first frame', () => {
    expectSpan(at(utterances(run(audio(tone(1500), silence(1600)))), 0), 0, 1500);
  });

  it('flushes speech in progress on finish(), but not speech shorter than minSpeechMs', () => {
    const ep = endpointer({});
    ep.push(audio(silence(1000), tone(1000)));
    expect(utterances(ep.finish()).map((u) => [u.speechStartMs, u.speechEndMs])).toEqual([[1000, 2000]]);
    const short = endpointer({});
    short.push(audio(silence(1000), tone(200)));
    expect(short.finish()).toEqual([]);
  });

  it('reports a level every 50 ms of audio, louder for speech than for silence', () => {
    const events = run(audio(silence(1000), tone(1000)));
    const levels = events.flatMap((e) => (e.type === 'level' ? [e.rms] : []));
    expect(levels).toHaveLength(40);
    expect(Math.max(...levels.slice(0, 20))).toBe(0);
    expect(Math.min(...levels.slice(20))).toBeCloseTo(0.3 / Math.SQRT2, 2);
  });

  it('rejects nonsense options with a CoachError', () => {
    expect(() => endpointer({ silenceMs: -1 })).toThrow(CoachError);
    expect(() => endpointer({ maxUtteranceMs: Number.NaN })).toThrow(/maxUtteranceMs/);
  });
});

describe('Endpointer: when speech really ended (lastVoicedAt)', () => {
  afterEach(() => vi.useRealTimers());

  it('dates the last voiced frame from the wall clock of the newest audio, in sox-sized blocks', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = 1_000_000;
    const BLOCK_MS = 128; // sox's default 4096-byte block at 16 kHz
    const ep = endpointer({ silenceMs: 700 });
    // The first chunk is captured up to t0 and ends with the end of speech.
    vi.setSystemTime(t0);
    const events = ep.push(audio(silence(1000), tone(1500)));
    // Then silence arrives a block at a time, each block when it has been captured.
    for (let k = 1; !events.some((e) => e.type === 'utterance') && k < 50; k++) {
      vi.setSystemTime(t0 + k * BLOCK_MS);
      events.push(...ep.push(silence(BLOCK_MS)));
    }
    const u = at(utterances(events), 0);
    // The high-pass filter may ring one frame past the tone (see expectSpan).
    expect([2500, 2520]).toContain(u.speechEndMs);
    // A block is not a whole number of 20 ms frames: the anchor is exact to one frame (two with the ring).
    expect(Math.abs(u.lastVoicedAt - t0)).toBeLessThanOrEqual(40);
    // The cut came in the block that completed 700 ms of silence: the wait is at least that, at most a block more.
    expect(u.endedAt - u.lastVoicedAt).toBeGreaterThanOrEqual(700 - 20);
    expect(u.endedAt - u.lastVoicedAt).toBeLessThanOrEqual(700 + BLOCK_MS + 20);
    // The endpointer's own decision time would have left the whole silence wait out.
    expect(u.endedAt).toBe(t0 + 6 * BLOCK_MS);
  });

  it('a flush at the end of input dates the end of speech from the last audio heard', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(5_000);
    const ep = endpointer({ silenceMs: 700 });
    ep.push(audio(silence(500), tone(1000), silence(300)));
    vi.setSystemTime(9_000);
    const u = at(utterances(ep.finish()), 0);
    expect(u.endedAt).toBe(9_000);
    // 300 ms of silence were heard after the tone (280 when the high-pass filter rang one frame).
    expect([5_000 - 300, 5_000 - 280]).toContain(u.lastVoicedAt);
  });
});
