import { openDatabase } from '../../db/open.js';
import { databasePath, savedDatabaseExists } from '../../shared/paths.js';
import { ExitCode } from '../../shared/errors.js';
import { sessionDocument, type SessionDocument } from '../../core/session-document.js';
import { sessionToMarkdown } from '../../core/session-formats.js';
import { resolveSession } from '../resolve-session.js';
import { isInteractive } from '../output.js';
import { exitCodeForStop, watchStops } from '../interrupt.js';
import { openSettings } from '../settings.js';
import { ReplayAudio } from './replay-audio.js';

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
  const audio = new ReplayAudio({ player: () => openSettings().store.player ?? 'auto' });
  const stop = watchStops();
  try {
    await runReplayTui(doc, { speed, playAudio: (turn) => audio.play(doc.id, turn.audioUrl), stop: stop.signal });
  } finally {
    audio.stop();
    stop.dispose();
  }
  return stop.reason ? exitCodeForStop(stop.reason) : ExitCode.ok;
}

/** Replay only reads: a missing database is not created (an empty in-memory one gives the usual messages). */
function loadSession(ref: string): SessionDocument {
  const db = openDatabase(savedDatabaseExists() ? databasePath() : ':memory:');
  try {
    return sessionDocument(db, resolveSession(db, ref).id);
  } finally {
    db.close();
  }
}
