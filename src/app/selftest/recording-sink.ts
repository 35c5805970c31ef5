import type { LlmCall, LlmCallSink } from '../../model/llm-call.js';

/**
 * Keeps every call of one model in memory, for the figures (done_reason, load and total time,
 * prompt tokens). selftest's sessions are throwaway, so their calls are not written to any log.
 */
export class RecordingSink implements LlmCallSink {
  readonly calls: LlmCall[] = [];

  record(call: LlmCall): void {
    this.calls.push(call);
  }
}
