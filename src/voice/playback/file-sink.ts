/** A player that plays nothing: it copies each file into a folder (tests, `--voice-output file:<dir>`). */
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { AudioPlayer } from '../contracts.js';

export interface FileSinkOptions {
  /**
   * Tests: each play() copies the file and then waits for release() or stop(), as if the audio
   * were still playing. Default false: play() resolves once the copy is written.
   */
  hold?: boolean;
}

/** Plays nothing: copies each file into a folder and remembers the order. */
export class FileSinkPlayer implements AudioPlayer {
  /** The files given to play(), in order (each added once its copy is written). */
  readonly played: string[] = [];
  /** Their copies in the folder, in order. */
  readonly files: string[] = [];
  private seq = 0;
  private readonly hold: boolean;
  private waiting: Array<() => void> = [];

  constructor(
    readonly dir: string,
    opts: FileSinkOptions = {},
  ) {
    this.hold = opts.hold ?? false;
  }

  /** What doctor shows. */
  get description(): string {
    return `writing audio to ${this.dir}`;
  }

  async play(path: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const dest = join(this.dir, `${String(++this.seq).padStart(4, '0')}-${basename(path)}`);
    await copyFile(path, dest);
    this.played.push(path);
    this.files.push(dest);
    if (this.hold) await new Promise<void>((r) => this.waiting.push(r));
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
  }
}
