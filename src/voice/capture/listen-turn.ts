import { SAMPLE_RATE, type RecorderEvent, type Utterance } from '../contracts.js';
import { LevelMeter } from './level.js';

/**
 * One listen(): a queue of events read with for-await. Ends after its last event; a
 * consumer that stops early (break) ends the turn without a result.
 */
export class ListenTurn implements AsyncIterableIterator<RecorderEvent> {
  private queue: RecorderEvent[] = [];
  private wake: ((result: IteratorResult<RecorderEvent>) => void) | undefined;
  private done = false;
  private endHooks: (() => void)[] = [];
  private readonly recording: Buffer[] = [];
  private readonly meter = new LevelMeter();

  constructor(
    readonly pushToTalk: boolean,
    private readonly onCancel: () => void,
  ) {}

  emit(event: RecorderEvent): void {
    if (this.done) return;
    if (this.wake) {
      const wake = this.wake;
      this.wake = undefined;
      wake({ value: event, done: false });
    } else {
      this.queue.push(event);
    }
  }

  /** Push-to-talk: keeps the frame and reports the level. */
  record(frame: Buffer): void {
    this.recording.push(frame);
    for (const rms of this.meter.push(frame)) this.emit({ type: 'level', rms });
  }

  /** Push-to-talk: everything recorded, as one utterance (undefined when nothing was). */
  takeRecording(): Utterance | undefined {
    const pcm = Buffer.concat(this.recording);
    if (pcm.length === 0) return undefined;
    const durationMs = (pcm.length / 2 / SAMPLE_RATE) * 1000;
    // The key press ends it: the person may have stopped speaking before, but nothing here knows when.
    const endedAt = Date.now();
    return {
      pcm,
      pcmStartMs: 0,
      speechStartMs: 0,
      speechEndMs: durationMs,
      endedAt,
      lastVoicedAt: endedAt,
      reason: 'push-to-talk',
    };
  }

  onEnd(hook: () => void): void {
    this.endHooks.push(hook);
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    for (const hook of this.endHooks) hook();
    if (this.wake && this.queue.length === 0) {
      const wake = this.wake;
      this.wake = undefined;
      wake({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<RecorderEvent>> {
    const event = this.queue.shift();
    if (event) return Promise.resolve({ value: event, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  return(): Promise<IteratorResult<RecorderEvent>> {
    this.queue = [];
    if (!this.done) this.onCancel();
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<RecorderEvent> {
    return this;
  }
}
