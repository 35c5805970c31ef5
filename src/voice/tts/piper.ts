/**
 * Piper text-to-speech, kept running for the whole session (one process, voice loaded once).
 *
 * Protocol: one sentence per stdin line in "output directory" mode (`-d DIR`): Piper writes one
 * WAV per line into DIR and reports its path. That is the cleanest framing Piper offers (raw mode
 * has no end-of-sentence marker). The two Piper CLIs report the path differently:
 *
 * - legacy C++ `piper` (rhasspy/piper 1.2): the path on stdout, one line per WAV, flushed.
 *   Flags use underscores; `--output-dir` with dashes is silently ignored there (so `--output_dir`).
 *   Caveat: it prints the path before it closes the WAV, so the file's tail may still be in
 *   its stdio buffer; we wait until the file is as long as its header says.
 * - Python `piper-tts` >= 1.3 (OHF-Voice/piper1-gpl): nothing on stdout; stderr gets
 *   `INFO:__main__:Wrote <path>` once the file is closed. Flags are spelled with dashes, and any
 *   flag it does not know becomes text to speak (it then never reads stdin), so we only pass flags
 *   it has. It also skips empty lines and fails on a line that yields no audio, so lines without
 *   a letter or digit never reach it.
 *
 * `flavor: 'auto'` (the default) runs `piper --help` once at start(): the Python CLI's help
 * mentions `--output-dir-naming` / `--data-dir`, the C++ one has neither. Paths are accepted from
 * either channel whatever the flavor, so a wrong guess costs only the flag spelling.
 *
 * Requests are queued and sent one at a time; each has a timeout (default 30 s). If Piper dies or
 * times out, every pending request is rejected with its last stderr line, and the next request
 * starts a fresh process.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CoachError, errorMessage } from '../../shared/errors.js';
import { findExecutable, run, startProcess, type ExitStatus, type LiveProcess } from '../../shared/exec.js';
import { approxDuration } from '../../shared/format.js';
import { singleLine } from '../../shared/text.js';
import { cleanLine } from '../../shared/sanitize.js';
import type { SpeechClip, TextToSpeech } from '../contracts.js';
import { clipInfo, moveFile, reserveClipPath, writeEmptyClip } from '../audio/clips.js';
import { isSpeakable } from './speakable.js';

export type PiperFlavor = 'cpp' | 'python';

export interface PiperOptions {
  /** The piper command or path (default 'piper'). */
  piperPath?: string;
  /** The voice model, a .onnx file. */
  voice: string;
  /** The voice config (default: the voice path + '.json'). */
  config?: string;
  /** Phoneme length: 1 normal, < 1 faster, > 1 slower. */
  lengthScale?: number;
  /** Which Piper CLI this is (default 'auto': detected from `piper --help`). */
  flavor?: PiperFlavor | 'auto';
  /** Longest wait for one sentence (default 30 s). */
  timeoutMs?: number;
  /** Longest wait for start(): help, voice load and a warm-up sentence (default 60 s). */
  startTimeoutMs?: number;
  /** Environment for the piper process (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

const PIPER_INSTALL_HINT =
  'Install Piper and a voice with `interview-coach voice setup`, or let interview-coach use espeak-ng.';
const VOICE_HINT =
  'Download a voice with `interview-coach voice setup --voice en_US-lessac-medium`, or both files (.onnx and .onnx.json) from https://huggingface.co/rhasspy/piper-voices; then: interview-coach config set piperVoice /path/to/en_US-lessac-medium.onnx';
const DEFAULT_SAMPLE_RATE = 22050;
const WROTE_LINE = /^INFO:[^:]*:Wrote (.+?)\s*$/;
/** close(): how long Piper may take to finish after end of input before it is killed. */
const CLOSE_GRACE_MS = 2000;

interface Job {
  line: string;
  timeoutMs: number;
  started: boolean;
  timer?: NodeJS.Timeout;
  resolve(path: string): void;
  reject(err: Error): void;
}

