/** A player that plays nothing: it copies each file into a folder (tests, `--voice-output file:<dir>`). */
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { AudioPlayer } from '../contracts.js';
import { readWav } from '../audio/wav.js';

export interface FileSinkOptions {
  /**
   * Tests: each play() copies the file and then waits for release() or stop(), as if the audio
   * were still playing. Default false: play() resolves once the copy is written.
   */
  hold?: boolean;
  /**
   * Each play() takes the clip's own duration (or until stop()), like a speaker: what barge-in
   * needs to have something to interrupt. Default false: play() resolves once the copy is written.
   */
  realtime?: boolean;
}

/** Plays nothing: copies each file into a folder and remembers the order. */
export class FileSinkPlayer implements AudioPlayer {
  /** The files given to play(), in order (each added once its copy is written). */
  readonly played: string[] = [];
  /** Their copies in the folder, in order. */
  readonly files: string[] = [];
  private seq = 0;
  private readonly hold: boolean;
  private readonly realtime: boolean;
  private waiting: Array<() => void> = [];
  private timed = new Set<() => void>();

  constructor(
    readonly dir: string,
    opts: FileSinkOptions = {},
  ) {
    this.hold = opts.hold ?? false;
    this.realtime = opts.realtime ?? false;
  }

  /** What doctor shows. */
  get description(): string {
    return `writing audio to ${this.dir}${this.realtime ? ' in real time' : ''}`;
  }

  async play(path: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const dest = join(this.dir, `${String(++this.seq).padStart(4, '0')}-${basename(path)}`);
    await copyFile(path, dest);
    this.played.push(path);
    this.files.push(dest);
    if (this.hold) await new Promise<void>((r) => this.waiting.push(r));
    else if (this.realtime) await this.lasting(path);
  }

  /** Waits as long as the clip plays, or until stop(). */
  private lasting(path: string): Promise<void> {
    const wav = readWav(path);
    const ms = (wav.pcm.length / (wav.channels * (wav.bits / 8)) / wav.sampleRate) * 1000;
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.timed.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.timed.add(done);
    });
  }

  /** hold mode: the oldest held play() finishes. */
  release(): void {
    this.waiting.shift()?.();
  }

  /** True while a held play() waits. */
  get holding(): boolean {
    return this.waiting.length > 0;
  }

  stop(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const r of waiting) r();
    for (const done of [...this.timed]) done();
  }
}
