import { z } from 'zod';
import { DeliveryMetrics } from './delivery.js';

/**
 * Voice mode: how long the machine took around one turn, in ms. Every figure counts from the
 * same moment: the last voiced frame of the candidate's answer, the true end of speech, so the
 * silence the endpointer waits for is part of what the person waits. (Rows saved before
 * `endpointWaitMs` existed count from the moment the endpointer cut the answer.)
 */
export const TurnLatency = z.object({
  /** End of speech to the cut: the trailing silence the endpointer waited for. */
  endpointWaitMs: z.number().optional(),
  /** End of speech to the transcript being ready. */
  transcribeMs: z.number(),
  /** The speech-to-text engine's own compute time (part of transcribeMs). */
  sttEngineMs: z.number(),
  /** End of speech to the interviewer's first token. */
  firstTokenMs: z.number().optional(),
  /** End of speech to the first complete sentence accepted for speech (handed to text-to-speech). */
  firstSentenceMs: z.number().optional(),
  /** End of speech to the first audible sound of the reply. */
  firstAudioMs: z.number().optional(),
});
export type TurnLatency = z.infer<typeof TurnLatency>;

/**
 * What transcripts.metrics_json holds for a spoken turn: the delivery of an answer and the
 * latencies around it. Loose on purpose: the parts the app reads are checked, anything else
 * the voice layer records is kept as it was written (the export shows it unchanged).
 */
export const TurnMetrics = z.looseObject({
  delivery: DeliveryMetrics.optional(),
  latency: TurnLatency.optional(),
});
export type TurnMetrics = z.infer<typeof TurnMetrics>;

/**
 * The stages in one line, for `--verbose` and `calls`:
 * `endpoint 1500 ms · transcript 2010 ms (engine 480 ms) · first token … · first sentence … · first audio …`.
 * A stage that did not happen (no model reply, nothing spoken) shows as —.
 */
export function latencyLine(l: TurnLatency): string {
  const ms = (n: number | undefined) => (n === undefined ? '—' : `${Math.round(n)} ms`);
  return [
    `endpoint ${ms(l.endpointWaitMs)}`,
    `transcript ${ms(l.transcribeMs)} (engine ${ms(l.sttEngineMs)})`,
    `first token ${ms(l.firstTokenMs)}`,
    `first sentence ${ms(l.firstSentenceMs)}`,
    `first audio ${ms(l.firstAudioMs)}`,
  ].join(' · ');
}
