import { Option, type Command } from 'commander';
import { lazyAction } from './lazy-action.js';

export function register(program: Command): void {
  program
    .command('export [session]')
    .description('Export a session (metadata, timed transcript, metrics, evaluation) as Markdown, JSON or text.')
    .addOption(
      new Option('-f, --format <format>', 'md (reads well on its own), json (stable, documented below) or txt')
        .choices(['md', 'json', 'txt'])
        .default('md'),
    )
    .option('-o, --output <file>', 'write to this file instead of stdout (`-` = stdout); written atomically, mode 0600')
    .option(
      '-a, --all',
      'every session, newest first (json: one document; md/txt: one after another, separated by a rule)',
    )
    .option(
      '--with-calls',
      'json only: add every model call of the session (what was sent, the raw reply), as `calls --json`',
    )
    .addHelpText(
      'after',
      `
<session> is \`last\` or any unique prefix of a session id (see \`interview-coach history\`).
A file given with -o is written whole or not at all: a temp file in the same directory,
synced, then renamed over the target. Only a regular file is replaced: a symlink, device,
fifo or directory at the target is refused (exit 2). Status goes to stderr; stdout holds only the export.
--all streams: each session is written as it is read, so memory stays flat however many there are.

JSON (schemaVersion 1; fields are only ever added within a version):
  schemaVersion, id, role {id, title}, difficulty, plannedQuestions,
  interviewer ("ollama" | "question-bank"), offlineReason, model, host, judgeModel,
  inputMode ("text" | "voice"), status ("completed" | "interrupted" | "in_progress"),
  endReason, startedAt, endedAt (ISO 8601 UTC), durationMs, retryOf, retryQuestion,
  jd, resume (start --jd/--resume: {title, sha256, text (null after --no-store)}, else null),
  grounding ({requirements[], claims[]} the model read in them; null without them or after --no-store),
  round (start --format deep: {problem: {id, title, statement}, phases[]: {number, id, title, budgetSec,
    result ("4/5", "not reached", …; null until graded), score (1-5 or null)}}; else null),
  transcript[]: {seq, speaker ("interviewer" | "candidate"),
    kind ("greeting" | "question" | "follow-up" | "closing" | "answer" | "skipped"),
    questionNumber, content, createdAt, durationMs, cancelled, audioUrl, metrics,
    askedBy (interviewer turns: "model" | "app" | "model+app"; null for answers and older sessions)},
  evaluation (the one shown: the latest AI one that succeeded, else the latest heuristic one,
    else the latest attempt; null when never evaluated): {id, sessionId, kind ("ai" | "heuristic"),
    status ("ok" | "failed" | "unreadable"), overallScore (0-100, AI only), dimensions[] {id,
    name, score (1-5, or null: not tested), evidence, verified (false: no quote of yours
    supports it), spread (with samples: max - min)}, strengths[], areas[], perAnswer[] (AI:
    {questionNumber, question, score, landed, missing, strongerAnswer, quote (your words),
    verified, spread}; heuristic: {questionNumber, question, skipped, facts (topics,
    topicTotal: the question's own topics covered)}), detailedFeedback, evidenceNote, error,
    model, host, rubric, attempts, samples, durationMs, createdAt, band ("below" | "meets" |
    "above" the bar at the session's difficulty; null without a score), laterFailure (a failed
    attempt made after it: {createdAt, error, model, host}, or null)}
    verified, spread, quote, topics and topicTotal are absent in evaluations saved before 0.2.
  calls[] (only with --with-calls): every model call of the session, in order, in the shape
    of \`interview-coach calls --json\` (see \`calls --help\`)
  --all: {schemaVersion: 1, exportedAt, sessions: [<the document above>, ...]}
  Damaged saved data is never guessed at: metrics reads {unreadable: "<reason>"}, and an
  unreadable evaluation has status "unreadable", no scores, and the reason in error.

Examples:
  $ interview-coach export last > interview.md
  $ interview-coach export 3f9a --format txt -o interview.txt
  $ interview-coach export last --format json | jq '.transcript[] | select(.speaker == "candidate") | .content'
  $ interview-coach export --all --format json -o backup.json
  $ interview-coach export last --format json --with-calls | jq '.calls[] | {purpose, totalMs}'`,
    )
    .action(lazyAction(() => import('../app/handlers/export.js'), 'exportCommand'));
}
