/**
 * Speech clips on disk, shared by every TTS engine and the speech output: numbered names that
 * two writers never share, their sample rate and length, empty clips for text with nothing to say.
 */
import { copyFile, mkdir, open, rename, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SpeechClip } from '../contracts.js';
import { readWav, writeWav } from './wav.js';

/** Sample rate and duration of a WAV clip on disk. */
export function clipInfo(path: string): SpeechClip {
  const wav = readWav(path);
  const bytesPerSecond = wav.sampleRate * wav.channels * (wav.bits / 8);
  return {
    path,
    sampleRate: wav.sampleRate,
    durationMs: bytesPerSecond > 0 ? (wav.pcm.length / bytesPerSecond) * 1000 : 0,
  };
}

/** An empty (silent, zero-length) mono 16-bit clip. */
export function writeEmptyClip(path: string, sampleRate: number): void {
  writeWav(path, Buffer.alloc(0), sampleRate);
}

const clipCounters = new Map<string, number>();

/**
 * Reserves the next free `<prefix>-0001.wav`, `<prefix>-0002.wav`, … in dir (creating dir).
 * The name is claimed by creating an empty file, so two writers never get the same one.
 */
export async function reserveClipPath(dir: string, prefix: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const key = `${resolve(dir)}\0${prefix}`;
  let n = clipCounters.get(key) ?? 0;
  for (;;) {
    n++;
    const path = join(dir, `${prefix}-${String(n).padStart(4, '0')}.wav`);
    try {
      const fh = await open(path, 'wx');
      await fh.close();
      clipCounters.set(key, n);
      return path;
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') throw err;
    }
  }
}

/** Moves a file, copying when it crosses file systems. */
export async function moveFile(src: string, dest: string): Promise<void> {
  try {
    await rename(src, dest);
  } catch (err) {
    if (errnoCode(err) !== 'EXDEV') throw err;
    await copyFile(src, dest);
    await unlink(src);
  }
}

function errnoCode(err: unknown): unknown {
  return err instanceof Error && 'code' in err ? err.code : undefined;
}
