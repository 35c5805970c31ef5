/**
 * Speech-to-text through a long-lived Python worker (python/stt_worker.py, faster-whisper).
 *
 * The worker loads the model once, warms up, prints one `ready` line, then answers JSON-lines
 * requests one at a time (the protocol is line-rpc.ts). This file holds what is Whisper's: the
 * worker's configuration and the transcript it answers with; whisper-errors.ts words every
 * failure a person can meet as a CoachError with a next step.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CoachError } from '../../shared/errors.js';
import { DEFAULT_STT_PROMPT } from '../../model/voice-options.js';
import { SAMPLE_RATE, type SpeechToText, type Transcript, type WordTiming } from '../contracts.js';
import { LineRpc, type RpcMessage } from './line-rpc.js';
import { scriptMissing, whisperErrors } from './whisper-errors.js';

/** The worker's configuration, sent as the STT_CONFIG environment variable (JSON). */
export interface WhisperConfig {
  /** Model size name (tiny.en, base.en, small.en, ...) or a local model folder. Default base.en. */
  model?: string;
  /** cpu | cuda | auto. Default cpu. */
  device?: string;
  /** CTranslate2 compute type. Default int8 (right on CPU). */
  compute_type?: string;
  /** Default 4. */
  cpu_threads?: number;
  /** Language spoken; '' lets a multilingual model detect it. Default en. */
  language?: string;
  /** Default 1. */
  beam_size?: number;
  /** Where Hugging Face model snapshots are cached (default: the standard HF cache). */
  download_root?: string;
  /** Never download at run time (default true): a missing model fails fast. */
  local_files_only?: boolean;
  /** Silero VAD pre-filter inside the worker (default true). */
  vad_filter?: boolean;
  /**
   * Text Whisper reads before each answer (faster-whisper's `initial_prompt`, first 30 s window
   * only). The default keeps disfluencies; '' sends none.
   */
  initial_prompt?: string;
}

export const STT_CONFIG_DEFAULTS = {
  model: 'base.en',
  device: 'cpu',
  compute_type: 'int8',
  cpu_threads: 4,
  language: 'en',
  beam_size: 1,
  local_files_only: true,
  initial_prompt: DEFAULT_STT_PROMPT,
} as const satisfies WhisperConfig;

export interface WhisperWorkerOptions {
  /** The Python that has faster-whisper. Default 'python3'. */
  python?: string;
  /** The worker script. Default: the shipped python/stt_worker.py (see sttWorkerPath). */
  workerPath?: string;
  config?: WhisperConfig;
  /** Extra environment for the worker (merged over process.env). */
  env?: NodeJS.ProcessEnv;
  /** Model load + warm-up budget. Default 120 000 ms. */
  readyTimeoutMs?: number;
  /** One request's budget once sent to the worker; past it the worker is deemed stuck and stopped. Default 60 000 ms. */
  requestTimeoutMs?: number;
  /** How long close() waits for the worker to exit after its stdin ends before killing it. Default 5 000 ms. */
  closeGraceMs?: number;
  /** Every stderr line, and every stdout line that was not a protocol line (for --verbose). */
  onLog?: (line: string, source: 'stderr' | 'stdout') => void;
}

/** What the worker said in its `ready` line. */
export interface WhisperReadyInfo {
  model: string;
  device?: string;
  computeType?: string;
  loadMs: number;
  warmupMs: number;
}

/**
 * Where the shipped worker is: `python/stt_worker.py` at the package root, three levels above this
 * module (dist/voice/stt/whisper-worker.js, or src/voice/stt/whisper-worker.ts when run from source).
 */
