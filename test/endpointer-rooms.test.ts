/**
 * The endpointer in real rooms: espeak-ng answers mixed (sox) with pink and brown noise at
 * -35 and -41 dBFS, a quiet talker at -44 dBFS, 1.0 s thinking pauses inside answers and 3 s
 * between answers. Each file must give exactly its number of answers, every time. The energy
 * endpointer this replaced failed most of these (README, "End of an answer").
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ENDPOINTER, Endpointer } from '../src/voice/capture/endpointer.js';
import { WebRtcVad } from '../src/voice/capture/vad.js';
import { readWav } from '../src/voice/audio/wav.js';
import { FRAME_BYTES, type RecorderEvent, type Utterance } from '../src/voice/contracts.js';
import { AudioFixtures, durationOf, rmsDbOf } from './support/audio-fixtures.js';
import { hasTool } from './support/tools.js';

const tools = hasTool('sox') && hasTool('espeak-ng');
const fixtures = new AudioFixtures();
afterAll(() => fixtures.remove());

/** A normal talker's level (whole clip, word gaps included), and the quiet one of the issue. */
const NORMAL_DB = -25;
const QUIET_DB = -44;
const THINKING_PAUSE_S = 1.0;
const BETWEEN_ANSWERS_S = 3;

interface Room {
  file: string;
  /** Where each answer's speech starts and ends in the file, in seconds. */
  answers: { start: number; end: number }[];
}

/**
 * Two answers: the first in two halves with a thinking pause between them. `noise` is mixed
 * under the whole file; without it the room is digitally silent.
 */
function room(talkerDb: number, noise?: { kind: 'pinknoise' | 'brownnoise'; db: number }): Room {
  const parts = [
    'I led the migration of our billing service to a new database',
    'and we finished it two weeks early',
    'The hardest part was keeping both systems in sync during the switch',
  ].map((text) => fixtures.atLevel(fixtures.trimmedWav(fixtures.speechWav(text)), talkerDb));
  const lead = 1;
  const sequence = [
    fixtures.silenceWav(lead),
    parts[0]!,
    fixtures.silenceWav(THINKING_PAUSE_S),
    parts[1]!,
    fixtures.silenceWav(BETWEEN_ANSWERS_S),
    parts[2]!,
    fixtures.silenceWav(BETWEEN_ANSWERS_S),
  ];
  const [a, b, c] = parts.map(durationOf) as [number, number, number];
  const firstEnd = lead + a + THINKING_PAUSE_S + b;
  const answers = [
    { start: lead, end: firstEnd },
    { start: firstEnd + BETWEEN_ANSWERS_S, end: firstEnd + BETWEEN_ANSWERS_S + c },
  ];
  const speech = fixtures.concatWav(sequence);
  if (!noise) return { file: speech, answers };
  const bed = fixtures.noiseWav(noise.kind, durationOf(speech), noise.db);
  return { file: fixtures.mixWav([speech, bed]), answers };
}

/** The file through a fresh endpointer with the default settings, in sox-sized chunks. */
/**
 * Feeds the file one 20 ms frame at a time with the clock stopped, so that lastVoicedAt
 * (dated from when the newest audio arrived) is exact: endedAt - lastVoicedAt is then the
 * audio heard between the last speech frame and the cut.
 */
async function endpoint(file: string): Promise<RecorderEvent[]> {
  const ep = new Endpointer({}, await WebRtcVad.create());
  const { pcm } = readWav(file);
  const events: RecorderEvent[] = [];
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    for (let offset = 0; offset < pcm.length; offset += FRAME_BYTES)
      events.push(...ep.push(pcm.subarray(offset, offset + FRAME_BYTES)));
    return [...events, ...ep.finish()];
  } finally {
    vi.useRealTimers();
  }
}

const utterances = (events: RecorderEvent[]): Utterance[] =>
  events.flatMap((e) => (e.type === 'utterance' ? [e.utterance] : []));

const ROOMS = [
  { name: 'a normal talker in a silent room', talker: NORMAL_DB },
  { name: 'pink noise at -35 dBFS', talker: NORMAL_DB, noise: { kind: 'pinknoise', db: -35 } },
  { name: 'pink noise at -41 dBFS', talker: NORMAL_DB, noise: { kind: 'pinknoise', db: -41 } },
  { name: 'brown noise (rumble) at -35 dBFS', talker: NORMAL_DB, noise: { kind: 'brownnoise', db: -35 } },
  { name: 'brown noise (rumble) at -41 dBFS', talker: NORMAL_DB, noise: { kind: 'brownnoise', db: -41 } },
  { name: 'a quiet talker at -44 dBFS in a silent room', talker: QUIET_DB },
  {
    name: 'a quiet talker at -44 dBFS over rumble at -49 dBFS',
    talker: QUIET_DB,
    noise: { kind: 'brownnoise', db: -49 },
  },
] as const;

describe.skipIf(!tools)('Endpointer in real rooms (espeak-ng speech mixed with sox noise)', () => {
  it('makes the noise at the level asked for, the same samples every time', () => {
    const pink = fixtures.noiseWav('pinknoise', 5, -35);
    expect(rmsDbOf(pink)).toBeCloseTo(-35, 1);
    expect(rmsDbOf(fixtures.noiseWav('brownnoise', 5, -41))).toBeCloseTo(-41, 1);
    expect(readWav(fixtures.noiseWav('pinknoise', 5, -35)).pcm.equals(readWav(pink).pcm)).toBe(true);
    expect(rmsDbOf(fixtures.atLevel(fixtures.speechWav('a quiet talker'), QUIET_DB))).toBeCloseTo(QUIET_DB, 1);
  });

  for (const r of ROOMS) {
    it(`cuts exactly two answers with ${r.name}, keeping a 1.0 s thinking pause inside the first`, async () => {
      const { file, answers } = room(r.talker, 'noise' in r ? r.noise : undefined);
      const events = await endpoint(file);
      const found = utterances(events);
      expect(found.map((u) => u.reason)).toEqual(['silence', 'silence']);
      for (const [k, u] of found.entries()) {
        // Each answer spans its speech: start and end within 300 ms (pre-roll and trailing audio aside).
        expect(Math.abs(u.speechStartMs / 1000 - answers[k]!.start)).toBeLessThanOrEqual(0.3);
        expect(Math.abs(u.speechEndMs / 1000 - answers[k]!.end)).toBeLessThanOrEqual(0.3);
        // The cut comes silenceMs after the last speech frame: no stray noise frame delays it.
        expect(u.endedAt - u.lastVoicedAt).toBe(DEFAULT_ENDPOINTER.silenceMs);
      }
      // Every time: a second run over the same file gives the same cuts.
      const again = utterances(await endpoint(file)).map((u) => [u.speechStartMs, u.speechEndMs]);
      expect(again).toEqual(found.map((u) => [u.speechStartMs, u.speechEndMs]));
    });
  }
});
