import { accessSync, chmodSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CoachError, errorMessage } from './errors.js';

/** `INTERVIEW_COACH_HOME` moves everything (database, config, audio): tests rely on it. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.INTERVIEW_COACH_HOME) return env.INTERVIEW_COACH_HOME;
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'interview-coach');
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'interview-coach');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'interview-coach');
}

export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'interview-coach.db');
}

/** Creates the data dir private to the user (0700) and checks that we can write to it. */
export function ensurePrivateDir(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') chmodSync(dir, 0o700);
    accessSync(dir, constants.W_OK);
    return dir;
  } catch (err) {
    throw new CoachError(`Cannot write to the data directory ${dir} (${errorMessage(err)}).`, {
      hint: 'Fix its permissions or set INTERVIEW_COACH_HOME to a writable directory.',
      cause: err,
    });
  }
}
