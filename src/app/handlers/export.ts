import { openDatabase, type Db } from '../../db/open.js';
import { databasePath, savedDatabaseExists } from '../../shared/paths.js';
import { ExitCode, UsageError } from '../../shared/errors.js';
import { writeFileAtomicChunks } from '../../shared/atomic-write.js';
import { tap } from '../../shared/text-chunks.js';
import { eachSessionDocument, sessionDocument, type SessionDocument } from '../../core/session-document.js';
import {
  sessionToJson,
  sessionToMarkdown,
  sessionToText,
  sessionsToJsonChunks,
  sessionsToMarkdownChunks,
  sessionsToTextChunks,
} from '../../core/session-formats.js';
import { resolveSession } from '../resolve-session.js';
import { info, writeStreamed } from '../output.js';
import { plural, shortId } from '../../shared/format.js';

export interface ExportFlags {
  format: 'md' | 'json' | 'txt';
  output?: string;
  all?: boolean;
  /** JSON only: adds each session's model calls under `calls`. */
  withCalls?: boolean;
}

export async function exportCommand(ref: string | undefined, flags: ExportFlags): Promise<ExitCode> {
  if (ref !== undefined && flags.all)
    throw new UsageError('Give a session or --all, not both.', 'Example: interview-coach export --all --format json');
  if (ref === undefined && !flags.all)
    throw new UsageError(
      'Which session? Give `last`, an id prefix, or --all.',
      'Example: interview-coach export last --format md',
    );
  if (flags.withCalls && flags.format !== 'json')
    throw new UsageError(
      '--with-calls goes with --format json.',
      'Example: interview-coach export last --format json --with-calls (or read them as text: interview-coach calls last)',
    );
  const opts = { withCalls: Boolean(flags.withCalls) };
  return withDatabase(async (db) => {
    if (ref !== undefined) {
      const doc = sessionDocument(db, resolveSession(db, ref).id, opts);
      const file = await writeOut(flags.output, [renderOne(doc, flags.format)]);
      if (file !== null) info(`Exported session ${shortId(doc.id)} to ${file}.`);
      return ExitCode.ok;
    }
    // Streamed: each session is read, written and dropped before the next, so memory stays flat.
    let count = 0;
    const docs = tap(eachSessionDocument(db, opts), () => count++);
    const file = await writeOut(flags.output, renderAll(docs, flags.format));
    if (count === 0) info('No sessions yet. Start one with: interview-coach start --role backend');
    if (file !== null) info(`Exported ${plural(count, 'session')} to ${file}.`);
    return ExitCode.ok;
  });
}

/**
 * To stdout as the pieces come, or to the file given with -o, written whole or not at all (a
 * temp file filled piece by piece, then renamed). Returns the file, or null for stdout.
 */
async function writeOut(output: string | undefined, chunks: Iterable<string>): Promise<string | null> {
  if (output === undefined || output === '-') {
    await writeStreamed(process.stdout, chunks);
    return null;
  }
  writeFileAtomicChunks(output, chunks);
  return output;
}

function renderOne(doc: SessionDocument, format: ExportFlags['format']): string {
  if (format === 'json') return sessionToJson(doc);
  return format === 'md' ? sessionToMarkdown(doc) : sessionToText(doc);
}

function renderAll(docs: Iterable<SessionDocument>, format: ExportFlags['format']): Iterable<string> {
  if (format === 'json') return sessionsToJsonChunks(docs);
  return format === 'md' ? sessionsToMarkdownChunks(docs) : sessionsToTextChunks(docs);
}

/**
 * Exporting only reads: a missing database is not created on disk. An empty in-memory one
 * stands in, so `last` or an id prefix get the usual "no sessions" messages (exit 2).
 */
async function withDatabase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const file = savedDatabaseExists() ? databasePath() : ':memory:';
  const db = openDatabase(file);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}
