import { accessSync, constants, existsSync, mkdirSync, statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { CoachError, errorMessage } from './errors.js';
import { shellArg } from './shell.js';

/**
 * `INTERVIEW_COACH_HOME` moves everything (database, config, audio): tests rely on it. A
 * relative value is taken from the current folder and shown as the full path it stands for.
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.INTERVIEW_COACH_HOME) return resolve(env.INTERVIEW_COACH_HOME);
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'interview-coach');
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'interview-coach');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'interview-coach');
}

export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'interview-coach.db');
}

/**
 * Whether a database has been saved yet, for commands that only read and so create nothing.
 * A data folder that is a file is said at once, not read as "no sessions yet".
 */
export function savedDatabaseExists(env: NodeJS.ProcessEnv = process.env): boolean {
  refuseFileAsFolder(dataDir(env));
  return existsSync(databasePath(env));
}

function refuseFileAsFolder(full: string, stats = statOrNull(full)): void {
  if (stats && !stats.isDirectory()) {
    throw new CoachError(`The data folder ${full} is not a folder (a file is in the way).`, {
      hint: `Move that file aside, or set INTERVIEW_COACH_HOME to a folder (e.g. INTERVIEW_COACH_HOME=${shellArg(`${full}.d`)}).`,
    });
  }
}

/** Folders already warned about in this process: the warning is said once, not per open. */
const warnedOpen = new Set<string>();

/**
 * Makes sure the data folder exists and can be written. A missing folder is created private to
 * the user (0700). An existing folder is the person's: its mode is never changed (it may be a
 * shared 1777 folder, or one they made read-only on purpose); a folder others can write to gets
 * one warning on stderr, and one whose owner took away their own write permission is refused
 * (root's writes are not stopped by the mode bits, so the bits are read, not just tried).
 */
export function ensurePrivateDir(dir: string): string {
  const full = resolve(dir);
  const existing = statOrNull(full);
  refuseFileAsFolder(full, existing);
  try {
    if (existing) {
      if (process.platform !== 'win32') checkExistingMode(full, existing);
    } else {
      const created = mkdirSync(full, { recursive: true, mode: 0o700 });
      if (created === undefined) return ensurePrivateDir(full); // made by someone else meanwhile
    }
    accessSync(full, constants.W_OK);
    return full;
  } catch (err) {
    if (err instanceof CoachError) throw err;
    throw new CoachError(`Cannot write to the data folder ${full} (${errorMessage(err)}).`, {
      hint: 'Fix its permissions or set INTERVIEW_COACH_HOME to a writable folder.',
      cause: err,
    });
  }
}

function checkExistingMode(dir: string, stats: Stats): void {
  const mine = typeof process.getuid === 'function' && stats.uid === process.getuid();
  if (mine && (stats.mode & 0o200) === 0) {
    throw new CoachError(`The data folder ${dir} is read-only (mode ${octal(stats.mode)}), so nothing can be saved.`, {
      hint: `Make it writable again (chmod u+w ${shellArg(dir)}), or set INTERVIEW_COACH_HOME to a writable folder.`,
    });
  }
  if ((stats.mode & 0o022) !== 0 && !warnedOpen.has(dir)) {
    warnedOpen.add(dir);
    // Plain text: shared code loads no colour library, and this is one line before any screen.
    process.stderr.write(
      `⚠ The data folder ${dir} can be written by other users (mode ${octal(stats.mode)}); \`chmod 700 ${shellArg(dir)}\` keeps your interviews private.\n`,
    );
  }
}

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
