/**
 * `interview-coach calls` as text: one block per model call, what was asked of the model and what
 * it answered. Everything in a call is untrusted (model output, the host's words, the options
 * as the client sent them): control sequences are stripped before anything is printed.
 */
import type { LlmCallMessage, SavedLlmCall } from '../model/llm-call.js';
import { isUnreadable } from '../model/unreadable.js';
import type { Turn } from '../model/turn.js';
import { latencyLine, type TurnLatency } from '../model/turn-metrics.js';
import { byteSize, localDateTime } from '../shared/format.js';
import { cleanText } from '../shared/sanitize.js';
import { wrap } from '../shared/text.js';

export interface CallsReportOptions {
  /** Every message sent, all the options and the thinking, not only the instruction and the reply. */
  full: boolean;
  /** Terminal width: texts are folded to it. */
  columns: number;
  /** Voice mode: the latency of the reply each interviewer call wrote, by call id (replyLatencies). */
  latency?: ReadonlyMap<number, TurnLatency>;
}

/** The options that decide what the model could do, in this order; the rest shows with --full. */
const KEY_OPTIONS = ['num_ctx', 'num_predict', 'temperature', 'think', 'keep_alive', 'stop', 'format'] as const;

const LABEL = 10;
const INDENT = '  ';
const clean = (text: string) => cleanText(text);

/** Every call's block, separated by a blank line. */
export function callsReport(calls: readonly SavedLlmCall[], opts: CallsReportOptions): string {
  return calls.map((call, i) => callBlock(call, i + 1, calls.length, opts).join('\n')).join('\n\n') + '\n';
}

function callBlock(c: SavedLlmCall, n: number, of: number, opts: CallsReportOptions): string[] {
  const field = (label: string, value: string) => folded(label.padEnd(LABEL), value, opts.columns);
  const done = [clean(c.doneReason ?? '—'), ...(c.nearContextLimit ? ['near context limit'] : [])].join(' · ');
  const lines = [
    ...folded('', headline(c, n, of), opts.columns),
    ...field('model', `${clean(c.model)} at ${clean(c.host)}`),
    ...field('options', isUnreadable(c.options) ? `unreadable (${c.options.unreadable})` : keyOptions(c.options)),
    ...field('tokens', `${count(c.promptTokens)} in · ${count(c.outputTokens)} out`),
    ...field(
      'time',
      `load ${millis(c.loadMs)} · prompt ${millis(c.promptMs)} · eval ${millis(c.evalMs)} · total ${millis(c.totalMs)}`,
    ),
    ...field('done', done),
  ];
  const latency = opts.latency?.get(c.id);
  if (latency) lines.push(...field('voice', `${latencyLine(latency)} from the end of the answer's speech`));
  if (c.error !== null) lines.push(...field('error', clean(c.error)));
  if (c.thinking !== '' && !opts.full)
    lines.push(...field('thinking', `${byteSize(Buffer.byteLength(c.thinking))} (--full shows it)`));
  lines.push('', ...sent(c, opts));
  if (opts.full && !isUnreadable(c.options))
    lines.push(...section('Options sent', JSON.stringify(c.options, null, 2), opts));
  if (opts.full && c.thinking !== '') lines.push(...section('Thinking', c.thinking, opts));
  lines.push(...section('Reply', c.reply === '' ? '(empty)' : c.reply, opts));
  return lines;
}

/** `Call 2 of 5 · interviewer · attempt 1 · 2026-11-01 09:00:03` (local time). */
function headline(c: SavedLlmCall, n: number, of: number): string {
  return `Call ${n} of ${of} · ${c.purpose} · attempt ${c.attempt} · ${localDateTime(c.startedAt, { seconds: true })}`;
}

/** The messages: the last one (the instruction) by default, every one with --full. */
function sent(c: SavedLlmCall, opts: CallsReportOptions): string[] {
  if (isUnreadable(c.messages)) return [`Sent: unreadable (${clean(c.messages.unreadable)})`];
  const messages = c.messages;
  const last = messages.at(-1);
  if (!last) return ['Sent: no messages'];
  if (!opts.full)
    return section(`Sent (${clean(last.role)}, the last of ${messages.length} messages)`, last.content, opts);
  return messages.flatMap((m: LlmCallMessage, i) =>
    section(`Sent ${i + 1} of ${messages.length} (${clean(m.role)})`, m.content, opts),
  );
}

/** A heading and its text, folded to the width under a two-space indent. */
function section(title: string, text: string, opts: CallsReportOptions): string[] {
  const body = wrap(clean(text), opts.columns - INDENT.length).map((line) => (line === '' ? '' : INDENT + line));
  return [`${title}:`, ...body];
}

/** `label     value`, continued under the value when it is longer than the line. */
function folded(label: string, value: string, columns: number): string[] {
  const hang = ' '.repeat(label.length);
  return wrap(value, Math.max(20, columns - label.length)).map((line, i) => (i === 0 ? label : hang) + line);
}

/** `num_ctx 8192 · think false · stop ["\nCandidate:"]`: top level first, then Ollama's `options` object. */
function keyOptions(options: Record<string, unknown>): string {
  const nested = options.options;
  const inner = typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>) : {};
  const shown = KEY_OPTIONS.flatMap((key) => {
    const value = key in options ? options[key] : inner[key];
    if (value === undefined) return [];
    if (key === 'format' && typeof value === 'object' && value !== null)
      return [`format schema (${byteSize(JSON.stringify(value).length)})`];
    return [`${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`];
  });
  return shown.length ? clean(shown.join(' · ')) : 'none of num_ctx, num_predict, temperature, think, keep_alive, stop';
}

const count = (n: number | null) => (n === null ? '—' : String(n));
const millis = (ms: number | null) => (ms === null ? '—' : `${ms} ms`);

/**
 * Voice mode keeps each reply's latency with the interviewer turn it spoke; the call that wrote
 * that reply is the last interviewer call started after the answer before it was saved and
 * before the reply was. A reply no call wrote (the question bank) gets none.
 */
export function replyLatencies(calls: readonly SavedLlmCall[], turns: readonly Turn[]): Map<number, TurnLatency> {
  const byCall = new Map<number, TurnLatency>();
  const interviewer = calls.filter((c) => c.purpose === 'interviewer');
  turns.forEach((turn, i) => {
    const metrics = turn.metrics;
    if (turn.speaker !== 'interviewer' || !metrics || isUnreadable(metrics) || !metrics.latency) return;
    const after = turns[i - 1]?.createdAt ?? '';
    // ISO 8601 UTC strings of one length compare as the times they name.
    const call = interviewer.findLast((c) => c.startedAt >= after && c.startedAt <= turn.createdAt);
    if (call) byCall.set(call.id, metrics.latency);
  });
  return byCall;
}
