import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './paths.js';

/** Where recorded audio lives: <data>/audio/. */
export function audioRoot(): string {
  return join(dataDir(), 'audio');
}

/** Where a session's recorded audio lives: <data>/audio/<session-id>/. */
export function sessionAudioDir(sessionId: string): string {
  return join(audioRoot(), sessionId);
}

/** Removes a session's audio folder; a missing folder is fine. */
export function removeSessionAudio(sessionId: string): void {
  rmSync(sessionAudioDir(sessionId), { recursive: true, force: true });
}
