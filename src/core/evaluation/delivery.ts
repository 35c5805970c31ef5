import { countFillers } from './heuristics.js';
import type { DeliveryMetrics, TimedWord } from '../../model/delivery.js';
import { duration, plural, round1 } from '../../shared/format.js';

export const DELIVERY_BANDS = { wpm: [130, 160], fillersPer100Words: 5, lengthSec: [60, 120] } as const;
const PAUSE_SEC = 0.5;
const LONG_PAUSE_SEC = 2.5;

/**
 * Delivery of one spoken answer, computed locally from word timestamps (no LLM):
 * speaking rate with and without pauses, fillers (whole phrases), long pauses, length.
 *
 * The answer lasts from the first word's start to the last word's end: the recording around it
 * (pre-roll before the first sound, the silence that ended the answer) is not speaking, and
 * counting it read the pace about 4% low on a 12 s answer. `utteranceSec` (the recording's
 * length) is used only when the engine gave no word timings.
 */
export function deliveryMetrics(words: TimedWord[], text: string, utteranceSec?: number): DeliveryMetrics {
  const spoken = words.filter((w) => w.word.trim() !== '');
  const first = spoken[0]?.start ?? 0;
  const last = spoken.at(-1)?.end ?? 0;
  const durationSec = Math.max(spoken.length > 0 ? last - first : (utteranceSec ?? 0), 0);
  let pauses = 0;
  const longPauses: [number, number][] = [];
  spoken.forEach((word, i) => {
    const before = spoken[i - 1];
    if (!before) return;
    const gap = word.start - before.end;
    if (gap >= PAUSE_SEC) pauses += gap;
    if (gap > LONG_PAUSE_SEC) longPauses.push([round1(before.end), round1(gap)]);
  });
  const minutes = durationSec / 60;
  const speakingMinutes = Math.max(durationSec - pauses, 0) / 60;
  const fillers = countFillers(text).total;
  const count = spoken.length;
  const wpm = minutes > 0 ? Math.round(count / minutes) : 0;
  return {
    words: count,
    durationSec: round1(durationSec),
    wpm,
    speakingWpm: speakingMinutes > 0 ? Math.round(count / speakingMinutes) : 0,
    fillers,
    fillersPerMinute: minutes > 0 ? round1(fillers / minutes) : 0,
    fillersPer100Words: count > 0 ? round1((fillers / count) * 100) : 0,
    longPauses,
    bands: {
      pace: wpm < DELIVERY_BANDS.wpm[0] ? 'slow' : wpm > DELIVERY_BANDS.wpm[1] ? 'fast' : 'ok',
      fillers: count > 0 && (fillers / count) * 100 > DELIVERY_BANDS.fillersPer100Words ? 'high' : 'ok',
      length:
        durationSec < DELIVERY_BANDS.lengthSec[0] ? 'short' : durationSec > DELIVERY_BANDS.lengthSec[1] ? 'long' : 'ok',
    },
  };
}

/** The compact line shown after each spoken answer. */
export function deliveryLine(m: DeliveryMetrics): string {
  const flag = (band: string, good: string) => (band === good ? '' : ` (${band})`);
  return [
    `${m.wpm} wpm${flag(m.bands.pace, 'ok')}, ${m.speakingWpm} while speaking`,
    `${plural(m.fillers, 'filler')} (${m.fillersPer100Words}/100 words, ${m.fillersPerMinute}/min)${m.bands.fillers === 'high' ? ' (high)' : ''}`,
    plural(m.longPauses.length, 'long pause'),
    `${duration(m.durationSec * 1000)}${flag(m.bands.length, 'ok')}`,
  ].join(' · ');
}