export class PiperTts implements TextToSpeech {
  readonly name = 'piper';
  /** The Piper CLI in use (known after start()). */
  flavor: PiperFlavor | null = null;
  /** audio.sample_rate from the voice config (known after start()). */
  sampleRate = DEFAULT_SAMPLE_RATE;

  private readonly piperPath: string;
  private readonly voice: string;
  private readonly config: string;
  private readonly timeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly env: NodeJS.ProcessEnv;
  private exe: string | null = null;
  private workDir: string | null = null;
  private proc: LiveProcess | null = null;
  private lastStderr = '';
  private readonly jobs: Job[] = [];
  /** synthesize() calls run one after another, in call order (so clip names follow it too). */
  private chain: Promise<unknown> = Promise.resolve();
  /** Counts deaths/timeouts: a call queued before one fails with it instead of restarting Piper. */
  private failures = 0;
  private lastFailure: Error | null = null;
  private readonly seen = new Set<string>();
  private starting: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly opts: PiperOptions) {
    this.piperPath = opts.piperPath ?? 'piper';
    this.voice = resolve(opts.voice);
    this.config = resolve(opts.config ?? `${opts.voice}.json`);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.startTimeoutMs = opts.startTimeoutMs ?? 60_000;
    this.env = opts.env ?? process.env;
  }

  start(): Promise<void> {
    this.starting ??= this.doStart().catch((err) => {
      this.starting = null;
      this.kill();
      if (this.workDir) rmSync(this.workDir, { recursive: true, force: true });
      this.workDir = null;
      throw err;
    });
    return this.starting;
  }

  private async doStart(): Promise<void> {
    this.closed = false;
    this.exe = findExecutable(this.piperPath, this.env);
    if (!this.exe) throw new CoachError('Piper is not installed.', { hint: PIPER_INSTALL_HINT });
    if (!isFile(this.voice)) {
      throw new CoachError(`Piper voice not found: ${this.voice}`, { hint: VOICE_HINT });
    }
    if (!isFile(this.config)) {
      throw new CoachError(`Piper voice config not found: ${this.config}`, { hint: VOICE_HINT });
    }
    this.sampleRate = readSampleRate(this.config);
    const flavor = this.opts.flavor ?? 'auto';
    this.flavor = flavor === 'auto' ? await this.detectFlavor(this.exe) : flavor;
    this.workDir = mkdtempSync(join(tmpdir(), 'ic-piper-'));

    // Warm up: the first sentence pays for loading the voice; its audio is thrown away.
    try {
      const path = await this.request('Ready.', this.startTimeoutMs);
      await waitForCompleteWav(path, Date.now() + this.timeoutMs);
      await unlink(path).catch(() => {});
    } catch (err) {
      if (err instanceof CoachError && err.message === 'Piper is not installed.') throw err;
      throw new CoachError(`Piper could not start: ${stripPiperPrefix(errorMessage(err))}`, {
        hint: `Run it by hand to see the whole error: echo hello | ${this.piperPath} --model ${this.voice} --output_dir /tmp; or let interview-coach use espeak-ng.`,
        cause: err,
      });
    }
  }

  /** `piper --help` once: the Python CLI mentions --output-dir-naming / --data-dir. */
  private async detectFlavor(exe: string): Promise<PiperFlavor> {
    const help = await run(exe, ['--help'], { env: this.env, timeoutMs: Math.min(this.startTimeoutMs, 15_000) });
    if (help.startError) throw cannotRun(help.startError);
    return /--output-dir-naming|--data-dir/.test(help.output) ? 'python' : 'cpp';
  }

  private args(workDir: string): string[] {
    const cpp = this.flavor !== 'python';
    const args = ['--model', this.voice, '--config', this.config];
    args.push(cpp ? '--output_dir' : '--output-dir', workDir);
    args.push(cpp ? '--sentence_silence' : '--sentence-silence', '0');
    if (this.opts.lengthScale !== undefined) {
      args.push(cpp ? '--length_scale' : '--length-scale', String(this.opts.lengthScale));
    }
    return args;
  }

  private spawnProcess(exe: string, workDir: string): LiveProcess {
    const proc = startProcess(exe, this.args(workDir), { env: this.env, killGraceMs: CLOSE_GRACE_MS });
    this.proc = proc;
    this.lastStderr = '';
    proc.onLine('stdout', (line) => {
      if (this.proc !== proc) return;
      const path = line.trim();
      if (path.toLowerCase().endsWith('.wav')) this.onPath(path);
    });
    proc.onLine('stderr', (line) => {
      if (this.proc !== proc) return;
      const text = line.trim();
      if (!text) return;
      const wrote = WROTE_LINE.exec(text);
      if (wrote?.[1]) this.onPath(wrote[1]);
      else this.lastStderr = cleanLine(text); // quoted in errors: a tool's words are untrusted
    });
    void proc.exited.then((status) => this.onExit(proc, status));
    return proc;
  }

  /** Piper went away (or never started): what waits on it fails with the reason. */
  private onExit(proc: LiveProcess, status: ExitStatus): void {
    if (this.proc !== proc) return;
    this.proc = null;
    if (status.startError) {
      this.failAll(cannotRun(status.startError));
      return;
    }
    if (this.closed) return;
    const why = this.lastStderr || (status.code !== null ? `exit code ${status.code}` : `killed by ${status.signal}`);
    this.failAll(
      new CoachError(`Piper stopped: ${why}`, {
        hint: 'The next sentence restarts it. If this repeats, run piper by hand to see the whole error, or let interview-coach use espeak-ng.',
      }),
    );
  }

  private onPath(reported: string): void {
    const path = resolve(this.workDir ?? '.', reported);
    if (this.seen.has(path)) return; // the same WAV reported on both channels
    this.seen.add(path);
    const job = this.jobs[0];
    if (!job || !job.started) {
      void unlink(path).catch(() => {});
      return;
    }
    clearTimeout(job.timer);
    this.jobs.shift();
    job.resolve(path);
    this.pump();
  }

  private failAll(err: Error): void {
    this.failures++;
    this.lastFailure = err;
    const jobs = this.jobs.splice(0);
    for (const job of jobs) {
      clearTimeout(job.timer);
      job.reject(err);
    }
  }

  private kill(): void {
    const proc = this.proc;
    this.proc = null;
    if (proc?.running) {
      proc.stdin?.end();
      proc.kill('SIGKILL');
    }
  }

  /** Sends one line when Piper is free; starts a process when there is none. */
  private pump(): void {
    const job = this.jobs[0];
    if (!job || job.started || this.closed) return;
    const { exe, workDir } = this;
    if (!exe || !workDir) {
      // Not started, or stopped: nothing could answer this line.
      this.jobs.shift();
      job.reject(new CoachError('Piper was closed.'));
      return;
    }
    const proc = this.proc ?? this.spawnProcess(exe, workDir);
    job.started = true;
    // The clock runs from the moment the line is sent, not while it waits in the queue.
    job.timer = setTimeout(() => {
      // The protocol is out of step now: drop this process, fail what waits on it.
      this.failAll(
        new CoachError(`Piper gave no audio within ${approxDuration(job.timeoutMs)}.`, {
          hint: 'The voice may be too slow for this computer (try a low or medium voice), or let interview-coach use espeak-ng.',
        }),
      );
      this.kill();
    }, job.timeoutMs);
    proc.writeLine(job.line);
  }

  /** Queues one line; resolves with the path of the WAV Piper wrote for it. */
  private request(line: string, timeoutMs: number): Promise<string> {
    return new Promise<string>((resolvePromise, reject) => {
      this.jobs.push({ line, timeoutMs, started: false, resolve: resolvePromise, reject });
      this.pump();
    });
  }

  /**
   * One sentence → one WAV in outDir (piper-0001.wav, …). Calls are queued; if Piper dies or
   * times out, the calls queued until then are rejected with its last stderr line, and the next
   * call starts a new Piper process.
   */
  synthesize(sentence: string, outDir: string): Promise<SpeechClip> {
    if (this.closed) return Promise.reject(new CoachError('Piper was closed.'));
    const generation = this.failures;
    const run = this.chain.then(() => {
      if (this.failures !== generation && this.lastFailure) throw this.lastFailure;
      return this.synthesizeNow(sentence, outDir);
    });
    this.chain = run.catch(() => {});
    return run;
  }

  private async synthesizeNow(sentence: string, outDir: string): Promise<SpeechClip> {
    if (this.closed) throw new CoachError('Piper was closed.');
    await this.start();
    const line = singleLine(sentence);
    const dest = await reserveClipPath(outDir, 'piper');
    try {
      if (!isSpeakable(line)) {
        // Nothing to say: an empty clip (Python piper fails on a line that yields no audio).
        writeEmptyClip(dest, this.sampleRate);
      } else {
        const path = await this.request(line, this.timeoutMs);
        await waitForCompleteWav(path, Date.now() + this.timeoutMs);
        await moveFile(path, dest);
        this.seen.delete(path);
      }
      return clipInfo(dest);
    } catch (err) {
      await unlink(dest).catch(() => {});
      throw err;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new CoachError('Piper was closed.'));
    const proc = this.proc;
    this.proc = null;
    // Piper ends at EOF on stdin; one that does not is killed after CLOSE_GRACE_MS.
    if (proc?.running) await proc.endInput();
    if (this.workDir) rmSync(this.workDir, { recursive: true, force: true });
    this.workDir = null;
    this.starting = null;
  }
}

