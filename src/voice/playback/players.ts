/**
 * The one table of audio players: the programs that play a WAV file, the order in which voice
 * mode, replay and doctor try them on each platform, and how each one is called.
 *
 * - aplay -q [-D device] f.wav (ALSA, Linux); play -q f.wav (SoX, device via AUDIODEV);
 *   afplay f.wav (macOS); ffplay -nodisp -autoexit -loglevel quiet f.wav (FFmpeg).
 * - The platform's own player comes first (it needs nothing installed), then SoX, then FFmpeg.
 *   aplay does not exist on macOS, nor afplay elsewhere; a person can still name either.
 */
import { resolve as resolvePath } from 'node:path';
import { findExecutable } from '../../shared/exec.js';

export type PlayerCommand = 'aplay' | 'play' | 'afplay' | 'ffplay';

/** Every player a person can name (`config set player …`, `--voice-output …`). */
export const PLAYER_COMMANDS: readonly PlayerCommand[] = ['aplay', 'play', 'afplay', 'ffplay'];

/** The order `auto` tries them in, per platform. */
const AUTO_ORDER: { readonly darwin: readonly PlayerCommand[]; readonly other: readonly PlayerCommand[] } = {
  darwin: ['afplay', 'play', 'ffplay'],
  other: ['aplay', 'play', 'ffplay'],
};

export function isPlayerCommand(name: string): name is PlayerCommand {
  return PLAYER_COMMANDS.some((command) => command === name);
}

/** The players `auto` tries on this platform, best first. */
export function autoPlayerOrder(platform: NodeJS.Platform = process.platform): readonly PlayerCommand[] {
  return platform === 'darwin' ? AUTO_ORDER.darwin : AUTO_ORDER.other;
}

/** The first player of the platform's order that is installed, with its path; null when none is. */
export function findAutoPlayer(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): { command: PlayerCommand; path: string } | null {
  for (const command of autoPlayerOrder(platform)) {
    const path = findExecutable(command, env);
    if (path) return { command, path };
  }
  return null;
}

/** The argv and environment that play one file with a given player. */
export function playerCommandLine(
  command: PlayerCommand,
  file: string,
  device?: string,
  env: NodeJS.ProcessEnv = process.env,
): { args: string[]; env: NodeJS.ProcessEnv } {
  const path = resolvePath(file); // absolute: never starts with '-'
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

export function playerInstallHint(command: PlayerCommand): string {
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
