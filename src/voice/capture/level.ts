/** Loudness of captured audio: the RMS the endpointer decides on, and the levels the meter shows. */
import { SAMPLE_RATE } from '../contracts.js';

/** Level events for the meter: one per 800 samples = 50 ms of audio. */
const LEVEL_EVERY_SAMPLES = (SAMPLE_RATE * 50) / 1000;

/** RMS of s16le samples, 0..1 (full-scale square wave = 1). */
export function pcmRms(pcm: Buffer): number {
  const n = pcm.length >> 1;
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = pcm.readInt16LE(i * 2);
    sum += x * x;
  }
  return Math.sqrt(sum / n) / 32768;
}

/** The largest absolute sample of s16le samples, 0..1 (one step of 16-bit is 1/32768). */
export function pcmPeak(pcm: Buffer): number {
  let peak = 0;
  for (let i = 0; i + 1 < pcm.length; i += 2) peak = Math.max(peak, Math.abs(pcm.readInt16LE(i)));
  return Math.min(1, peak / 32768);
}

/** A level of 0..1 of full scale in dBFS (0 is full scale; digital silence is -Infinity). */
export function toDbfs(level: number): number {
  return level > 0 ? 20 * Math.log10(level) : -Infinity;
}

/** Turns frames into 'level' values every 50 ms of audio (RMS over exactly that stretch). */
export class LevelMeter {
  private sumSquares = 0;
  private samples = 0;

  /** Returns the levels completed by this frame (0, 1, or more for big frames). */
  push(frame: Buffer): number[] {
    const levels: number[] = [];
    const n = frame.length >> 1;
    for (let i = 0; i < n; i++) {
      const x = frame.readInt16LE(i * 2);
      this.sumSquares += x * x;
      if (++this.samples === LEVEL_EVERY_SAMPLES) {
        levels.push(Math.min(1, Math.sqrt(this.sumSquares / this.samples) / 32768));
        this.sumSquares = 0;
        this.samples = 0;
      }
    }
    return levels;
  }
}
