/**
 * Audio players: play one WAV file at a time, stop at once (barge-in, Esc).
 *
 * - ProcessPlayer: a child process per file — `aplay -q [-D device] f.wav` (ALSA), `play -q f.wav`
 *   (SoX; device via AUDIODEV), `afplay f.wav` (macOS), `ffplay -nodisp -autoexit -loglevel quiet f.wav`.
 *   stop() sends SIGTERM and SIGKILL 200 ms later if the player is still alive: aplay ignores
 *   SIGTERM while it is blocked reading its input (its handler is installed with SA_RESTART).
 * - SpeakerPlayer: the optional `speaker` npm package (native, ALSA/CoreAudio). Loading it opens
 *   the default audio device, and where there is none ALSA *aborts the whole process* (an assert
 *   in snd_pcm_hw_refine, not an exception a try/catch could see). So it is first loaded in a
 *   throwaway child process, and only imported here when that child survives.
 * - FileSinkPlayer: copies each file into a folder (tests, `--voice-output file:<dir>`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CoachError, errorMessage } from '../../shared/errors.js';
import type { AudioPlayer } from '../contracts.js';
import { findExecutable } from '../../shared/exec.js';
import { readWav } from '../audio/wav.js';

export type PlayerCommand = 'aplay' | 'play' | 'afplay' | 'ffplay';
/** In order of preference. */
export const PLAYER_COMMANDS: readonly PlayerCommand[] = ['aplay', 'play', 'afplay', 'ffplay'];

const KILL_GRACE_MS = 200;

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? ''
  );
}

/** The argv and environment that play one file with a given player. */
export function playerCommandLine(
  command: PlayerCommand,
  file: string,
  device?: string,
  env: NodeJS.ProcessEnv = process.env,
): { args: string[]; env: NodeJS.ProcessEnv } {
  const path = resolve(file); // absolute: never starts with '-'
  switch (command) {
    case 'aplay':
      return { args: ['-q', ...(device ? ['-D', device] : []), path], env };
    case 'play':
      return { args: ['-q', path], env: device ? { ...env, AUDIODEV: device } : env };
    case 'afplay':
      return { args: [path], env };
    case 'ffplay':
      return { args: ['-nodisp', '-autoexit', '-loglevel', 'quiet', path], env };
  }
}

export interface ProcessPlayerOptions {
  /** Which player (default: the first of aplay, play, afplay, ffplay found on PATH). */
  command?: PlayerCommand;
  /** aplay: the ALSA device (-D, e.g. 'null'); play: AUDIODEV. Others ignore it. */
  device?: string;
  env?: NodeJS.ProcessEnv;
}

interface Playing {
  child: ChildProcess;
  stopped: boolean;
  settle(): void;
}

export class ProcessPlayer implements AudioPlayer {
  readonly command: PlayerCommand;
  private readonly exe: string;
  private readonly device?: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly playing = new Set<Playing>();

  constructor(opts: ProcessPlayerOptions = {}) {
    this.env = opts.env ?? process.env;
    this.device = opts.device;
    const command = opts.command ?? PLAYER_COMMANDS.find((c) => findExecutable(c, this.env));
    if (!command) throw noPlayerError();
    const exe = findExecutable(command, this.env);
    if (!exe) throw new CoachError(`${command} is not installed.`, { hint: playerInstallHint(command) });
    this.command = command;
    this.exe = exe;
  }

  /** Process ids of players that have not exited yet (a stopped one stays here until it is gone). */
  get activePids(): number[] {
    return [...this.playing].map((p) => p.child.pid).filter((pid): pid is number => pid !== undefined);
  }

