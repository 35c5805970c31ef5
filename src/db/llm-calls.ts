import {
  LlmCallMessages,
  LlmCallOptions,
  type LlmCall,
  type LlmPurpose,
  type SavedLlmCall,
} from '../model/llm-call.js';
import { capText, messagesJson, optionsJson } from './llm-call-caps.js';
import { readJsonColumn } from './json-column.js';
import type { Db } from './open.js';
import { lineColumn, textColumn } from './clean-columns.js';

/** A row of the llm_calls table, as SQLite returns it. */
interface CallRow {
  id: number;
  session_id: string;
  purpose: LlmPurpose;
  attempt: number;
  model: string;
  host: string;
  options_json: string;
  messages_json: string;
  reply: string;
  thinking: string;
  done_reason: string | null;
  prompt_tokens: number | null;
  output_tokens: number | null;
  load_ms: number | null;
  prompt_ms: number | null;
  eval_ms: number | null;
  total_ms: number;
  near_context_limit: number;
  error: string | null;
  started_at: string;
}

type CallValues = Omit<CallRow, 'id' | 'near_context_limit'> & { near_context_limit: 0 | 1 };

/** Durations are whole milliseconds in the table; a client may measure fractions. */
const ms = (value: number | null) => (value === null ? null : Math.round(value));

/**
 * Saves calls with one statement prepared once (a session's calls log writes many). Each call is
 * one INSERT, committed at once; every text is capped at 64 KB (llm-call-caps.ts). Returns the
 * new row's id.
 */
export function llmCallWriter(db: Db): (sessionId: string, call: LlmCall) => number {
  const insert = db.prepare<CallValues>(
    `INSERT INTO llm_calls (session_id, purpose, attempt, model, host, options_json, messages_json, reply, thinking,
       done_reason, prompt_tokens, output_tokens, load_ms, prompt_ms, eval_ms, total_ms, near_context_limit, error, started_at)
     VALUES (@session_id, @purpose, @attempt, @model, @host, @options_json, @messages_json, @reply, @thinking,
       @done_reason, @prompt_tokens, @output_tokens, @load_ms, @prompt_ms, @eval_ms, @total_ms, @near_context_limit, @error, @started_at)`,
  );
  return (sessionId, c) =>
    Number(
      insert.run({
        session_id: sessionId,
        purpose: c.purpose,
        attempt: c.attempt,
        model: c.model,
        host: c.host,
        options_json: optionsJson(c.options),
        messages_json: messagesJson(c.messages.map((m) => ({ ...m, content: textColumn(m.content) }))),
        reply: capText(textColumn(c.reply)),
        thinking: capText(textColumn(c.thinking)),
        done_reason: lineColumn(c.doneReason),
        prompt_tokens: c.promptTokens,
        output_tokens: c.outputTokens,
        load_ms: ms(c.loadMs),
        prompt_ms: ms(c.promptMs),
        eval_ms: ms(c.evalMs),
        total_ms: Math.round(c.totalMs),
        near_context_limit: c.nearContextLimit ? 1 : 0,
        error: c.error === null ? null : capText(textColumn(c.error)),
        started_at: c.startedAt,
      }).lastInsertRowid,
    );
}

/** Saves one call (see llmCallWriter, which a writer of many calls should keep). */
export function insertLlmCall(db: Db, sessionId: string, call: LlmCall): number {
  return llmCallWriter(db)(sessionId, call);
}

/** Reads sessions' calls with one statement prepared once (`export --all --with-calls` reads every session's). */
export function llmCallReader(db: Db): (sessionId: string) => SavedLlmCall[] {
  const select = db.prepare<[string], CallRow>('SELECT * FROM llm_calls WHERE session_id = ? ORDER BY id');
  return (sessionId) => select.all(sessionId).map(toCall);
}

/** A session's calls in the order they were made. */
export function listLlmCalls(db: Db, sessionId: string): SavedLlmCall[] {
  return llmCallReader(db)(sessionId);
}

/** The documented key order of `calls --json` and of `calls` in the JSON export. */
function toCall(r: CallRow): SavedLlmCall {
  return {
    id: r.id,
    sessionId: r.session_id,
    purpose: r.purpose,
    attempt: r.attempt,
    model: r.model,
    host: r.host,
    startedAt: r.started_at,
    options: readJsonColumn(LlmCallOptions, 'options_json', r.options_json),
    messages: readJsonColumn(LlmCallMessages, 'messages_json', r.messages_json),
    reply: r.reply,
    thinking: r.thinking,
    doneReason: r.done_reason,
    promptTokens: r.prompt_tokens,
    outputTokens: r.output_tokens,
    loadMs: r.load_ms,
    promptMs: r.prompt_ms,
    evalMs: r.eval_ms,
    totalMs: r.total_ms,
    nearContextLimit: r.near_context_limit === 1,
    error: r.error,
  };
}
