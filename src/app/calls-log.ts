import type { Db } from '../db/open.js';
import { llmCallWriter } from '../db/llm-calls.js';
import type { LlmCall, LlmCallSink } from '../model/llm-call.js';
import { errorMessage } from '../shared/errors.js';
import { warn as warnOnStderr } from './output.js';

export interface CallsLogOptions {
  /** Where the one warning about a failed write goes (the TUI may route it into its own notices). */
  warn?: (message: string, hint?: string) => void;
  /** What to leave out of each call before it is saved (`start --no-store`: the documents' text). */
  redact?: (call: LlmCall) => LlmCall;
}

/**
 * A session's calls log: the LlmCallSink the interview and the judge write to. The warm-up runs
 * during the preflight, before the session row exists, so calls recorded before attach() wait
 * in memory and are written when the session id is known; after that each call is written at
 * once (one INSERT, like every turn). Saving a call is never worth an interview: a failed write
 * (disk full, a closed database) is reported once, and each later call is still tried.
 */
export class CallsLog implements LlmCallSink {
  private sessionId: string | null = null;
  private readonly waiting: LlmCall[] = [];
  private write: ((sessionId: string, call: LlmCall) => number) | null = null;
  private warned = false;
  private readonly warn: (message: string, hint?: string) => void;
  private readonly redact: (call: LlmCall) => LlmCall;

  constructor(
    private readonly db: Db,
    options: CallsLogOptions = {},
  ) {
    this.warn = options.warn ?? warnOnStderr;
    this.redact = options.redact ?? ((call) => call);
  }

  /** With a session id to write to, the call is saved now; before attach(), it waits. Never throws. */
  record(call: LlmCall): void {
    if (this.sessionId === null) this.waiting.push(call);
    else this.save(this.sessionId, call);
  }

  /** The session row exists: the waiting calls are saved, in order, and every later one at once. */
  attach(sessionId: string): void {
    this.sessionId = sessionId;
    for (const call of this.waiting.splice(0)) this.save(sessionId, call);
  }

  private save(sessionId: string, call: LlmCall): void {
    try {
      // Prepared on first use, inside the try: a database that cannot take the statement is one more failed write.
      this.write ??= llmCallWriter(this.db);
      this.write(sessionId, this.redact(call));
    } catch (err) {
      if (this.warned) return;
      this.warned = true;
      this.warn(
        `Could not save a model call to the calls log (${errorMessage(err)}); the interview goes on.`,
        '`interview-coach calls` may miss some calls of this session.',
      );
    }
  }
}
