import { describe, expect, it, vi } from 'vitest';
import { CoachError } from '../src/shared/errors.js';
import { Recorder } from '../src/voice/capture/recorder.js';
import type { RecorderEvent } from '../src/voice/contracts.js';
import { AudioFixtures } from './support/audio-fixtures.js';

// The WASM package as a broken install would leave it.
vi.mock('@echogarden/fvad-wasm', () => ({ default: () => Promise.reject(new Error('fvad.wasm: no such file')) }));

describe('a voice-activity detector that cannot load', () => {
  it('fails the recorder with one clear CoachError, and every turn with its message', async () => {
    const fixtures = new AudioFixtures();
    const rec = new Recorder({ input: fixtures.silenceWav(1) });
    try {
      const err = await rec.ready().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(CoachError);
      expect((err as CoachError).message).toBe(
        'Cannot load the voice-activity detector (WebRTC VAD in WASM): fvad.wasm: no such file.',
      );
      expect((err as CoachError).hint).toMatch(/Reinstall interview-coach/);
      const events: RecorderEvent[] = [];
      for await (const e of rec.listen()) events.push(e);
      expect(events).toEqual([{ type: 'error', message: (err as CoachError).message, hint: (err as CoachError).hint }]);
    } finally {
      await rec.close();
      fixtures.remove();
    }
  });
});
