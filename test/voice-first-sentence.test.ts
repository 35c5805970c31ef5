/**
 * Voice speaks a checked sentence as soon as it is checked: the interviewer's first sentence is
 * not held until the rest of the reply (the question) has streamed and been checked too.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryMetrics } from '../src/core/evaluation/delivery.js';
import { writeWav } from '../src/voice/audio/wav.js';
import type { SpeechClip, SpeechToText, TextToSpeech } from '../src/voice/contracts.js';
import { FileSinkPlayer } from '../src/voice/playback/file-sink.js';
import { VoiceSession } from '../src/voice/session.js';
import { SpeechOutput } from '../src/voice/tts/speech-output.js';
import { waitFor } from './support/wait.js';

/** A speech engine that writes a short silent clip per sentence and remembers the sentences. */
function recordingTts(said: string[]): TextToSpeech {
  return {
    name: 'recording',
    start: () => Promise.resolve(),
    close: () => Promise.resolve(),
    synthesize(sentence: string, outDir: string): Promise<SpeechClip> {
      said.push(sentence);
      const path = join(outDir, `clip-${said.length}.wav`);
      writeWav(path, Buffer.alloc(320), 16_000);
      return Promise.resolve({ path, sampleRate: 16_000, durationMs: 10 });
    },
  };
}

const unused: SpeechToText = {
  start: () => Promise.resolve(),
  transcribe: () => Promise.reject(new Error('not used')),
  close: () => Promise.resolve(),
};

let session: VoiceSession | undefined;
afterEach(async () => {
  await session?.close({ now: true });
  session = undefined;
});

describe('VoiceSession: the first checked sentence', () => {
  it('goes to speech at once, while the rest of the reply is still streaming', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-first-sentence-'));
    const said: string[] = [];
    const speech = new SpeechOutput(recordingTts(said), new FileSinkPlayer(join(home, 'sink')), {
      outDir: join(home, 'speech'),
    });
    const recorder = {
      listen: () => ({ [Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => {}) }) }),
      stopPushToTalk() {},
      close() {},
    };
    session = new VoiceSession(
      recorder,
      unused,
      speech,
      {
        audioRoot: home,
        pushToTalk: false,
        inputIsFile: false,
        typingFallback: false,
        measureDelivery: deliveryMetrics,
      },
      () => {},
    );
    session.observe({ type: 'question-delta', text: 'You put a cache in front of Postgres for the read path. How' });
    session.observe({ type: 'question-accepted', text: 'You put a cache in front of Postgres for the read path.' });
    // The question itself is still streaming: nothing more is checked yet.
    await waitFor(() => said.length > 0, 'the first sentence to reach the speech engine', 5_000);
    expect(said).toEqual(['You put a cache in front of Postgres for the read path.']);
  });
});
