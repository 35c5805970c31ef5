import { describe, expect, it } from 'vitest';
import { stageShares, turnLatency } from '../src/voice/latency.js';
import { latencyLine } from '../src/model/turn-metrics.js';

// One turn on a wall clock: speech ends at 10 000, the endpointer cuts 1.5 s later, and so on.
const marks = {
  lastVoicedAt: 10_000,
  endedAt: 11_500,
  transcribedAt: 12_020,
  sttEngineMs: 480.4,
  firstTokenAt: 12_400,
  firstSentenceAt: 13_900,
  firstAudioAt: 14_110,
};

describe('turnLatency', () => {
  it('counts every stage from the last voiced frame, not from the cut', () => {
    expect(turnLatency(marks)).toEqual({
      endpointWaitMs: 1500,
      transcribeMs: 2020,
      sttEngineMs: 480,
      firstTokenMs: 2400,
      firstSentenceMs: 3900,
      firstAudioMs: 4110,
    });
  });

  it('leaves out the stages that did not happen, and never reports time running backwards', () => {
    const l = turnLatency({ lastVoicedAt: 10_000, endedAt: 9_990, transcribedAt: 10_300.6, sttEngineMs: 7 });
    expect(l).toEqual({ endpointWaitMs: 0, transcribeMs: 301, sttEngineMs: 7 });
  });
});

describe('stageShares', () => {
  it('splits the wait into what each stage added; the shares add up to the time to first audio', () => {
    const l = turnLatency(marks);
    const shares = stageShares(l)!;
    expect(shares).toEqual([
      { stage: 'endpoint wait', ms: 1500 },
      { stage: 'transcription', ms: 520 },
      { stage: 'first token', ms: 380 },
      { stage: 'first sentence', ms: 1500 },
      { stage: 'first audio', ms: 210 },
    ]);
    expect(shares.reduce((sum, s) => sum + s.ms, 0)).toBe(l.firstAudioMs);
  });

  it('has no budget for a turn that was not spoken, or was saved before the endpoint wait was measured', () => {
    expect(stageShares(turnLatency({ ...marks, firstAudioAt: undefined }))).toBeUndefined();
    expect(stageShares({ transcribeMs: 300, sttEngineMs: 200, firstTokenMs: 500, firstAudioMs: 900 })).toBeUndefined();
  });
});

describe('latencyLine', () => {
  it('names every stage, with — for what did not happen (older rows lack the endpoint wait)', () => {
    expect(latencyLine(turnLatency(marks))).toBe(
      'endpoint 1500 ms · transcript 2020 ms (engine 480 ms) · first token 2400 ms · first sentence 3900 ms · first audio 4110 ms',
    );
    expect(latencyLine({ transcribeMs: 300, sttEngineMs: 200, firstTokenMs: 500 })).toBe(
      'endpoint — · transcript 300 ms (engine 200 ms) · first token 500 ms · first sentence — · first audio —',
    );
  });
});
