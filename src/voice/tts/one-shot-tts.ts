/**
 * Fallback text-to-speech engines, one short process per sentence (they start in milliseconds).
 * One class, OneShotTts, runs them; each engine is a command builder:
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
 */
import { unlink } from 'node:fs/promises';
import { CoachError } from '../../shared/errors.js';
import { findExecutable, run, type RunResult } from '../../shared/exec.js';
import { approxDuration } from '../../shared/format.js';
import { lastLine, singleLine } from '../../shared/text.js';
import { cleanLine } from '../../shared/sanitize.js';
import type { SpeechClip, TextToSpeech } from '../contracts.js';
import { clipInfo, reserveClipPath, writeEmptyClip } from '../audio/clips.js';
import { isSpeakable } from './speakable.js';

/** Both engines write this rate (and empty clips use it too). */
const SAMPLE_RATE = 22050;

/** How to run one engine. */
export interface OneShotEngine {
  readonly name: 'espeak-ng' | 'say';
  /** The command or its path. */
  readonly command: string;
  /** Clip names: `<prefix>-0001.wav`. */
  readonly clipPrefix: string;
  /** Longest wait for one sentence. */
  readonly timeoutMs: number;
  /** The message when the command is not there. */
  readonly missing: string;
  /** How to install it. */
  readonly installHint: string;
  /** The hint when it ran but made no audio (a wrong voice name, most of the time). */
  readonly failureHint: string;
  /** Arguments of a quick run that shows it works (null: being found is enough). */
  readonly probeArgs: readonly string[] | null;
  /** The arguments (and stdin) that write `text` as a WAV to `dest`. */
  commandLine(text: string, dest: string): { args: string[]; input?: string };
}

/** Runs a OneShotEngine per sentence; the clip must exist and be a WAV, whatever the exit status says. */
export class OneShotTts implements TextToSpeech {
  readonly name: OneShotEngine['name'];
  private exe: string | null = null;

  constructor(private readonly engine: OneShotEngine) {
    this.name = engine.name;
  }

  async start(): Promise<void> {
    if (this.exe) return;
    const { engine } = this;
    const exe = findExecutable(engine.command);
    if (!exe) throw new CoachError(engine.missing, { hint: engine.installHint });
    if (engine.probeArgs) {
      const result = await run(exe, engine.probeArgs, { timeoutMs: engine.timeoutMs });
      if (!result.ok) {
        throw new CoachError(`${engine.name} could not be run: ${failureReason(result, engine.timeoutMs)}`, {
          hint: engine.installHint,
        });
      }
    }
    this.exe = exe;
  }

  async synthesize(sentence: string, outDir: string): Promise<SpeechClip> {
    await this.start();
    const exe = this.exe;
    if (!exe) throw new CoachError(this.engine.missing, { hint: this.engine.installHint });
    const text = singleLine(sentence);
    const dest = await reserveClipPath(outDir, this.engine.clipPrefix);
    try {
      if (isSpeakable(text)) await this.speak(exe, text, dest);
      else writeEmptyClip(dest, SAMPLE_RATE);
      return clipInfo(dest);
    } catch (err) {
      await unlink(dest).catch(() => {});
      throw err;
    }
  }

  private async speak(exe: string, text: string, dest: string): Promise<void> {
    const { engine } = this;
    const { args, input } = engine.commandLine(text, dest);
    const result = await run(exe, args, { input, timeoutMs: engine.timeoutMs });
    if (result.startError || result.timedOut) {
      throw new CoachError(`${engine.name} failed: ${failureReason(result, engine.timeoutMs)}`, {
        hint: engine.installHint,
      });
    }
    if (result.code !== 0 || !wroteWav(dest)) {
      const why = cleanLine(lastLine(result.stderr)) || (result.code !== 0 ? exitReason(result) : 'it wrote no audio');
      throw new CoachError(`${engine.name} failed: ${why}`, { hint: engine.failureHint });
    }
  }

  async close(): Promise<void> {
    // Nothing runs between sentences.
  }
}

function wroteWav(path: string): boolean {
  try {
    clipInfo(path);
    return true;
  } catch {
    return false;
  }
}

function exitReason(result: RunResult): string {
  return result.code !== null ? `exit code ${result.code}` : `killed by ${result.signal}`;
}

function failureReason(result: RunResult, timeoutMs: number): string {
  if (result.startError) return result.startError.message;
  if (result.timedOut) return `no answer within ${approxDuration(timeoutMs)}`;
  return cleanLine(lastLine(result.stderr)) || exitReason(result);
}

// ---------------------------------------------------------------------------------------------

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

/** espeak-ng, checked with `--version` at start. */
export function espeakEngine(opts: EspeakOptions = {}): OneShotEngine {
  const voice = opts.voice ?? 'en-us';
  const rate = opts.rate ?? 170;
  return {
    name: 'espeak-ng',
    command: opts.espeakPath ?? 'espeak-ng',
    clipPrefix: 'espeak',
    timeoutMs: opts.timeoutMs ?? 30_000,
    missing: 'espeak-ng is not installed.',
    installHint: ESPEAK_HINT,
    failureHint: `Check the voice name (espeak-ng --voices=en). ${ESPEAK_HINT}`,
    probeArgs: ['--version'],
    // '--' ends the options: a sentence starting with '-' is text, not a flag.
    commandLine: (text, dest) => ({ args: ['-v', voice, '-s', String(rate), '-w', dest, '--', text] }),
  };
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

/** macOS `say`, writing 16-bit little-endian WAVE at 22050 Hz. */
export function sayEngine(opts: SayOptions = {}): OneShotEngine {
  return {
    name: 'say',
    command: opts.sayPath ?? 'say',
    clipPrefix: 'say',
    timeoutMs: opts.timeoutMs ?? 30_000,
    missing: 'The macOS `say` command is not available.',
    installHint: '`say` is part of macOS; elsewhere install espeak-ng or Piper.',
    failureHint: 'Check the voice name (say -v "?").',
    probeArgs: null,
    commandLine: (text, dest) => {
      const args: string[] = [];
      if (opts.voice) args.push('-v', opts.voice);
      if (opts.rate) args.push('-r', String(opts.rate));
      // Text on stdin (-f -), so nothing in it can be read as an option.
      args.push('-o', dest, '--file-format=WAVE', `--data-format=LEI16@${SAMPLE_RATE}`, '-f', '-');
      return { args, input: `${text}\n` };
    },
  };
}
