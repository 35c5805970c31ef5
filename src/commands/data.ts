import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

// The handlers load better-sqlite3: only when a data command actually runs.
const handlers = () => import('../app/handlers/data.js');
const backup = () => import('../app/handlers/data-backup.js');

export function register(program: Command): void {
  const data = program
    .command('data')
    .description('Your saved data: where it is, what it holds, an integrity check, a backup.')
    .addHelpText(
      'after',
      `
None of these changes the database: it is read, never migrated.

Examples:
  $ interview-coach data path
  $ interview-coach data status
  $ interview-coach data check
  $ interview-coach data backup ~/interview-coach-$(date +%F).db`,
    );

  data
    .command('path')
    .description('print where the database is (--json: the data folder, database, settings file and audio folder)')
    .option('--json', 'print every path as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ interview-coach data path
  $ sqlite3 "$(interview-coach data path)" 'SELECT count(*) FROM sessions'
  $ interview-coach data path --json | jq -r .config`,
    )
    .action(lazyAction(handlers, 'dataPath'));

  data
    .command('status')
    .description('size, sessions by status, turns, schema version, latest session')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `
JSON: database, exists, databaseBytes, walBytes (the write-ahead log), schemaVersion (null
without a database), appSchemaVersion (what this version uses), sessions {total, completed,
interrupted, inProgress}, turns, lastSessionAt (ISO 8601 UTC, or null).

Examples:
  $ interview-coach data status
  $ interview-coach data status --json | jq .sessions`,
    )
    .action(lazyAction(handlers, 'dataStatus'));

  data
    .command('check')
    .description("run SQLite's integrity check on the database and say what to do")
    .option('--json', 'print the findings and the next steps as JSON')
    .addHelpText(
      'after',
      `
Checks the pages (PRAGMA integrity_check), the links between tables (foreign_key_check) and
the search index against the saved turns (FTS5 integrity-check). No problems: one line, exit 0.
Problems: what was found (the first 10; --json has up to 100) and the steps to take, exit 1.
The schema version is reported, not upgraded.

JSON: database, exists, ok, schemaVersion, appSchemaVersion, problems[] {kind ("unreadable" |
"page" | "orphans" | "search-index"), message, ...}, truncated, skipped[] (checks that could not
run, with why), nextSteps[] (lines of text).

Examples:
  $ interview-coach data check
  $ interview-coach data check --json | jq .problems`,
    )
    .action(lazyAction(handlers, 'dataCheck'));

  data
    .command('backup <file>')
    .description("copy the database to <file> with SQLite's online backup (safe while an interview runs)")
    .option('--force', 'replace <file> if it exists (a regular file only)')
    .addHelpText(
      'after',
      `
The copy is made by SQLite from one consistent snapshot, even while another interview
writes, written to a temp file beside <file>, checked (PRAGMA quick_check), then renamed into
place (mode 0600). The full path goes to stdout. <file> must not exist (or give --force); a
symlink, device, fifo or directory is refused, and \`-\` too: a backup is a binary file.
To restore one, with no interview running: move the database aside with its write-ahead log,
then copy the backup to where \`interview-coach data path\` says:
  $ db="$(interview-coach data path)"; mv "$db" "$db.old"; [ -e "$db-wal" ] && mv "$db-wal" "$db.old-wal"; cp BACKUP.db "$db"

Examples:
  $ interview-coach data backup ~/backups/interview-coach.db
  $ interview-coach data backup ~/backups/interview-coach.db --force`,
    )
    .action(lazyAction(backup, 'dataBackup'));
}
