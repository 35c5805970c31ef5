/**
 * A short tone played through the interview's player (doctor): the only sure way to know a
 * player can open an output device is to play something. A player that exits 0 has played it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorMessage } from '../../shared/errors.js';
import { writeWav } from '../audio/wav.js';
import type { AudioPlayer } from '../contracts.js';

/** 0.3 s of 440 Hz at -14 dBFS: audible, short, not startling. */
export const TEST_TONE = { hz: 440, seconds: 0.3, amplitude: 0.2, sampleRate: 22_050 } as const;
/** Fade in and out so the tone does not click. */
const FADE_SECONDS = 0.02;

export type ToneProblem = 'no-device' | 'timeout' | 'failed';
export type ToneResult = { ok: true } | { ok: false; problem: ToneProblem; detail: string };

/** What players print when there is no output device or no sound server (aplay, SoX play, ffplay, ALSA). */
const NO_DEVICE =
  /audio open error|can't open output|snd_pcm_open|no soundcards|cannot find card|host is down|connection refused|no such device|could not open audio device|no audio device/i;

/** The test tone as a 16-bit mono WAV at `path`. */
export function writeTestTone(path: string): void {
  const { hz, seconds, amplitude, sampleRate } = TEST_TONE;
  const n = Math.round(seconds * sampleRate);
  const fade = Math.round(FADE_SECONDS * sampleRate);
  const pcm = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) {
    const envelope = Math.min(1, i / fade, (n - 1 - i) / fade);
    pcm.writeInt16LE(Math.round(32767 * amplitude * envelope * Math.sin((2 * Math.PI * hz * i) / sampleRate)), i * 2);
  }
  writeWav(path, pcm, sampleRate);
}

/** Plays the test tone with `player`; stops it after `timeoutMs`. Never throws. */
export async function playTestTone(player: AudioPlayer, opts: { timeoutMs: number }): Promise<ToneResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ic-tone-'));
  const file = join(dir, 'doctor-tone.wav');
  let timer: NodeJS.Timeout | undefined;
  try {
    writeTestTone(file);
    const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), opts.timeoutMs)));
    const outcome = await Promise.race([player.play(file).then(() => 'played' as const), timedOut]);
    if (outcome === 'timeout') {
      player.stop();
      return { ok: false, problem: 'timeout', detail: `it did not finish within ${opts.timeoutMs / 1000} s` };
    }
    return { ok: true };
  } catch (err) {
    // "aplay could not play audio: <what aplay said>": what the player said is the news.
    const detail = errorMessage(err).replace(/^\S+ could not play audio: /, '');
    return { ok: false, problem: NO_DEVICE.test(detail) ? 'no-device' : 'failed', detail };
  } finally {
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  }
}
