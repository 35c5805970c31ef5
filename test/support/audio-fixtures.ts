/**
 * Sound files for the voice tests, made on the spot with espeak-ng and sox (both required
 * on the developers' machines): 16 kHz, mono, 16-bit WAVs in a temp dir per test file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FORMAT = ['-r', '16000', '-c', '1', '-b', '16'];

export class AudioFixtures {
  readonly dir = mkdtempSync(join(tmpdir(), 'ic-audio-'));
  private count = 0;

  path(name: string): string {
    return join(this.dir, `${++this.count}-${name}`);
  }

  /** `text` spoken by espeak-ng (en-us, 150 wpm), converted to 16 kHz mono. */
  speechWav(text: string): string {
    const raw = this.path('espeak.wav');
    execFileSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-w', raw, text]);
    const out = this.path('speech.wav');
    execFileSync('sox', [raw, ...FORMAT, out]);
    return out;
  }

  /** The file without the silence espeak-ng puts before and after the words. */
  trimmedWav(path: string): string {
    const out = this.path('trimmed.wav');
    const strip = ['silence', '1', '0.01', '0.1%'];
    execFileSync('sox', [path, out, ...strip, 'reverse', ...strip, 'reverse']);
    return out;
  }

  /** Digital silence, or a faint white noise at `noise` (0..1 of full scale) like a real room. */
  silenceWav(seconds: number, noise = 0): string {
    const out = this.path('silence.wav');
    const synth =
      noise > 0 ? ['synth', String(seconds), 'whitenoise', 'vol', String(noise)] : ['trim', '0', String(seconds)];
    execFileSync('sox', ['-n', ...FORMAT, out, ...synth]);
    return out;
  }

  /** A steady 440 Hz tone at half scale. */
  toneWav(seconds: number): string {
    const out = this.path('tone.wav');
    execFileSync('sox', ['-n', ...FORMAT, out, 'synth', String(seconds), 'sine', '440', 'vol', '0.5']);
    return out;
  }

  /** The files one after the other (sox concatenation). */
  concatWav(paths: string[]): string {
    const out = this.path('concat.wav');
    execFileSync('sox', [...paths, out]);
    return out;
  }

  /**
   * Room noise at an RMS level in dBFS: sox's pink or brown noise (-R: the same samples on
   * every run), scaled to the level measured on the file itself.
   */
  noiseWav(kind: 'pinknoise' | 'brownnoise' | 'whitenoise', seconds: number, dbfs: number): string {
    const raw = this.path(`${kind}-raw.wav`);
    execFileSync('sox', ['-R', '-n', ...FORMAT, raw, 'synth', String(seconds), kind]);
    return this.atLevel(raw, dbfs);
  }

  /** The file scaled so that its RMS level is `dbfs` (over the whole file, pauses included). */
  atLevel(path: string, dbfs: number): string {
    const out = this.path('level.wav');
    const gain = dbfs - rmsDbOf(path);
    // -D: no dither, whose random noise would differ on every run.
    execFileSync('sox', ['-D', path, out, 'gain', gain.toFixed(3)]);
    return out;
  }

  /** The files played together, each at its own level (sox -m alone would halve them). */
  mixWav(paths: string[]): string {
    const out = this.path('mix.wav');
    execFileSync('sox', ['-D', '-m', ...paths.flatMap((p) => ['-v', '1', p]), out]);
    return out;
  }

  /** A file that is not audio at all. */
  notAudio(): string {
    const out = this.path('not-audio.wav');
    execFileSync('sh', ['-c', 'printf "this is not a sound file" > "$1"', 'sh', out]);
    return out;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** RMS level in dBFS as sox measures it (`sox FILE -n stats`, "RMS lev dB"). */
export function rmsDbOf(path: string): number {
  const report = spawnSync('sox', [path, '-n', 'stats'], { encoding: 'utf8' }).stderr;
  return Number(/RMS lev dB\s+(-?[\d.]+|-inf)/.exec(report)?.[1]);
}

/** Duration in seconds as sox sees it (`soxi -D`). */
export function durationOf(path: string): number {
  return Number(execFileSync('soxi', ['-D', path], { encoding: 'utf8' }).trim());
}