  play(path: string): Promise<void> {
    return new Promise<void>((resolvePlay, reject) => {
      const { args, env } = playerCommandLine(this.command, path, this.device, this.env);
      const child = spawn(this.exe, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      let done = false;
      const entry: Playing = {
        child,
        stopped: false,
        settle: () => {
          if (!done) {
            done = true;
            resolvePlay();
          }
        },
      };
      this.playing.add(entry);
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', (err) => {
        this.playing.delete(entry);
        if (done) return;
        done = true;
        reject(
          new CoachError(`${this.command} could not be run: ${errorMessage(err)}`, {
            hint: playerInstallHint(this.command),
          }),
        );
      });
      child.on('exit', (code) => {
        this.playing.delete(entry);
        if (done) return;
        done = true;
        if (code === 0 || entry.stopped) {
          resolvePlay();
        } else {
          const why = lastLine(stderr) || `exit code ${code}`;
          reject(
            new CoachError(`${this.command} could not play audio: ${why}`, {
              hint:
                this.command === 'aplay'
                  ? 'Check the sound device (aplay -l; a device is chosen with -D), or write the audio to a folder: --voice-output file:<dir>.'
                  : 'Check the sound output, or write the audio to a folder: --voice-output file:<dir>.',
            }),
          );
        }
      });
    });
  }

  /** Stops what is playing now: the pending play() resolves at once; the process is killed. */
  stop(): void {
    for (const entry of this.playing) {
      if (entry.stopped) continue;
      entry.stopped = true;
      entry.settle();
      const child = entry.child;
      child.kill('SIGTERM');
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }, KILL_GRACE_MS);
    }
  }
}

function playerInstallHint(command: PlayerCommand): string {
  switch (command) {
    case 'aplay':
      return 'Install alsa-utils (sudo apt-get install alsa-utils), or choose another player.';
    case 'play':
      return 'Install SoX (sudo apt-get install sox, or brew install sox), or choose another player.';
    case 'afplay':
      return 'afplay is part of macOS; elsewhere choose aplay or play.';
    case 'ffplay':
      return 'Install FFmpeg (sudo apt-get install ffmpeg, or brew install ffmpeg), or choose another player.';
  }
}

function noPlayerError(): CoachError {
  return new CoachError('No audio player is available.', {
    hint: 'Install alsa-utils (aplay) or SoX (play); macOS has afplay. Or write the audio to a folder: --voice-output file:<dir>.',
  });
}

// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------

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
    const probe = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((done) => {
      const child = spawn(process.execPath, ['-e', `require(${JSON.stringify(resolved)})`], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', (err) => done({ code: 1, signal: null, stderr: err.message }));
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        done({ code, signal, stderr });
      });
    });
    if (probe.code !== 0) {
      const why = probe.signal
        ? `loading it crashed with ${probe.signal}`
        : lastLine(probe.stderr) || `exit code ${probe.code}`;
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

// ---------------------------------------------------------------------------------------------

export interface PickPlayerOptions {
  /**
   * 'auto' (default): the first of aplay, play, afplay, ffplay, then the speaker package;
   * a player name ('aplay' | 'play' | 'afplay' | 'ffplay' | 'speaker'); or 'file:<dir>'.
   */
  command?: PlayerCommand | 'speaker' | 'auto' | `file:${string}`;
  /** aplay -D / AUDIODEV for play. */
  device?: string;
  env?: NodeJS.ProcessEnv;
}

export async function pickPlayer(opts: PickPlayerOptions = {}): Promise<AudioPlayer> {
  const choice: string = opts.command ?? 'auto';
  const env = opts.env ?? process.env;
  if (choice.startsWith('file:')) {
    const dir = choice.slice('file:'.length);
    if (!dir)
      throw new CoachError('The file player needs a folder: file:<dir>.', {
        hint: 'For example --voice-output file:./spoken',
      });
    return new FileSinkPlayer(resolve(dir));
  }
  if (choice === 'speaker') return SpeakerPlayer.create();
  if ((PLAYER_COMMANDS as readonly string[]).includes(choice)) {
    return new ProcessPlayer({ command: choice as PlayerCommand, device: opts.device, env });
  }
  if (choice !== 'auto') {
    throw new CoachError(`Unknown audio player: ${choice}`, {
      hint: 'Use auto, aplay, play, afplay, ffplay, speaker or file:<dir>.',
    });
  }
  const command = PLAYER_COMMANDS.find((c) => findExecutable(c, env));
  if (command) return new ProcessPlayer({ command, device: opts.device, env });
  try {
    return await SpeakerPlayer.create();
  } catch {
    throw noPlayerError();
  }
}
