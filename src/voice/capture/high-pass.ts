/**
 * A 2nd-order Butterworth high-pass filter (RBJ biquad) at 100 Hz for 16 kHz audio. Speech
 * has next to nothing below 100 Hz (even a low voice's pitch is carried by its harmonics),
 * while traffic rumble, air conditioning, desk thumps and brown noise live there: removing
 * it before the detector and the energy rule keeps them from passing for speech.
 */
import { SAMPLE_RATE } from '../contracts.js';

export const HIGH_PASS_HZ = 100;

export class HighPass {
  private readonly b0: number;
  private readonly b1: number;
  private readonly b2: number;
  private readonly a1: number;
  private readonly a2: number;
  // Filter state carries across frames, so frame edges add no clicks.
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;

  constructor(cutoffHz = HIGH_PASS_HZ, sampleRate = SAMPLE_RATE) {
    const w = (2 * Math.PI * cutoffHz) / sampleRate;
    const cos = Math.cos(w);
    const alpha = Math.sin(w) / (2 * Math.SQRT1_2); // Q = 1/√2: Butterworth, no bump
    const a0 = 1 + alpha;
    this.b0 = (1 + cos) / 2 / a0;
    this.b1 = -(1 + cos) / a0;
    this.b2 = this.b0;
    this.a1 = (-2 * cos) / a0;
    this.a2 = (1 - alpha) / a0;
  }

  /** Filters one frame of s16le samples into `out` (same number of samples), clipped to 16 bits. */
  process(frame: Buffer, out: Int16Array): Int16Array {
    for (let i = 0; i < out.length; i++) {
      const x = frame.readInt16LE(i * 2);
      const y = this.b0 * x + this.b1 * this.x1 + this.b2 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2;
      this.x2 = this.x1;
      this.x1 = x;
      this.y2 = this.y1;
      this.y1 = y;
      out[i] = y > 32767 ? 32767 : y < -32768 ? -32768 : Math.round(y);
    }
    return out;
  }
}
