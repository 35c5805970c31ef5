import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deliveryMetrics } from '../src/core/evaluation/delivery.js';
import type { VoiceEvent } from '../src/model/voice.js';
import { Recorder } from '../src/voice/capture/recorder.js';
import type { SpeechToText } from '../src/voice/contracts.js';
import { readWav } from '../src/voice/audio/wav.js';
import { VoiceSession } from '../src/voice/session.js';
import { AudioFixtures, durationOf } from './support/audio-fixtures.js';
import { hasTool } from './support/tools.js';

const tools = hasTool('sox') && hasTool('espeak-ng');
const fixtures = new AudioFixtures();
const home = mkdtempSync(join(tmpdir(), 'ic-grace-'));
afterAll(() => {
  fixtures.remove();
  rmSync(home, { recursive: true, force: true });
});

/** Speech to text that hears the length of what it is given (seconds), to tell joined audio from a piece. */
const stt: SpeechToText = {
  start: () => Promise.resolve(),
  transcribe: (pcm) =>
    Promise.resolve({
      text: `audio of ${(pcm.length / 32000).toFixed(1)} s`,
      words: [],
      duration: pcm.length / 32000,
      elapsedMs: 1,
    }),
  close: () => Promise.resolve(),
};
const silentSpeech = {
  speakStream: () => ({
    push() {},
    end: () =>
      Promise.resolve({
        clips: [],
        sentences: [],
        cutMs: null,
        firstSentenceAt: null,
        firstAudioAt: null,
        combinedPath: null,
      }),
  }),
  stop() {},
  speaking: false,
};

function session(recorder: Recorder) {
  const states: string[] = [];
  const voice = new VoiceSession(
    recorder,
    stt,
    silentSpeech,
    { audioRoot: home, pushToTalk: false, inputIsFile: true, typingFallback: false, measureDelivery: deliveryMetrics },
    () => {},
  );
  voice.setListener((e: VoiceEvent) => {
    if (e.type === 'state') states.push(e.state);
  });
  return { voice, states };
}

describe.skipIf(!tools)('a spoken answer with a pause of 2.5 s (1.5 s silence, then 1 s into the grace window)', () => {
  const part1 = fixtures.trimmedWav(fixtures.speechWav('I would cache the session data'));
  const part2 = fixtures.trimmedWav(fixtures.speechWav('and expire it after an hour'));
  const file = fixtures.concatWav([
    fixtures.silenceWav(0.5),
    part1,
    fixtures.silenceWav(2.5),
    part2,
    fixtures.silenceWav(5),
  ]);

  it('is one answer: the saved audio and the transcript cover both parts and the pause', async () => {
    const recorder = new Recorder({ input: file });
    const { voice, states } = session(recorder);
    try {
      const action = await voice.answers().next({ questionNumber: 1, signal: new AbortController().signal });
      expect(action.type).toBe('answer');
      if (action.type !== 'answer') return;
      const seconds = readWav(action.audioPath!).pcm.length / 32000;
      expect(Math.abs(seconds - (0.4 + durationOf(part1) + 2.5 + durationOf(part2) + 0.1))).toBeLessThanOrEqual(0.2);
      expect(action.text).toBe(`audio of ${seconds.toFixed(1)} s`);
      expect(states).toEqual([
        'listening',
        'recording',
        'still-listening',
        'recording',
        'still-listening',
        'transcribing',
      ]);
    } finally {
      await voice.close();
    }
  });

  it('Enter ("done") while still listening sends the first part on at once', async () => {
    const recorder = new Recorder({ input: file });
    const { voice, states } = session(recorder);
    voice.setListener((e) => {
      if (e.type !== 'state') return;
      states.push(e.state);
      if (e.state === 'still-listening') voice.finishAnswer();
    });
    try {
      const action = await voice.answers().next({ questionNumber: 1, signal: new AbortController().signal });
      if (action.type !== 'answer') throw new Error(`expected an answer, got ${action.type}`);
      const seconds = readWav(action.audioPath!).pcm.length / 32000;
      expect(Math.abs(seconds - (0.4 + durationOf(part1) + 0.1))).toBeLessThanOrEqual(0.2);
      expect(states).toEqual(['listening', 'recording', 'still-listening', 'transcribing']);
    } finally {
      await voice.close();
    }
  });
});
