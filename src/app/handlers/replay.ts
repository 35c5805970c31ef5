import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/open.js';
import { databasePath, dataDir } from '../../shared/paths.js';
import { ExitCode, UsageError } from '../../shared/errors.js';
import { sessionAudioDir } from '../../shared/audio-files.js';
import { sessionDocument, type SessionDocument, type SessionTurn } from '../../core/session-document.js';
import { sessionToMarkdown } from '../../core/session-formats.js';
import { resolveSession } from '../resolve-session.js';
import { isInteractive } from '../output.js';

export interface ReplayFlags {
  /** Auto-advance factor (commander checked it is positive). */
  speed?: number;
}

export async function replayCommand(ref: string, flags: ReplayFlags): Promise<ExitCode> {
  const speed = flags.speed ?? null;
  const doc = loadSession(ref);
  // Not at a terminal (a pipe, a file, a script): the whole session as Markdown.
  if (!isInteractive()) {
    process.stdout.write(sessionToMarkdown(doc));
    return ExitCode.ok;
  }
  const { runReplayTui } = await import('../../tui/replay/run-replay.js');
  const players = new Set<ChildProcess>();
  try {
    await runReplayTui(doc, { speed, playAudio: (turn) => playAudio(doc, turn, players) });
  } finally {
    for (const p of players) p.kill();
  }
  return ExitCode.ok;
}

/** Replay only reads: a missing database is not created (an empty in-memory one gives the usual messages). */
function loadSession(ref: string): SessionDocument {
  const db = openDatabase(existsSync(databasePath()) ? databasePath() : ':memory:');
  try {
    return sessionDocument(db, resolveSession(db, ref).id);
  } finally {
    db.close();
  }
}

/** Where a turn's recording is: a file: URL, an absolute path, or a path relative to the session's audio folder (or the data dir). */
export function audioFile(sessionId: string, audioUrl: string): string {
  if (audioUrl.startsWith('file:')) return fileURLToPath(audioUrl);
  if (isAbsolute(audioUrl)) return audioUrl;
  const inSession = join(sessionAudioDir(sessionId), audioUrl);
  return existsSync(inSession) ? inSession : join(dataDir(), audioUrl);
}

const PLAYERS: [string, string[]][] =
  process.platform === 'darwin'
    ? [
        ['afplay', []],
        ['play', ['-q']],
      ]
    : [
        ['aplay', ['-q']],
        ['play', ['-q']],
        ['paplay', []],
        ['afplay', []],
      ];

/** Plays the file with the first player found (aplay, sox's play, afplay); resolves when it ends. */
async function playAudio(doc: SessionDocument, turn: SessionTurn, players: Set<ChildProcess>): Promise<void> {
  if (!turn.audioUrl) throw new Error('no audio for this answer');
  const file = audioFile(doc.id, turn.audioUrl);
  if (!existsSync(file)) throw new Error(`The recording ${file} is missing.`);
  for (const [command, args] of PLAYERS) {
    const outcome = await new Promise<'ok' | 'missing' | Error>((resolve) => {
      const child = spawn(command, [...args, file], { stdio: 'ignore' });
      players.add(child);
      child.once('error', (err: NodeJS.ErrnoException) => {
        players.delete(child);
        resolve(err.code === 'ENOENT' ? 'missing' : err);
      });
      child.once('exit', (code, signal) => {
        players.delete(child);
        resolve(code === 0 || signal ? 'ok' : new Error(`${command} could not play ${file} (exit ${code}).`));
      });
    });
    if (outcome === 'ok') return;
    if (outcome !== 'missing') throw outcome;
  }
  throw new Error('No audio player found: install aplay (alsa-utils) or play (sox).');
}
