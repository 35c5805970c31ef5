/**
 * `voice setup`'s progress on stderr: one `[n/M]` line per step, the tools' own progress lines
 * that say something (pip's "Collecting …", "Downloading … (12.3 MB)") indented below it, and
 * every line of their output in the log file. Plain lines: no TUI, nothing redrawn, so it reads
 * the same in a terminal, a pipe or a CI log.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { printLine } from '../output.js';
import { cleanLine, cleanText } from '../../shared/sanitize.js';

/** pip's lines worth a person's attention while it works; the rest is in the log. */
const TELLING =
  /^\s*(Collecting|Downloading|Installing collected packages|Successfully installed|Downloaded)\b|Downloaded:/;
const INDENT = '      ';

export class SetupProgress {
  private current = 0;

  constructor(
    private readonly total: number,
    private readonly opts: { log: string; verbose: boolean; columns: number },
  ) {
    mkdirSync(dirname(opts.log), { recursive: true, mode: 0o700 });
    writeFileSync(opts.log, `interview-coach voice setup, ${new Date().toISOString()}\n`, { mode: 0o600 });
  }

  /** Starts the next step: `[2/5] text`. */
  step(text: string): void {
    this.current += 1;
    this.say(`[${this.current}/${this.total}] ${text}`);
    appendFileSync(this.opts.log, `\n== [${this.current}/${this.total}] ${text}\n`);
  }

  /** How the step ended, under its line. */
  result(text: string): void {
    this.say(`${INDENT}${text}`);
    appendFileSync(this.opts.log, `-> ${text}\n`);
  }

  /** A line of a tool's output (untrusted): always logged, shown when it tells something or with --verbose. */
  toolLine(line: string): void {
    appendFileSync(this.opts.log, `${line}\n`);
    if (!this.opts.verbose && !TELLING.test(line)) return;
    const room = Math.max(20, this.opts.columns - INDENT.length - 2);
    const shown = cleanLine(line, room);
    if (shown) printLine(process.stderr, `${INDENT}│ ${shown}`);
  }

  say(text: string): void {
    printLine(process.stderr, cleanText(text));
  }
}
