/**
 * Plays each file with a player program from the table in players.ts, one process per file.
 * stop() sends SIGTERM and SIGKILL 200 ms later if the player is still alive: aplay ignores
 * SIGTERM while it is blocked reading its input (its handler is installed with SA_RESTART).
 */
import { CoachError } from '../../shared/errors.js';
import { findExecutable, startProcess, type LiveProcess } from '../../shared/exec.js';
import { lastLine } from '../../shared/text.js';
import { cleanLine } from '../../shared/sanitize.js';
import type { AudioPlayer } from '../contracts.js';
import { findAutoPlayer, playerCommandLine, playerInstallHint, type PlayerCommand } from './players.js';

const KILL_GRACE_MS = 200;

export interface ProcessPlayerOptions {
  /** Which player (default: the first of the platform's table found on PATH). */
  command?: PlayerCommand;
  /** aplay: the ALSA device (-D, e.g. 'null'); play: AUDIODEV. Others ignore it. */
  device?: string;
  env?: NodeJS.ProcessEnv;
  /** Which platform's table `command`'s default comes from (default: this one). */
  platform?: NodeJS.Platform;
}

interface Playing {
  proc: LiveProcess;
  stopped: boolean;
  settle(): void;
}

export class ProcessPlayer implements AudioPlayer {
  readonly command: PlayerCommand;
  /** What doctor shows: the player and where it is. */
  readonly description: string;
  private readonly exe: string;
  private readonly device?: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly playing = new Set<Playing>();

  constructor(opts: ProcessPlayerOptions = {}) {
    this.env = opts.env ?? process.env;
    this.device = opts.device;
    const found = opts.command
      ? { command: opts.command, path: findExecutable(opts.command, this.env) }
      : findAutoPlayer(this.env, opts.platform);
    if (!found) throw noPlayerError();
    if (!found.path)
      throw new CoachError(`${found.command} is not installed.`, { hint: playerInstallHint(found.command) });
    this.command = found.command;
    this.exe = found.path;
    this.description = `${this.command} (${this.exe})`;
  }

  /** Process ids of players that have not exited yet (a stopped one stays here until it is gone). */
  get activePids(): number[] {
    return [...this.playing].map((p) => p.proc.pid).filter((pid): pid is number => pid !== undefined);
  }

  play(path: string): Promise<void> {
    return new Promise<void>((resolvePlay, reject) => {
      const { args, env } = playerCommandLine(this.command, path, this.device, this.env);
      const proc = startProcess(this.exe, args, { env, stdin: 'ignore', stdout: 'ignore', killGraceMs: KILL_GRACE_MS });
      let stderr = '';
      let done = false;
      const entry: Playing = {
        proc,
        stopped: false,
        settle: () => {
          if (!done) {
            done = true;
            resolvePlay();
          }
        },
      };
      this.playing.add(entry);
      proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      void proc.exited.then(({ code, signal, startError }) => {
        this.playing.delete(entry);
        if (done) return;
        done = true;
        if (startError) {
          reject(
            new CoachError(`${this.command} could not be run: ${startError.message}`, {
              hint: playerInstallHint(this.command),
            }),
          );
        } else if (code === 0 || entry.stopped) {
          resolvePlay();
        } else {
          const why = cleanLine(lastLine(stderr)) || (code !== null ? `exit code ${code}` : `killed by ${signal}`);
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
      void entry.proc.terminate();
    }
  }
}

export function noPlayerError(): CoachError {
  return new CoachError('No audio player is available.', {
    hint: 'Install alsa-utils (aplay) or SoX (play); macOS has afplay. Or write the audio to a folder: --voice-output file:<dir>.',
  });
}
