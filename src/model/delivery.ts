/** A word with its timing in seconds (from the speech-to-text engine). */
export interface TimedWord {
  word: string;
  start: number;
  end: number;
}

/** How a spoken answer was delivered, measured locally from word timestamps (no LLM). */
export interface DeliveryMetrics {
  words: number;
  durationSec: number;
  /** Words per minute over the whole answer, pauses included. */
  wpm: number;
  /** Words per minute while actually speaking (pauses of 0.5 s or more left out). */
  speakingWpm: number;
  fillers: number;
  fillersPerMinute: number;
  fillersPer100Words: number;
  /** Silences longer than 2.5 s between words: [start second, length in seconds]. */
  longPauses: [number, number][];
  /** Where each figure sits against the default bands. */
  bands: { pace: 'slow' | 'ok' | 'fast'; fillers: 'ok' | 'high'; length: 'short' | 'ok' | 'long' };
}
