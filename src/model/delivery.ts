import { z } from 'zod';

/** A word with its timing in seconds (from the speech-to-text engine). */
export interface TimedWord {
  word: string;
  start: number;
  end: number;
}

/**
 * How a spoken answer was delivered, measured locally from word timestamps (no LLM). Stored
 * inside transcripts.metrics_json and per_answer_json, so it is a schema: read back, it is checked.
 */
export const DeliveryMetrics = z.object({
  words: z.number(),
  durationSec: z.number(),
  /** Words per minute over the whole answer, pauses included. */
  wpm: z.number(),
  /** Words per minute while actually speaking (pauses of 0.5 s or more left out). */
  speakingWpm: z.number(),
  fillers: z.number(),
  fillersPerMinute: z.number(),
  fillersPer100Words: z.number(),
  /** Silences longer than 2.5 s between words: [start second, length in seconds]. */
  longPauses: z.array(z.tuple([z.number(), z.number()])),
  /** Where each figure sits against the default bands. */
  bands: z.object({
    pace: z.enum(['slow', 'ok', 'fast']),
    fillers: z.enum(['ok', 'high']),
    length: z.enum(['short', 'ok', 'long']),
  }),
});
export type DeliveryMetrics = z.infer<typeof DeliveryMetrics>;
