/**
 * The player for a `player` setting: what voice mode plays through, what replay's audio key
 * uses and what doctor reports, so the three always agree.
 */
import { resolve } from 'node:path';
import { CoachError } from '../../shared/errors.js';
import type { AudioPlayer } from '../contracts.js';
import { FileSinkPlayer } from './file-sink.js';
import { findAutoPlayer, isPlayerCommand, PLAYER_COMMANDS } from './players.js';
import { noPlayerError, ProcessPlayer } from './process-player.js';
import { SpeakerPlayer } from './speaker-player.js';

/** A player and a few words on which one it is (doctor shows them). */
export interface PickedPlayer extends AudioPlayer {
  readonly description: string;
}

export interface PickPlayerOptions {
  /**
   * 'auto' (default): the first player of the platform's table (players.ts) found on PATH, then
   * the speaker package; a player name ('aplay' | 'play' | 'afplay' | 'ffplay' | 'speaker');
   * or 'file:<dir>'. Anything else is refused with the list.
   */
  command?: string;
  /** aplay -D / AUDIODEV for play. */
  device?: string;
  env?: NodeJS.ProcessEnv;
  /** Whose table `auto` follows (default: this platform). */
  platform?: NodeJS.Platform;
  /** file:<dir> takes each clip's playing time, like a speaker (barge-in needs something to cut). */
  fileRealtime?: boolean;
}

export async function pickPlayer(opts: PickPlayerOptions = {}): Promise<PickedPlayer> {
  const choice = opts.command ?? 'auto';
  const env = opts.env ?? process.env;
  if (choice.startsWith('file:')) {
    const dir = choice.slice('file:'.length);
    if (!dir)
      throw new CoachError('The file player needs a folder: file:<dir>.', {
        hint: 'For example --voice-output file:./spoken',
      });
    return new FileSinkPlayer(resolve(dir), { realtime: opts.fileRealtime });
  }
  if (choice === 'speaker') return SpeakerPlayer.create();
  if (isPlayerCommand(choice)) return new ProcessPlayer({ command: choice, device: opts.device, env });
  if (choice !== 'auto') {
    throw new CoachError(`Unknown audio player: ${choice}`, {
      hint: `Use auto, ${PLAYER_COMMANDS.join(', ')}, speaker or file:<dir>.`,
    });
  }
  const found = findAutoPlayer(env, opts.platform);
  if (found) return new ProcessPlayer({ command: found.command, device: opts.device, env });
  // No player program here: the speaker package is the last resort.
  try {
    return await SpeakerPlayer.create();
  } catch {
    throw noPlayerError();
  }
}
