/**
 * Replay's audio key: plays an answer's recording with the player voice mode would use (the
 * `player` setting through the same pickPlayer).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sessionAudioDir } from '../../shared/audio-files.js';
import { CoachError } from '../../shared/errors.js';
import { dataDir } from '../../shared/paths.js';
import { pickPlayer, type PickedPlayer } from '../../voice/playback/pick-player.js';

/** Where a turn's recording is: a file: URL, an absolute path, or a path relative to the session's audio folder (or the data dir). */
export function audioFile(sessionId: string, audioUrl: string): string {
  if (audioUrl.startsWith('file:')) return fileURLToPath(audioUrl);
  if (isAbsolute(audioUrl)) return audioUrl;
  const inSession = join(sessionAudioDir(sessionId), audioUrl);
  return existsSync(inSession) ? inSession : join(dataDir(), audioUrl);
}

export interface ReplayAudioOptions {
  /** The `player` setting; asked for at the first play, so a replay without audio never reads it. */
  player: () => string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

export class ReplayAudio {
  private picking: Promise<PickedPlayer> | null = null;
  private picked: PickedPlayer | null = null;

  constructor(private readonly opts: ReplayAudioOptions) {}

  /** Plays one recording; resolves when it ends (or is stopped). */
  async play(sessionId: string, audioUrl: string | null): Promise<void> {
    if (!audioUrl) throw new Error('no audio for this answer');
    const file = audioFile(sessionId, audioUrl);
    if (!existsSync(file)) throw new Error(`The recording ${file} is missing.`);
    const player = await this.player();
    await player.play(file);
  }

  /** Silences what is playing (when the viewer closes). */
  stop(): void {
    this.picked?.stop();
  }

  private player(): Promise<PickedPlayer> {
    // A failed pick is not kept: a player installed meanwhile is found on the next key press.
    this.picking ??= pickPlayer({
      command: this.opts.player(),
      env: this.opts.env,
      platform: this.opts.platform,
    }).then(
      (player) => (this.picked = player),
      (err: unknown) => {
        this.picking = null;
        // The viewer shows one line: what is wrong and what to do.
        throw err instanceof CoachError && err.hint ? new Error(`${err.message} ${err.hint}`) : err;
      },
    );
    return this.picking;
  }
}
