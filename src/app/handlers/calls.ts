import { openDatabase } from '../../db/open.js';
import { listLlmCalls } from '../../db/llm-calls.js';
import { listTurns } from '../../db/transcripts.js';
import type { SavedLlmCall } from '../../model/llm-call.js';
import type { TurnLatency } from '../../model/turn-metrics.js';
import { isUnreadable } from '../../model/unreadable.js';
import { databasePath, savedDatabaseExists } from '../../shared/paths.js';
import { ExitCode } from '../../shared/errors.js';
import { shortId } from '../../shared/format.js';
import { prepareWidths } from '../../shared/text.js';
import { resolveSession } from '../resolve-session.js';
import { callsReport, replyLatencies } from '../calls-report.js';
import { info, outputColumns, printLine } from '../output.js';

export interface CallsFlags {
  full?: boolean;
  json?: boolean;
}

export async function callsCommand(ref: string, flags: CallsFlags): Promise<ExitCode> {
  const { sessionId, calls, latency } = loadCalls(ref);
  if (calls.length === 0)
    info(
      `No model calls are logged for session ${shortId(sessionId)} (a session run offline, or saved before calls were logged, has none).`,
    );
  if (flags.json) {
    // Raw, as stored: JSON escapes control characters, and scripts want the exact text.
    printLine(process.stdout, JSON.stringify(calls, null, 2));
    return ExitCode.ok;
  }
  if (calls.length === 0) return ExitCode.ok;
  await prepareWidths(texts(calls));
  process.stdout.write(
    callsReport(calls, { full: Boolean(flags.full), columns: Math.max(40, outputColumns()), latency }),
  );
  return ExitCode.ok;
}

/** Only reads: a missing database is not created (an empty in-memory one gives the usual messages, exit 2). */
function loadCalls(ref: string): { sessionId: string; calls: SavedLlmCall[]; latency: Map<number, TurnLatency> } {
  const db = openDatabase(savedDatabaseExists() ? databasePath() : ':memory:');
  try {
    const { id } = resolveSession(db, ref);
    const calls = listLlmCalls(db, id);
    return { sessionId: id, calls, latency: replyLatencies(calls, listTurns(db, id)) };
  } finally {
    db.close();
  }
}

/** What the report measures, so string-width is loaded only when some of it is not plain ASCII. */
function* texts(calls: readonly SavedLlmCall[]): Iterable<string> {
  for (const c of calls) {
    yield c.reply;
    yield c.thinking;
    if (!isUnreadable(c.messages)) for (const m of c.messages) yield m.content;
  }
}
