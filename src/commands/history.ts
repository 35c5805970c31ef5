import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { since, wholeNumber } from './parsers.js';

export function register(program: Command): void {
  program
    .command('history')
    .description('List past sessions, newest first; --search finds words in any transcript.')
    .option('-n, --limit <n>', 'how many sessions to show (0 = all)', wholeNumber(0), 20)
    .option('--role <id>', 'only this role')
    .option('--since <when>', 'only sessions since a date (2026-11-01) or a time ago (7d, 4w, 3m)', since)
    .option(
      '-s, --search <text>',
      'full-text search over all transcripts, best matches first, with the matching snippet',
    )
    .option('--json', 'print the sessions as JSON')
    .addHelpText(
      'after',
      `
Columns: short id (any unique prefix works in other commands), date, role, mode
(text/voice/offline), duration, answers, score ("—" none, "failed" when the evaluation
failed, "h" heuristic feedback, "unreadable" when the saved evaluation is damaged), status.
--json streams one session at a time: memory stays flat however many sessions there are.
A --search snippet comes from the best window of about 1,000 characters of the best turn,
so even a 1 MB turn is shown in milliseconds.
The score is the latest AI evaluation that succeeded (else heuristic feedback, else the
failure): when a later attempt failed, a note under the row says so. --json adds every
attempt in "evaluations" (as \`evaluate <id> --list --json\`). A session started with
--jd/--resume shows their titles under its row; --json has jd and resume: {title, sha256,
textStored} (textStored false after --no-store), else null.

Examples:
  $ interview-coach history
  $ interview-coach history -n 0 --role backend --since 30d
  $ interview-coach history --search "idempotency key"
  $ interview-coach history --json | jq '.[0].id'`,
    )
    .action(lazyAction(() => import('../app/handlers/history.js'), 'historyCommand'));
}
