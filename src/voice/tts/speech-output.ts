/**
 * Speaks an interviewer reply while it streams: text deltas → sentences (SentenceChunker) →
 * one clip per sentence (TextToSpeech) → played one after another (AudioPlayer).
 *
 * It is a two-stage pipeline: sentence n+1 is synthesized while sentence n plays, so after the
 * first sentence the voice has no gaps as long as synthesis is faster than speech. Replies are
 * played in the order their streams were opened; stop() silences everything at once and drops
 * what was not played yet (its clips are deleted); end() then resolves with what was played.
 *
 * The audio kept for a reply is the audio that was heard: when stop() lands in the middle of a
 * clip, the combined WAV ends where playback was stopped (measured from when that clip's play()
 * began: a player's start-up delay, tens of ms, is counted as heard).
 */
import { mkdir, unlink } from 'node:fs/promises';
import type { AudioPlayer, SpeechClip, TextToSpeech } from '../contracts.js';
import { SentenceChunker, type SentenceChunkerOptions } from './sentences.js';
import { reserveClipPath } from '../audio/clips.js';
import { readWav, writeWav } from '../audio/wav.js';

export interface SpeechResult {
  /** The clips that were played (or started, when stopped), in order. */
  clips: SpeechClip[];
  /** The sentence of each clip: what the candidate actually heard (the last one partly, see cutMs). */
  sentences: string[];
  /**
   * When stop() cut the last clip short: how many ms of it were played (0 ≤ cutMs < its
   * duration). null when every clip in `clips` played to its end.
   */
  cutMs: number | null;
  /** Date.now() when the first complete sentence went to text-to-speech; null when there was none. */
  firstSentenceAt: number | null;
  /** Date.now() when the first clip started playing; null when nothing played. */
  firstAudioAt: number | null;
  /** The clips as played, joined into one WAV (reply-NNNN.wav in outDir) for the transcript; null when nothing played. */
  combinedPath: string | null;
}

export interface SpeechStream {
  /** The next piece of the reply's text. */
  push(delta: string): void;
  /** The reply is complete: resolves once it has been spoken (or stopped). Rejects when synthesis or playback failed. */
  end(): Promise<SpeechResult>;
}

export interface SpeechOutputOptions {
  /** Where clips and the combined WAV are written. */
  outDir: string;
  chunker?: SentenceChunkerOptions;
}

export class SpeechOutput {
  private readonly active = new Set<Utterance>();
  private lastPlayback: Promise<void> = Promise.resolve();

  constructor(
    private readonly tts: TextToSpeech,
    private readonly player: AudioPlayer,
    private readonly opts: SpeechOutputOptions,
  ) {}

  /** Starts speaking a reply; its audio follows any reply still playing. */
  speakStream(opts: { outDir?: string } = {}): SpeechStream {
    const u = new Utterance(
      this.tts,
      this.player,
      opts.outDir ?? this.opts.outDir,
      this.lastPlayback,
      this.opts.chunker,
    );
    this.lastPlayback = u.playbackDone;
    this.active.add(u);
    void u.playbackDone.then(() => this.active.delete(u));
    return { push: (delta) => u.push(delta), end: () => u.end() };
  }

  /** A whole text at once. */
  speak(text: string, opts: { outDir?: string } = {}): Promise<SpeechResult> {
    const stream = this.speakStream(opts);
    stream.push(text);
    return stream.end();
  }

  /**
   * True from the first sound of a reply until it has been played to its end, pauses while the
   * model writes its next sentence included: when speech is an interruption (barge-in).
   */
  get speaking(): boolean {
    for (const u of this.active) if (u.started) return true;
    return false;
  }

  /** Silence now: stops playback and drops every sentence not yet played. */
  stop(): void {
    for (const u of this.active) u.stop();
    this.player.stop();
  }
}

interface Item {
  sentence: string;
  clip: SpeechClip;
}

class Utterance {
  private readonly chunker: SentenceChunker;
  private readonly toSynth: string[] = [];
  private readonly ready: Item[] = [];
  private readonly played: Item[] = [];
  /** The clip in play() now, and Date.now() when its play() began. */
  private current: { item: Item; since: number } | null = null;
  private cutMs: number | null = null;
  private synthesizing: Promise<void> | null = null;
  private firstAudioAt: number | null = null;
  private firstSentenceAt: number | null = null;
  private ended = false;
  private stopped = false;
  private error: Error | null = null;
  private wake: (() => void) | null = null;
  private result: Promise<SpeechResult> | null = null;
  /** Resolves when this reply is done playing (never rejects): the next reply may start. */
  readonly playbackDone: Promise<void>;

