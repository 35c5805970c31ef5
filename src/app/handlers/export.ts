import { openDatabase, type Db } from '../../db/open.js';
import { databasePath, savedDatabaseExists } from '../../shared/paths.js';
import { ExitCode, UsageError } from '../../shared/errors.js';
import { writeFileAtomic } from '../../shared/atomic-write.js';
import { allSessionDocuments, sessionDocument, type SessionDocument } from '../../core/session-document.js';
import {
  sessionToJson,
  sessionToMarkdown,
  sessionToText,
  sessionsToJson,
  sessionsToMarkdown,
  sessionsToText,
} from '../../core/session-formats.js';
import { resolveSession } from '../resolve-session.js';
import { info } from '../output.js';
import { plural, shortId } from '../../shared/format.js';

export interface ExportFlags {
  format: 'md' | 'json' | 'txt';
  output?: string;
  all?: boolean;
  /** JSON only: adds each session's model calls under `calls`. */
  withCalls?: boolean;
}

export function exportCommand(ref: string | undefined, flags: ExportFlags): ExitCode {
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
  const { text, what } = withDatabase((db) => {
    if (ref !== undefined) {
      const doc = sessionDocument(db, resolveSession(db, ref).id, opts);
      return { text: renderOne(doc, flags.format), what: `session ${shortId(doc.id)}` };
    }
    const docs = allSessionDocuments(db, opts);
    if (docs.length === 0) info('No sessions yet. Start one with: interview-coach start --role backend');
    return { text: renderAll(docs, flags.format), what: plural(docs.length, 'session') };
  });
  if (flags.output === undefined || flags.output === '-') {
    if (text) process.stdout.write(text);
    return ExitCode.ok;
  }
  writeFileAtomic(flags.output, text);
  info(`Exported ${what} to ${flags.output}.`);
  return ExitCode.ok;
}

function renderOne(doc: SessionDocument, format: ExportFlags['format']): string {
  if (format === 'json') return sessionToJson(doc);
  return format === 'md' ? sessionToMarkdown(doc) : sessionToText(doc);
}

function renderAll(docs: SessionDocument[], format: ExportFlags['format']): string {
  if (format === 'json') return sessionsToJson(docs);
  if (docs.length === 0) return '';
  return format === 'md' ? sessionsToMarkdown(docs) : sessionsToText(docs);
}

/**
 * Exporting only reads: a missing database is not created on disk. An empty in-memory one
 * stands in, so `last` or an id prefix get the usual "no sessions" messages (exit 2).
 */
function withDatabase<T>(fn: (db: Db) => T): T {
  const file = savedDatabaseExists() ? databasePath() : ':memory:';
  const db = openDatabase(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