export function sttWorkerPath(moduleUrl: string = import.meta.url): string {
  return fileURLToPath(new URL('../../../python/stt_worker.py', moduleUrl));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finite(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export class WhisperWorker implements SpeechToText {
  readonly python: string;
  readonly workerPath: string;
  readonly config: WhisperConfig;
  private readonly rpc: LineRpc;

  constructor(options: WhisperWorkerOptions = {}) {
    this.python = options.python ?? 'python3';
    this.workerPath = options.workerPath ?? sttWorkerPath();
    this.config = { ...STT_CONFIG_DEFAULTS, ...options.config };
    const workerPath = this.workerPath;
    this.rpc = new LineRpc({
      command: this.python,
      args: [workerPath],
      env: {
        ...process.env,
        ...options.env,
        STT_CONFIG: JSON.stringify(this.config),
        PYTHONUNBUFFERED: '1', // same as `python -u`, and harmless for a non-Python stand-in
        PYTHONIOENCODING: 'utf-8',
      },
      readyTimeoutMs: options.readyTimeoutMs ?? 120_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
      closeGraceMs: options.closeGraceMs ?? 5_000,
      errors: whisperErrors({
        python: this.python,
        workerPath,
        model: String(this.config.model),
        downloadRoot: this.config.download_root,
      }),
      precheck: () => (existsSync(workerPath) ? null : scriptMissing(workerPath)),
      onLog: options.onLog,
    });
  }

  /** The `ready` line's facts, once started. */
  get info(): WhisperReadyInfo | null {
    const ready = this.rpc.readyMessage;
    return ready && readyInfo(ready, String(this.config.model));
  }
  get loadMs(): number | undefined {
    return this.info?.loadMs;
  }
  get warmupMs(): number | undefined {
    return this.info?.warmupMs;
  }
  /** The worker's process id while it runs. */
  get pid(): number | undefined {
    return this.rpc.pid;
  }
  /** The last stderr lines (for debugging and error messages). */
  get stderrLines(): readonly string[] {
    return this.rpc.stderrLines;
  }
  /** The last stdout lines that were not protocol lines (kept for debugging, otherwise ignored). */
  get ignoredLines(): readonly string[] {
    return this.rpc.ignoredLines;
  }

  async start(): Promise<void> {
    await this.rpc.start();
  }

  async transcribe(pcm: Buffer, opts: { signal?: AbortSignal } = {}): Promise<Transcript> {
    const msg = await this.rpc.request({ op: 'transcribe', pcm_b64: pcm.toString('base64') }, opts.signal);
    return toTranscript(msg, pcm);
  }

  /** A round trip to the worker (health check). */
  async ping(opts: { signal?: AbortSignal } = {}): Promise<void> {
    await this.rpc.request({ op: 'ping' }, opts.signal);
  }

  close(): Promise<void> {
    return this.rpc.close();
  }
}

function readyInfo(msg: RpcMessage, configuredModel: string): WhisperReadyInfo {
  return {
    model: typeof msg.model === 'string' ? msg.model : configuredModel,
    device: typeof msg.device === 'string' ? msg.device : undefined,
    computeType: typeof msg.compute_type === 'string' ? msg.compute_type : undefined,
    loadMs: finite(msg.load_ms) ?? 0,
    warmupMs: finite(msg.warmup_ms) ?? 0,
  };
}

function toTranscript(msg: Record<string, unknown>, pcm: Buffer): Transcript {
  if (typeof msg.text !== 'string') {
    throw new CoachError('The speech-to-text worker sent an answer without text.', {
      hint: 'Check that python/stt_worker.py matches this version of interview-coach.',
    });
  }
  const words: WordTiming[] = [];
  if (Array.isArray(msg.words)) {
    for (const w of msg.words) {
      if (!isRecord(w) || typeof w.word !== 'string') continue;
      const start = finite(w.start);
      const end = finite(w.end);
      const word = w.word.trim(); // faster-whisper words carry a leading space
      if (!word || start === undefined || end === undefined) continue;
      const probability = finite(w.probability);
      words.push(probability === undefined ? { word, start, end } : { word, start, end, probability });
    }
  }
  return {
    text: msg.text.trim(),
    words,
    duration: finite(msg.duration) ?? pcm.length / 2 / SAMPLE_RATE,
    language: typeof msg.language === 'string' ? msg.language : undefined,
    elapsedMs: finite(msg.elapsed_ms) ?? 0,
  };
}
