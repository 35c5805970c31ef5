/**
 * The latency stages of one voice turn, from wall-clock marks (Date.now() values) taken along
 * the way. Every stage counts from the last voiced frame of the answer (the true end of speech),
 * not from the endpointer's decision, so the trailing silence it waits for is counted too.
 */
import type { TurnLatency } from '../model/turn-metrics.js';

export interface TurnMarks {
  /** The last voiced frame of the answer was captured. */
  lastVoicedAt: number;
  /** The endpointer cut the answer. */
  endedAt: number;
  /** The transcript was ready. */
  transcribedAt: number;
  /** The speech-to-text engine's own compute time, in ms. */
  sttEngineMs: number;
  /** The interviewer's first token arrived. */
  firstTokenAt?: number;
  /** The first complete sentence was handed to text-to-speech. */
  firstSentenceAt?: number;
  /** The first clip started playing. */
  firstAudioAt?: number;
}

/** The stages, each in whole ms from the end of speech; a stage that did not happen is left out. */
export function turnLatency(m: TurnMarks): TurnLatency {
  // Marks come from one clock but from different places: never report time running backwards.
  const since = (at: number) => Math.max(0, Math.round(at - m.lastVoicedAt));
  const latency: TurnLatency = {
    endpointWaitMs: since(m.endedAt),
    transcribeMs: since(m.transcribedAt),
    sttEngineMs: Math.round(m.sttEngineMs),
  };
  if (m.firstTokenAt !== undefined) latency.firstTokenMs = since(m.firstTokenAt);
  if (m.firstSentenceAt !== undefined) latency.firstSentenceMs = since(m.firstSentenceAt);
  if (m.firstAudioAt !== undefined) latency.firstAudioMs = since(m.firstAudioAt);
  return latency;
}

/** One stage's own share of the wait: from the end of the stage before it to its own end. */
export interface StageShare {
  stage: 'endpoint wait' | 'transcription' | 'first token' | 'first sentence' | 'first audio';
  ms: number;
}

/**
 * The same turn as a budget: what each stage added after the one before (the shares add up to
 * the time to first audio). Undefined when a stage is missing (nothing was spoken).
 */
export function stageShares(l: TurnLatency): StageShare[] | undefined {
  const { endpointWaitMs, transcribeMs, firstTokenMs, firstSentenceMs, firstAudioMs } = l;
  if (
    endpointWaitMs === undefined ||
    firstTokenMs === undefined ||
    firstSentenceMs === undefined ||
    firstAudioMs === undefined
  )
    return undefined;
  return [
    { stage: 'endpoint wait', ms: endpointWaitMs },
    { stage: 'transcription', ms: transcribeMs - endpointWaitMs },
    { stage: 'first token', ms: firstTokenMs - transcribeMs },
    { stage: 'first sentence', ms: firstSentenceMs - firstTokenMs },
    { stage: 'first audio', ms: firstAudioMs - firstSentenceMs },
  ];
}
