/**
 * One interviewer turn worded by the model: stream the reply, show it as it comes, check it
 * (reply-filter.ts), and return what to store. Failures to reach the model are returned, not
 * thrown, so the interview can go on from the question bank.
 */
import type { InterviewEvent } from '../../model/events.js';
import type { AskedBy } from '../../model/turn.js';
import { StreamSanitizer } from '../../shared/sanitize.js';
import { nearContextLimit } from '../llm/context.js';
import { toLlmError, type LlmError } from '../llm/llm-errors.js';
import type { ChatChunk, ChatMessage, LlmClient } from '../llm/types.js';
import { ReplyFilter } from './reply-filter.js';

/**
 * Interviewer replies are short by design; the cap also stops a runaway model. The temperature
 * is low so the model follows the wording it is given (the planned question, the follow-up it
 * is asked for) instead of inventing, yet high enough that acknowledgements do not repeat.
 */
export const INTERVIEWER_OPTIONS = { temperature: 0.4, num_predict: 220 };
/**
 * A model that reasoned until the budget ran out (in <think> tags, or in the `thinking` field of
 * a server that ignored think: false) gets one retry with this much.
 */
const REASONING_BUDGET = 1024;
/**
 * Transcript-style lines end the reply at the server: a model role-playing the candidate, or
 * echoing the fence markers, is stopped before it writes them.
 */
export const STOP_SEQUENCES = ['\nCandidate:', '\nInterviewer:', '\nYou:', '<<<'];
/** After the question, read at most this many more chunks to get the final figures, then hang up. */
const DRAIN_CHUNKS = 12;
/** After the question, wait for at most this many chunks to see whether the model goes on. */
const LOOK_AHEAD_CHUNKS = 4;

export interface ModelTurn {
  text: string;
  askedBy: AskedBy;
  cancelled: boolean;
  durationMs: number;
  /** What the checks changed (shown after the turn), and context-window warnings with --verbose. */
  notices: string[];
  /**
   * The model could not be reached or failed: the caller falls back to the question bank. `text`
   * is then what was accepted before the failure (already spoken, maybe): it must be kept.
   */
  failure?: LlmError;
}

export class Interrupted extends Error {}

/**
 * Streams one reply. Yields what the screens need: thinking, deltas to show, text accepted for
 * speech, and one-line notices; returns what to store.
 */
export async function* modelTurn(
  llm: LlmClient,
  messages: ChatMessage[],
  opts: {
    /** true: the reply asks a question; false: it closes; 'statement': it answers the candidate's question. */
    expectQuestion: boolean | 'statement';
    /** The planned question the model words (open and next turns): a question of its own is not kept. */
    planned: string | null;
    fallback: string;
    signal: AbortSignal;
    cancel: AbortSignal;
    verbose: boolean;
  },
): AsyncGenerator<InterviewEvent, ModelTurn> {
  const started = Date.now();
  yield { type: 'thinking', since: started };
  let attempt = 1;
  for (;;) {
    const numPredict = attempt === 1 ? INTERVIEWER_OPTIONS.num_predict : REASONING_BUDGET;
    const filter = new ReplyFilter(opts.expectQuestion, opts.planned);
    const sanitizer = new StreamSanitizer();
    let shown = '';
    let doneReason: string | null = null;
    let promptTokens: number | null = null;
    const reply = llm.chat(messages, {
      signal: AbortSignal.any([opts.signal, opts.cancel]),
      options: { ...INTERVIEWER_OPTIONS, num_predict: numPredict, stop: STOP_SEQUENCES },
      purpose: 'interviewer',
      attempt,
    });
    const stream = reply[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await stream.next();
        if (next.done) break;
        const chunk = next.value;
        if (chunk.done) ({ doneReason, promptTokens } = finalFigures(chunk));
        if (chunk.thinking) filter.noteThinking(chunk.thinking);
        const step = filter.push(sanitizer.push(chunk.text));
        if (step.show) {
          shown += step.show;
          yield { type: 'question-delta', text: step.show };
        }
        if (step.accept) yield { type: 'question-accepted', text: step.accept };
        if (step.stop && !chunk.done) {
          // The question is complete: the rest is not wanted. Look a few tokens further (did the
          // model go on? the notice says so), then read the rest in the background for the figures.
          const end = await lookAhead(stream, (text) => filter.push(sanitizer.push(text))).catch((err: unknown) => {
            // The question is complete and accepted (maybe spoken): a failure after it changes nothing.
            if (opts.signal.aborted || opts.cancel.aborted) throw err;
            return null;
          });
          ({ doneReason, promptTokens } = end ? finalFigures(end) : { doneReason: 'stop', promptTokens: null });
          // Also after the final chunk: the stream ends (and the call is logged) only when read to its end.
          void drain(stream);
          break;
        }
      }
      filter.push(sanitizer.flush());
    } catch (err) {
      if (opts.signal.aborted) throw new Interrupted();
      const e = toLlmError(err, { host: llm.host, model: llm.model }, true);
      const durationMs = Date.now() - started;
      if (e.kind !== 'aborted') {
        // Accepted sentences were handed to the voice: they stay in what is stored.
        const accepted = filter.acceptedText();
        return { text: accepted, askedBy: 'model', cancelled: false, durationMs, notices: [], failure: e };
      }
      // Esc: keep what was shown, marked cancelled (and say the planned wording when nothing was).
      const text = shown.trim() || opts.fallback;
      return { text, askedBy: shown.trim() ? 'model' : 'app', cancelled: true, durationMs, notices: [] };
    }
    const result = filter.finish(doneReason, opts.fallback);
    const reasonedOut = result.askedBy === 'app' && result.thinking !== '' && doneReason === 'length';
    if (reasonedOut && attempt === 1) {
      attempt++;
      continue;
    }
    if (result.show) yield { type: 'question-delta', text: result.show };
    if (result.accept) yield { type: 'question-accepted', text: result.accept };
    const notices = [...result.notices];
    const numCtx = llm.runtime.numCtx;
    if (opts.verbose && numCtx && nearContextLimit(promptTokens, numPredict, numCtx)) {
      notices.push(
        `The prompt used ${promptTokens} of the ${numCtx}-token context window: the model may have lost the oldest turns.`,
      );
    }
    return { text: result.text, askedBy: result.askedBy, cancelled: false, durationMs: Date.now() - started, notices };
  }
}

function finalFigures(chunk: ChatChunk): { doneReason: string; promptTokens: number | null } {
  return { doneReason: chunk.doneReason ?? 'stop', promptTokens: chunk.metrics?.promptTokens ?? null };
}

/**
 * Reads on after the question until the reply ends (returns its final chunk) or the model says
 * something more (handed to `onText`, where the filter notes it), a few chunks at most.
 */
async function lookAhead(stream: AsyncIterator<ChatChunk>, onText: (text: string) => void): Promise<ChatChunk | null> {
  for (let i = 0; i < LOOK_AHEAD_CHUNKS; i++) {
    const next = await stream.next();
    if (next.done) return null;
    if (next.value.done) return next.value;
    onText(next.value.text);
    if (next.value.text.trim()) return null;
  }
  return null;
}

/**
 * Reads what is left of a reply that is no longer wanted, a few chunks at most, so an obedient
 * model's final figures reach the calls log; a model that keeps talking is hung up on.
 */
async function drain(stream: AsyncIterator<ChatChunk>): Promise<void> {
  try {
    for (let i = 0; i < DRAIN_CHUNKS; i++) if ((await stream.next()).done) return;
    await stream.return?.();
  } catch {
    // The reply is already stored; a failure here changes nothing.
  }
}
