import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { holdAnswer, joinPieces, type GraceOptions } from '../src/voice/answer-grace.js';
import { Recorder } from '../src/voice/capture/recorder.js';
import type { RecorderEvent, Transcript, Utterance } from '../src/voice/contracts.js';
import type { VoiceEvent } from '../src/model/voice.js';
import { AudioFixtures, durationOf } from './support/audio-fixtures.js';
import { hasTool } from './support/tools.js';

const tools = hasTool('sox') && hasTool('espeak-ng');
const fixtures = new AudioFixtures();
afterAll(() => fixtures.remove());
const recorders: Recorder[] = [];
afterEach(async () => {
  await Promise.all(recorders.splice(0).map((r) => r.close()));
});

const GRACE_MS = 2000;

/** A transcriber that records what it was asked and answers at once. */
function fakeStt() {
  const calls: { seconds: number; signal: AbortSignal }[] = [];
  const transcribe = (pcm: Buffer, signal: AbortSignal): Promise<Transcript> => {
    calls.push({ seconds: pcm.length / 32000, signal });
    return Promise.resolve({ text: 'heard', words: [], duration: pcm.length / 32000, elapsedMs: 1 });
  };
  return { calls, transcribe };
}

/** The first utterance of a file (the recorder reads it at full speed, as in the tests elsewhere). */
async function firstUtterance(rec: Recorder): Promise<Utterance> {
  for await (const e of rec.listen()) if (e.type === 'utterance') return e.utterance;
  throw new Error('no utterance');
}

async function hold(file: string, done = new AbortController()) {
  const rec = new Recorder({ input: file });
  recorders.push(rec);
  await rec.ready();
  const first = await firstUtterance(rec);
  const events: VoiceEvent[] = [];
  const stt = fakeStt();
  const opts: GraceOptions = {
    graceMs: GRACE_MS,
    listen: (o) => rec.listen(o),
    transcribe: stt.transcribe,
    onEvent: (e) => events.push(e),
    signal: new AbortController().signal,
    done: done.signal,
  };
  const answer = await holdAnswer(first, opts);
  const next: RecorderEvent[] = [];
  for await (const e of rec.listen()) if (e.type !== 'level') next.push(e);
  return { first, answer, events, stt, next };
}

const states = (events: VoiceEvent[]) => events.flatMap((e) => (e.type === 'state' ? [e.state] : []));

describe.skipIf(!tools)('the answer grace window', () => {
  const part1 = fixtures.trimmedWav(fixtures.speechWav('I would start with the slow queries'));
  const part2 = fixtures.trimmedWav(fixtures.speechWav('and then add an index on the customer column'));
  const [d1, d2] = [durationOf(part1), durationOf(part2)];

  it('joins speech that resumes 2.5 s after the answer (1.0 s into the window), with the real gap', async () => {
    const file = fixtures.concatWav([
      fixtures.silenceWav(0.5),
      part1,
      fixtures.silenceWav(2.5),
      part2,
      fixtures.silenceWav(5),
    ]);
    const { answer, events, stt, next } = await hold(file);
    expect(answer.pieces).toBe(2);
    expect(states(events)).toEqual(['still-listening', 'recording', 'still-listening']);
    // The joined audio runs from the first word to the last with the 2.5 s pause inside (±0.2 s).
    expect(Math.abs(answer.speechMs / 1000 - (d1 + 2.5 + d2))).toBeLessThanOrEqual(0.2);
    expect(Math.abs(answer.pcm.length / 32000 - (0.4 + d1 + 2.5 + d2 + 0.1))).toBeLessThanOrEqual(0.2);
    // Transcribed twice: the first (part 1 alone) was called off, the joined one is the answer.
    expect(stt.calls.map((c) => c.signal.aborted)).toEqual([true, false]);
    expect(Math.abs(stt.calls[1]!.seconds - answer.pcm.length / 32000)).toBeLessThan(0.001);
    expect((await answer.transcript).text).toBe('heard');
    // Nothing is left over for the next answer.
    expect(next.map((e) => e.type)).toEqual(['no-speech']);
  });

  it('keeps speech that resumes after the window (4.5 s later) for the next answer', async () => {
    const file = fixtures.concatWav([
      fixtures.silenceWav(0.5),
      part1,
      fixtures.silenceWav(4.5),
      part2,
      fixtures.silenceWav(5),
    ]);
    const { answer, events, stt, next } = await hold(file);
    expect(answer.pieces).toBe(1);
    expect(states(events)).toEqual(['still-listening']);
    expect(stt.calls.map((c) => c.signal.aborted)).toEqual([false]);
    expect(next.map((e) => e.type)).toEqual(['speech-start', 'speech-confirmed', 'utterance']);
  });

  it('sends the answer on at once when the person says they are done', async () => {
    const file = fixtures.concatWav([
      fixtures.silenceWav(0.5),
      part1,
      fixtures.silenceWav(2.5),
      part2,
      fixtures.silenceWav(5),
    ]);
    const done = new AbortController();
    done.abort();
    const { answer, events, next } = await hold(file, done);
    expect(answer.pieces).toBe(1);
    expect(states(events)).toEqual([]);
    expect(next.map((e) => e.type)).toEqual(['speech-start', 'speech-confirmed', 'utterance']);
  });
});

describe('joinPieces', () => {
  const piece = (startMs: number, ms: number, cutMs: number, speech: [number, number]) => ({
    pcm: Buffer.alloc(ms * 32, 1),
    startMs,
    cutMs,
    speechStartMs: speech[0],
    speechEndMs: speech[1],
  });

  it('puts back the audio between the two pieces as silence, on the first piece clock', () => {
    // First: pcm 600..2600 ms, cut at 4000. Second turn: pcm from -200 (pre-roll heard before it began).
    const joined = joinPieces(piece(600, 2000, 4000, [1000, 2500]), piece(-200, 1000, 2300, [200, 800]));
    // Gap: 4000 - 2600 (rest of turn 1) - 200 (pre-roll taken from it) = 1200 ms.
    expect(joined.pcm.length).toBe((2000 + 1200 + 1000) * 32);
    expect(joined.pcm.subarray(2000 * 32, 3200 * 32).every((b) => b === 0)).toBe(true);
    expect([joined.speechStartMs, joined.speechEndMs, joined.cutMs]).toEqual([1000, 4800, 6300]);
  });
});
