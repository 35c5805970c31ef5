import { describe, expect, it } from 'vitest';
import { FRAME_BYTES } from '../src/voice/contracts.js';
import { FrameSplitter } from '../src/voice/capture/frames.js';
import { LevelMeter, pcmRms } from '../src/voice/capture/level.js';

/** `bytes` of a counting pattern, so any misplaced byte shows. */
function pattern(bytes: number): Buffer {
  return Buffer.from(Array.from({ length: bytes }, (_, i) => i % 251));
}

describe('FrameSplitter', () => {
  it('cuts any chunking into the same whole frames, keeping the rest for later', () => {
    const audio = pattern(FRAME_BYTES * 5 + 123);
    const whole = new FrameSplitter().push(audio);
    expect(whole).toHaveLength(5);
    expect(Buffer.concat(whole)).toEqual(audio.subarray(0, FRAME_BYTES * 5));

    for (const size of [1, 3, 7, 639, 641, 1000]) {
      const splitter = new FrameSplitter();
      const frames: Buffer[] = [];
      for (let at = 0; at < audio.length; at += size) frames.push(...splitter.push(audio.subarray(at, at + size)));
      expect(frames, `chunks of ${size}`).toEqual(whole);
      expect(splitter.pending, `chunks of ${size}`).toBe(123);
    }
  });

  it('frames are copies: the caller may reuse its buffer', () => {
    const splitter = new FrameSplitter();
    const chunk = pattern(FRAME_BYTES + 10);
    const [frame] = splitter.push(chunk);
    expect(frame).toBeDefined();
    const before = Buffer.from(frame!);
    chunk.fill(0);
    expect(frame).toEqual(before);
    const [next] = splitter.push(pattern(FRAME_BYTES - 10));
    expect(next).toBeDefined();
    expect(next!.subarray(0, 10)).toEqual(pattern(FRAME_BYTES + 10).subarray(FRAME_BYTES));
  });

  it('other frame sizes', () => {
    expect(new FrameSplitter(4).push(pattern(10)).map((f) => f.length)).toEqual([4, 4]);
  });
});

describe('level', () => {
  it('pcmRms of silence is 0 and of a full-scale square wave is 1', () => {
    expect(pcmRms(Buffer.alloc(640))).toBe(0);
    const square = Buffer.alloc(640);
    for (let i = 0; i < 320; i++) square.writeInt16LE(i % 2 ? -32768 : 32767, i * 2);
    expect(pcmRms(square)).toBeCloseTo(1, 4);
    expect(pcmRms(Buffer.alloc(0))).toBe(0);
  });

  it('LevelMeter reports one level per 50 ms of audio, whatever the frame size', () => {
    const meter = new LevelMeter();
    const frame = Buffer.alloc(FRAME_BYTES); // 20 ms
    const counts = Array.from({ length: 10 }, () => meter.push(frame).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4); // 200 ms
    expect(new LevelMeter().push(Buffer.alloc(32_000))).toHaveLength(20); // 1 s at once
  });
});
