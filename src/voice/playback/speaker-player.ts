/**
 * Plays through the optional `speaker` npm package (native, ALSA/CoreAudio). Loading it opens
 * the default audio device, and where there is none ALSA *aborts the whole process* (an assert
 * in snd_pcm_hw_refine, not an exception a try/catch could see). So it is first loaded in a
 * throwaway child process, and only imported here when that child survives.
 */
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CoachError, errorMessage } from '../../shared/errors.js';
import { run } from '../../shared/exec.js';
import { approxDuration } from '../../shared/format.js';
import { lastLine } from '../../shared/text.js';
import { cleanLine } from '../../shared/sanitize.js';
import type { AudioPlayer } from '../contracts.js';
import { readWav } from '../audio/wav.js';

const PROBE_TIMEOUT_MS = 10_000;

type SpeakerCtor = new (opts: {
  channels: number;
  bitDepth: number;
  sampleRate: number;
  signed: boolean;
}) => SpeakerStream;
interface SpeakerStream {
  write(chunk: Buffer, cb: (err?: Error | null) => void): boolean;
  end(): void;
  close(flush: boolean): void;
  once(event: 'close', cb: () => void): void;
  once(event: 'error', cb: (err: Error) => void): void;
  on(event: 'error', cb: (err: Error) => void): void;
}

export type SpeakerProbe = { ok: true; Speaker: SpeakerCtor } | { ok: false; reason: string };

let speakerProbe: Promise<SpeakerProbe> | null = null;

/**
 * Loads the optional `speaker` package if it is installed and can open the audio device.
 * Checked once per process, in a child process first (see the top of this file).
 */
export function loadSpeaker(): Promise<SpeakerProbe> {
  speakerProbe ??= (async (): Promise<SpeakerProbe> => {
    let resolved: string;
    try {
      resolved = createRequire(import.meta.url).resolve('speaker');
    } catch {
      return { ok: false, reason: 'the speaker package is not installed' };
    }
    const probe = await run(process.execPath, ['-e', `require(${JSON.stringify(resolved)})`], {
      timeoutMs: PROBE_TIMEOUT_MS,
    });
    if (!probe.ok) {
      const why = probe.timedOut
        ? `loading it did not finish within ${approxDuration(PROBE_TIMEOUT_MS)}`
        : probe.signal
          ? `loading it crashed with ${probe.signal}`
          : cleanLine(lastLine(probe.stderr)) || probe.startError?.message || `exit code ${probe.code}`;
      return { ok: false, reason: `the speaker package cannot open the audio device (${why})` };
    }
    try {
      const mod = (await import(pathToFileURL(resolved).href)) as { default?: SpeakerCtor } & SpeakerCtor;
      return { ok: true, Speaker: mod.default ?? mod };
    } catch (err) {
      return { ok: false, reason: `the speaker package could not be loaded (${errorMessage(err)})` };
    }
  })();
  return speakerProbe;
}

const SPEAKER_CHUNK = 4096;

/** Plays 16-bit PCM WAV files through the `speaker` package (one Speaker per file). */
export class SpeakerPlayer implements AudioPlayer {
  /** What doctor shows. */
  readonly description = 'the speaker npm package';
  private current: { stopping: boolean; stop(): void } | null = null;

  private constructor(private readonly Speaker: SpeakerCtor) {}

  /** A SpeakerPlayer, or a CoachError saying why `speaker` cannot be used here. */
  static async create(): Promise<SpeakerPlayer> {
    const probe = await loadSpeaker();
    if (!probe.ok) {
      throw new CoachError(`The speaker package cannot be used: ${probe.reason}.`, {
        hint: 'It needs a working sound device (and libasound2-dev plus a C toolchain when it is installed). Or use aplay / play.',
      });
    }
    return new SpeakerPlayer(probe.Speaker);
  }

  async play(path: string): Promise<void> {
    const wav = readWav(path);
    if (wav.bits !== 16) throw new CoachError(`Cannot play ${basename(path)}: only 16-bit PCM WAV is supported.`);
    const pcm = wav.pcm;
    const speaker = new this.Speaker({
      channels: wav.channels,
      bitDepth: 16,
      sampleRate: wav.sampleRate,
      signed: true,
    });
    let failure: Error | null = null;
    speaker.on('error', (err) => (failure ??= err));
    let wakeStop: () => void = () => {};
    const stopped = new Promise<void>((r) => (wakeStop = r));
    const state = {
      stopping: false,
      stop: () => {
        state.stopping = true;
        wakeStop();
      },
    };
    this.current = state;
    try {
      for (let off = 0; off < pcm.length && !state.stopping && !failure; off += SPEAKER_CHUNK) {
        const chunk = pcm.subarray(off, off + SPEAKER_CHUNK);
        // One write in flight at a time: close() during a native write can crash (node-speaker #28, #92).
        const written = new Promise<void>((r) =>
          speaker.write(chunk, (err) => {
            if (err) failure ??= err;
            r();
          }),
        );
        await Promise.race([written, stopped]);
        if (state.stopping) await written; // let the in-flight write finish, then drop the rest
      }
      if (state.stopping || failure) {
        speaker.close(true); // drop what is buffered: silence now
      } else {
        const closed = new Promise<void>((r) => speaker.once('close', r));
        speaker.end(); // drains, then closes
        await Promise.race([closed, stopped]);
        if (state.stopping) speaker.close(true);
      }
    } finally {
      if (this.current === state) this.current = null;
    }
    if (failure && !state.stopping) {
      throw new CoachError(`The speaker package could not play audio: ${errorMessage(failure)}`, {
        hint: 'Try another player: aplay or play.',
      });
    }
  }

  stop(): void {
    this.current?.stop();
  }
}
