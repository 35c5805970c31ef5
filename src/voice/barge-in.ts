/**
 * Barge-in (`--barge-in`): the person interrupts the interviewer by speaking.
 *
 * While the interviewer's turn is spoken the microphone keeps listening (EarlyListen). Speech
 * that lasts 300 ms (the endpointer's 'speech-confirmed', after minSpeechMs) once the turn is
 * audible (from its first sound to its last, pauses while the model writes on included) stops the playback and the model's reply; the same listen goes on, so the person's
 * speech, from its pre-roll on, becomes the start of their answer.
 *
 * There is no echo cancellation: through speakers the microphone hears the interviewer, whose
 * voice can trigger it. Headphones avoid that.
 */
import type { RecorderEvent } from './contracts.js';

/** One listen() of the recorder started early, while the interviewer speaks. */
export class EarlyListen {
  private readonly queue: RecorderEvent[] = [];
  private wake: (() => void) | null = null;
  private ended = false;
  private adopted = false;
  private readonly abortController = new AbortController();
  /** Speech stopped the interviewer. */
  triggered = false;

  constructor(
    listen: (signal: AbortSignal) => AsyncIterable<RecorderEvent>,
    private readonly hooks: {
      /**
       * True from the interviewer's first sound until its last (pauses between sentences
       * included): speech before the first sound, or after the last, is not an interruption.
       */
      speaking(): boolean;
      onBargeIn(): void;
    },
  ) {
    void this.pump(listen(this.abortController.signal));
  }

  private async pump(events: AsyncIterable<RecorderEvent>): Promise<void> {
    try {
      for await (const e of events) {
        if (e.type === 'speech-confirmed' && !this.triggered && this.hooks.speaking()) {
          this.triggered = true;
          this.hooks.onBargeIn();
        }
        // Levels from before anyone reads them are stale: the meter shows the present.
        if (e.type === 'level' && !this.adopted) continue;
        this.queue.push(e);
        this.notify();
      }
    } catch (err) {
      this.queue.push({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    } finally {
      this.ended = true;
      this.notify();
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Ends the listen: speech in progress is flushed as an utterance (the recorder's abort). */
  abort(): void {
    this.abortController.abort();
  }

  /** The listen's events, those heard so far first: the answer's source. Read once. */
  async *events(): AsyncGenerator<RecorderEvent> {
    this.adopted = true;
    for (;;) {
      const e = this.queue.shift();
      if (e) {
        yield e;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }
}

/** What was played of one spoken turn (speech-output's SpeechResult, in part). */
export interface PlayedSpeech {
  sentences: string[];
  clips: { durationMs: number }[];
  /** ms played of the last clip when it was cut short; null when it played to its end. */
  cutMs: number | null;
}

const WORD = /[\p{L}\p{N}]/u;

function wordCount(text: string): number {
  return (text.match(/\S+/g) ?? []).filter((t) => WORD.test(t)).length;
}

/**
 * The words of the stored text the person heard before they interrupted. The rule: every
 * sentence whose clip played to its end, and of the clip that was cut, a word counts once its
 * share of the clip has begun (words are taken as evenly spread over the clip: an estimate
 * from the playback position, since the engines give no word timings). A text cut inside ends
 * with "…". Words are counted the same way on both sides (tokens with a letter or digit), so
 * speech-output's cleanup of markdown does not shift the cut.
 */
export function heardText(stored: string, played: PlayedSpeech): string {
  let words = 0;
  played.sentences.forEach((sentence, i) => {
    const n = wordCount(sentence);
    const last = i === played.sentences.length - 1;
    const clipMs = played.clips[i]?.durationMs ?? 0;
    if (!last || played.cutMs === null) words += n;
    else if (clipMs > 0) words += Math.min(n, Math.ceil((n * played.cutMs) / clipMs));
  });
  return firstWords(stored, words);
}

/** The first `n` words of `text` as written (with "…" when something is left out). */
export function firstWords(text: string, n: number): string {
  if (n >= wordCount(text)) return text;
  if (n <= 0) return '';
  let seen = 0;
  for (const m of text.matchAll(/\S+/g)) {
    if (WORD.test(m[0]) && ++seen === n) {
      const kept = text.slice(0, m.index + m[0].length);
      return /[.!?…]["”')\]]*$/.test(kept) ? kept : `${kept.replace(/[,;:]+$/, '')}…`;
    }
  }
  return text;
}
