/** Cuts a stream of s16le audio into whole 20 ms frames (FRAME_BYTES), whatever the chunk sizes. */
import { FRAME_BYTES } from '../contracts.js';

export class FrameSplitter {
  /** Bytes of an incomplete frame, waiting for the next chunk (chunks can even split samples). */
  private carry = Buffer.alloc(0);

  constructor(private readonly frameBytes = FRAME_BYTES) {}

  /** The frames this chunk completes, in order; the rest is kept for the next push. */
  push(chunk: Buffer): Buffer[] {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const frames: Buffer[] = [];
    let offset = 0;
    for (; data.length - offset >= this.frameBytes; offset += this.frameBytes) {
      // Copied: the caller may reuse its buffer, and frames are kept for the utterance.
      frames.push(Buffer.from(data.subarray(offset, offset + this.frameBytes)));
    }
    this.carry = Buffer.from(data.subarray(offset));
    return frames;
  }

  /** Bytes held back, waiting for the rest of their frame. */
  get pending(): number {
    return this.carry.length;
  }
}
