import type { Db } from '../../db/open.js';
import type { OllamaLlm } from '../../core/llm/ollama-client.js';
import type { RecordingSink } from './recording-sink.js';

/** What each part of a selftest works with: the throwaway database and the two models. */
export interface SelftestContext {
  db: Db;
  host: string;
  interviewer: { llm: OllamaLlm; calls: RecordingSink };
  judge: { llm: OllamaLlm; calls: RecordingSink };
  /** Plays the personas of part C: the interviewer model, on its own calls log. */
  candidate: { llm: OllamaLlm; calls: RecordingSink };
  signal: AbortSignal;
  /** One unit of work done (a judgement, an answer, an interview turn), for the progress bar. */
  step: (label: string) => void;
}
