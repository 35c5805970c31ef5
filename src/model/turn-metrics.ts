import { z } from 'zod';
import { DeliveryMetrics } from './delivery.js';

/** Voice mode: how long the machine took around one turn, in ms. */
export const TurnLatency = z.object({
  /** End of the candidate's speech to the transcript being ready. */
  transcribeMs: z.number(),
  /** The speech-to-text engine's own compute time (part of transcribeMs). */
  sttEngineMs: z.number(),
  /** End of speech to the interviewer's first token. */
  firstTokenMs: z.number().optional(),
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
