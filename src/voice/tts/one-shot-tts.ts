/**
 * Fallback text-to-speech engines, one short process per sentence (they start in milliseconds):
 *
 * - espeak-ng (Linux, also brew on macOS): `espeak-ng -v en-us -s 170 -w <file.wav> -- <text>`.
 *   The `--` matters: espeak-ng parses its argv with getopt, so a sentence such as "-5 degrees"
 *   or "-x marks the spot" would otherwise be taken as options (it then prints "invalid option"
 *   and writes no file, and its exit status does not always say so, so we check the file too).
 *   Output: 16-bit mono WAV at 22050 Hz with correct sizes.
 * - say (macOS): `say [-v voice] [-r rate] -o <file.wav> --file-format=WAVE --data-format=LEI16@22050 -f -`
 *   with the text on stdin. We ask `say` for WAVE directly (little-endian 16-bit integer at
 *   22050 Hz, the same format as espeak-ng) instead of writing AIFF and converting; the text goes
 *   through stdin so it is never parsed as an option. Not testable on Linux.
 *
 * pickTts() chooses: Piper when a voice is configured and it starts, else espeak-ng (Linux) or
 * say (macOS), with a notice saying why Piper is not used.
 */
import { spawn } from 'node:child_process';
import { unlink } from 'node:fs/promises';
import { CoachError, errorMessage } from '../../shared/errors.js';
import type { SpeechClip, TextToSpeech } from '../contracts.js';
import {
  clipInfo,
  findExecutable,
  isSpeakable,
  oneLine,
  PiperTts,
  reserveClipPath,
  writeEmptyClip,
  type PiperOptions,
} from './piper.js';

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs a command to completion (with a timeout), optionally feeding stdin. */
function run(
  command: string,
  args: string[],
  opts: { input?: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: opts.env ?? process.env, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.on('error', () => {});
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) reject(new Error(`no answer within ${Math.round(opts.timeoutMs / 1000)} s`));
      else resolve({ code, signal, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? ''
  );
}

export interface EspeakOptions {
  /** The espeak-ng command or path (default 'espeak-ng'). */
  espeakPath?: string;
  /** Voice (default 'en-us'). */
  voice?: string;
  /** Words per minute (default 170). */
  rate?: number;
  /** Longest wait for one sentence (default 30 s). */
  timeoutMs?: number;
}

const ESPEAK_HINT =
  'Install espeak-ng (sudo apt-get install espeak-ng, or brew install espeak-ng), or install Piper with a voice.';

export class EspeakTts implements TextToSpeech {
  readonly name = 'espeak-ng';
  private readonly command: string;
  private readonly voice: string;
  private readonly rate: number;
  private readonly timeoutMs: number;
  private exe: string | null = null;

  constructor(opts: EspeakOptions = {}) {
    this.command = opts.espeakPath ?? 'espeak-ng';
    this.voice = opts.voice ?? 'en-us';
    this.rate = opts.rate ?? 170;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  async start(): Promise<void> {
    if (this.exe) return;
    const exe = findExecutable(this.command);
    if (!exe) throw new CoachError('espeak-ng is not installed.', { hint: ESPEAK_HINT });
    let result: RunResult;
    try {
      result = await run(exe, ['--version'], { timeoutMs: this.timeoutMs });
    } catch (err) {
      throw new CoachError(`espeak-ng could not be run: ${errorMessage(err)}`, { hint: ESPEAK_HINT });
    }
    if (result.code !== 0) {
      throw new CoachError(`espeak-ng could not be run: ${lastLine(result.stderr) || `exit code ${result.code}`}`, {
        hint: ESPEAK_HINT,
      });
    }
    this.exe = exe;
  }

  async synthesize(sentence: string, outDir: string): Promise<SpeechClip> {
    await this.start();
    const text = oneLine(sentence);
    const dest = await reserveClipPath(outDir, 'espeak');
    try {
      if (!isSpeakable(text)) {
        writeEmptyClip(dest, 22050);
      } else {
        let result: RunResult;
        try {
          // '--' ends the options: a sentence starting with '-' is text, not a flag.
          result = await run(this.exe!, ['-v', this.voice, '-s', String(this.rate), '-w', dest, '--', text], {
            timeoutMs: this.timeoutMs,
          });
        } catch (err) {
          throw new CoachError(`espeak-ng failed: ${errorMessage(err)}`, { hint: ESPEAK_HINT });
        }
        let wrote = false;
        try {
          wrote = clipInfo(dest) !== null;
        } catch {
          // no WAV: reported below
        }
        if (result.code !== 0 || !wrote) {
          const why = lastLine(result.stderr) || (result.code !== 0 ? `exit code ${result.code}` : 'it wrote no audio');
          throw new CoachError(`espeak-ng failed: ${why}`, {
            hint: `Check the voice name (espeak-ng --voices=en). ${ESPEAK_HINT}`,
          });
        }
      }
      return clipInfo(dest);
    } catch (err) {
      await unlink(dest).catch(() => {});
      throw err;
    }
  }

  async close(): Promise<void> {
    // Nothing runs between sentences.
  }
}

export interface SayOptions {
  /** The say command or path (default 'say'). */
  sayPath?: string;
  /** A macOS voice name (default: the system voice). */
  voice?: string;
  /** Words per minute (default: the system rate). */
  rate?: number;
  timeoutMs?: number;
}

const SAY_HINT = '`say` is part of macOS; elsewhere install espeak-ng or Piper.';

/** macOS `say`, writing 16-bit little-endian WAVE at 22050 Hz. */
export class SayTts implements TextToSpeech {
  readonly name = 'say';
  private readonly command: string;
  private readonly timeoutMs: number;
  private exe: string | null = null;

  constructor(private readonly opts: SayOptions = {}) {
    this.command = opts.sayPath ?? 'say';
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  async start(): Promise<void> {
    if (this.exe) return;
    const exe = findExecutable(this.command);
    if (!exe) throw new CoachError('The macOS `say` command is not available.', { hint: SAY_HINT });
    this.exe = exe;
  }

  async synthesize(sentence: string, outDir: string): Promise<SpeechClip> {
    await this.start();
    const text = oneLine(sentence);
    const dest = await reserveClipPath(outDir, 'say');
    try {
      if (!isSpeakable(text)) {
        writeEmptyClip(dest, 22050);
      } else {
        const args: string[] = [];
        if (this.opts.voice) args.push('-v', this.opts.voice);
        if (this.opts.rate) args.push('-r', String(this.opts.rate));
        // Text on stdin (-f -), so nothing in it can be read as an option.
        args.push('-o', dest, '--file-format=WAVE', '--data-format=LEI16@22050', '-f', '-');
        let result: RunResult;
        try {
          result = await run(this.exe!, args, { input: `${text}\n`, timeoutMs: this.timeoutMs });
        } catch (err) {
          throw new CoachError(`say failed: ${errorMessage(err)}`, { hint: SAY_HINT });
        }
        if (result.code !== 0) {
          throw new CoachError(`say failed: ${lastLine(result.stderr) || `exit code ${result.code}`}`, {
            hint: 'Check the voice name (say -v "?").',
          });
        }
      }
      return clipInfo(dest);
    } catch (err) {
      await unlink(dest).catch(() => {});
      throw err;
    }
  }

  async close(): Promise<void> {}
}

export interface PickTtsOptions {
  /** Piper settings; null/undefined or no voice = Piper is not configured. */
  piper?: (Partial<PiperOptions> & { voice?: string | null }) | null;
  espeak?: EspeakOptions;
  say?: SayOptions;
  /** Default: process.platform. */
  platform?: NodeJS.Platform;
}

/**
 * The best engine that works here, started: Piper when configured and it starts; else espeak-ng
 * (Linux) or say (macOS), with a notice saying why Piper is not used. Throws a CoachError with
 * install hints when there is none.
 */
export async function pickTts(opts: PickTtsOptions = {}): Promise<{ tts: TextToSpeech; notice?: string }> {
  let reason = 'no Piper voice is configured';
  const piper = opts.piper;
  if (piper?.voice) {
    const tts = new PiperTts({ ...piper, voice: piper.voice });
    try {
      await tts.start();
      return { tts };
    } catch (err) {
      await tts.close().catch(() => {});
      reason = errorMessage(err).replace(/\.$/, '');
    }
  }

  const platform = opts.platform ?? process.platform;
  const fallbacks: TextToSpeech[] =
    platform === 'darwin'
      ? [new SayTts(opts.say), new EspeakTts(opts.espeak)]
      : [new EspeakTts(opts.espeak), new SayTts(opts.say)];
  const failures: string[] = [];
  for (const tts of fallbacks) {
    try {
      await tts.start();
      return { tts, notice: `Piper is not available (${reason}); speaking with ${tts.name} instead.` };
    } catch (err) {
      failures.push(errorMessage(err));
    }
  }
  throw new CoachError('No text-to-speech engine is available.', {
    hint:
      `Piper: ${reason}; ${failures.join(' ')} ` +
      (platform === 'darwin'
        ? 'Install Piper (pip install piper-tts, plus a voice), or espeak-ng (brew install espeak-ng).'
        : 'Install Piper (pip install piper-tts, plus a voice: python3 -m piper.download_voices en_US-lessac-medium), or espeak-ng (sudo apt-get install espeak-ng).'),
  });
}
