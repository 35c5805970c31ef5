import type { Db } from '../../db/open.js';
import type { LlmClient } from '../../core/llm/types.js';
import type { RecordingSink } from './recording-sink.js';

/** What each part of a selftest works with: the throwaway database and the two models. */
export interface SelftestContext {
  db: Db;
  host: string;
  interviewer: { llm: LlmClient; calls: RecordingSink };
  judge: { llm: LlmClient; calls: RecordingSink };
  /** Plays the personas of part C: the interviewer model, on its own calls log. */
  candidate: { llm: LlmClient; calls: RecordingSink };
  signal: AbortSignal;
  /** One unit of work done (a judgement, an answer, an interview turn), for the progress bar. */
  step: (label: string) => void;
}