/** Piper could not be started: not there (ENOENT) or not executable (EACCES), or another reason. */
function cannotRun(startError: NonNullable<ExitStatus['startError']>): CoachError {
  return startError.code === 'ENOENT' || startError.code === 'EACCES'
    ? new CoachError('Piper is not installed.', { hint: PIPER_INSTALL_HINT })
    : new CoachError(`Piper could not be run: ${startError.message}`, { hint: PIPER_INSTALL_HINT });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** audio.sample_rate from a Piper voice config; 22050 when missing (as Piper itself does). */
export function readSampleRate(configPath: string): number {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(configPath, 'utf8'));
  } catch (err) {
    throw new CoachError(`Piper voice config is not valid JSON: ${configPath}`, { hint: VOICE_HINT, cause: err });
  }
  const rate = (json as { audio?: { sample_rate?: unknown } } | null)?.audio?.sample_rate;
  return typeof rate === 'number' && Number.isInteger(rate) && rate > 0 ? rate : DEFAULT_SAMPLE_RATE;
}

function stripPiperPrefix(message: string): string {
  return message.replace(/^Piper (stopped|could not be run): /, '').replace(/\.$/, '');
}

/**
 * Waits until a WAV file is as long as its header says. C++ piper prints the path before it
 * closes the file, so the last bytes may land a moment later.
 */
export async function waitForCompleteWav(path: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const fh = await open(path, 'r');
      try {
        const { size } = await fh.stat();
        const head = Buffer.alloc(Math.min(size, 4096));
        await fh.read(head, 0, head.length, 0);
        const expected = wavExpectedSize(head);
        if (expected !== null && size >= expected) return;
      } finally {
        await fh.close();
      }
    } catch {
      // not there or header not complete yet
    }
    if (Date.now() > deadline) {
      throw new CoachError(`Piper's audio file never completed: ${path}`, {
        hint: 'Check free disk space in the temp folder, or let interview-coach use espeak-ng.',
      });
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * The file size a WAV header promises (start of the data chunk + its declared size), or null
 * while the header is incomplete. A placeholder size ("read to the end") promises nothing more.
 */
function wavExpectedSize(head: Buffer): number | null {
  if (head.length < 12 || head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE')
    return null;
  let pos = 12;
  while (pos + 8 <= head.length) {
    const size = head.readUInt32LE(pos + 4);
    if (head.toString('ascii', pos, pos + 4) === 'data') {
      return size === 0x7ffff000 || size === 0xffffffff ? pos + 8 : pos + 8 + size;
    }
    pos += 8 + size + (size % 2);
  }
  return null;
}