  constructor(
    private readonly tts: TextToSpeech,
    private readonly player: AudioPlayer,
    private readonly outDir: string,
    previous: Promise<void>,
    chunkerOptions?: SentenceChunkerOptions,
  ) {
    this.chunker = new SentenceChunker(chunkerOptions);
    this.playbackDone = previous.then(() => this.playLoop());
  }

  push(delta: string): void {
    if (this.ended || this.stopped || this.error) return;
    for (const sentence of this.chunker.push(delta)) this.enqueue(sentence);
  }

  end(): Promise<SpeechResult> {
    if (!this.result) {
      if (!this.ended && !this.stopped && !this.error) {
        for (const sentence of this.chunker.flush()) this.enqueue(sentence);
      }
      this.ended = true;
      this.notify();
      this.result = this.finish();
    }
    return this.result;
  }

  get started(): boolean {
    return this.firstAudioAt !== null;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.current) {
      const heard = Date.now() - this.current.since;
      if (heard < this.current.item.clip.durationMs) this.cutMs = Math.max(0, heard);
    }
    this.toSynth.length = 0;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private enqueue(sentence: string): void {
    this.firstSentenceAt ??= Date.now();
    this.toSynth.push(sentence);
    this.synthesizing ??= this.synthLoop().finally(() => {
      this.synthesizing = null;
      this.notify();
    });
  }

  /** Stage 1: one sentence at a time through the TTS engine. */
  private async synthLoop(): Promise<void> {
    while (!this.stopped && !this.error) {
      const sentence = this.toSynth.shift();
      if (sentence === undefined) break;
      let clip: SpeechClip;
      try {
        await mkdir(this.outDir, { recursive: true });
        clip = await this.tts.synthesize(sentence, this.outDir);
      } catch (err) {
        this.error ??= err instanceof Error ? err : new Error(String(err));
        break;
      }
      if (this.stopped || this.error) {
        await unlink(clip.path).catch(() => {});
        break;
      }
      this.ready.push({ sentence, clip });
      this.notify();
    }
  }

  /** Stage 2: play clips as they become ready, until the reply has ended and all is played. */
  private async playLoop(): Promise<void> {
    for (;;) {
      if (this.stopped || this.error) return;
      const item = this.ready.shift();
      if (item) {
        this.firstAudioAt ??= Date.now();
        this.played.push(item);
        this.current = { item, since: Date.now() };
        try {
          await this.player.play(item.clip.path);
        } catch (err) {
          this.error ??= err instanceof Error ? err : new Error(String(err));
          return;
        } finally {
          this.current = null;
        }
        continue;
      }
      if (this.ended && !this.synthesizing && this.toSynth.length === 0) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  private async finish(): Promise<SpeechResult> {
    await this.playbackDone;
    while (this.synthesizing) await this.synthesizing;
    // Clips made but never played (stopped, or failed): nobody will hear them.
    for (const item of this.ready.splice(0)) await unlink(item.clip.path).catch(() => {});
    if (this.error && !this.stopped) throw this.error;

    const clips = this.played.map((p) => p.clip);
    let combinedPath: string | null = null;
    if (clips.length > 0) {
      const dest = await reserveClipPath(this.outDir, 'reply');
      if (
        concatClips(
          clips.map((c) => c.path),
          dest,
          this.cutMs,
        )
      )
        combinedPath = dest;
      else await unlink(dest).catch(() => {});
    }
    return {
      clips,
      sentences: this.played.map((p) => p.sentence),
      cutMs: this.cutMs,
      firstSentenceAt: this.firstSentenceAt,
      firstAudioAt: this.firstAudioAt,
      combinedPath,
    };
  }
}

/**
 * Joins mono 16-bit WAV clips into one file; `lastMs` keeps only that much of the last clip (it
 * was stopped there). False (nothing written) when their formats differ; clips of one engine
 * always share one.
 */
export function concatClips(paths: string[], dest: string, lastMs: number | null = null): boolean {
  const wavs = paths.map((p) => readWav(p));
  const first = wavs[0];
  if (!first) return false;
  if (!wavs.every((w) => w.channels === 1 && w.bits === 16 && w.sampleRate === first.sampleRate)) return false;
  const pcm = wavs.map((w) => w.pcm);
  const last = pcm.length - 1;
  if (lastMs !== null && pcm[last]) {
    const samples = Math.floor((lastMs * first.sampleRate) / 1000);
    pcm[last] = pcm[last].subarray(0, Math.min(pcm[last].length, samples * 2));
  }
  writeWav(dest, Buffer.concat(pcm), first.sampleRate);
  return true;
}
