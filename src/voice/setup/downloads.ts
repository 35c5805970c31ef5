/**
 * The Whisper model and the Piper voice, fetched with the engines' own download functions run by
 * the venv's Python. Each is downloaded into a staging folder and moved into place only once it
 * is complete: an interrupted download never looks finished (piper.download_voices itself takes
 * any non-empty file for a finished one, and writes in place).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CoachError } from '../../shared/errors.js';
import { downloadFailure, setupStopped, type FailureContext } from './setup-failures.js';
import { runStreamed, type StreamedRunOptions } from './streamed-run.js';
import { venvEnv } from './venv-paths.js';

/** faster-whisper 1.2.1's size names (faster_whisper/utils.py _MODELS); a Hub id "owner/name" works too. */
export const WHISPER_MODELS = [
  'tiny.en',
  'tiny',
  'base.en',
  'base',
  'small.en',
  'small',
  'medium.en',
  'medium',
  'large-v1',
  'large-v2',
  'large-v3',
  'large',
  'distil-large-v2',
  'distil-medium.en',
  'distil-small.en',
  'distil-large-v3',
  'distil-large-v3.5',
  'large-v3-turbo',
  'turbo',
] as const;

/** `<lang>_<REGION>-<name>-<quality>`, piper.download_voices' VOICE_PATTERN, without path characters. */
const VOICE_NAME = /^[^-\s/\\]+_[^-\s/\\]+-[^-\s/\\]+-[^\s/\\]+$/;
const HUB_ID = /^[\w.-]+\/[\w.-]+$/;

export function isWhisperModelName(name: string): boolean {
  return (WHISPER_MODELS as readonly string[]).includes(name) || HUB_ID.test(name);
}

export function isPiperVoiceName(name: string): boolean {
  return VOICE_NAME.test(name);
}

/** What faster-whisper needs offline: the weights, the config and the tokenizer (else it fetches one). */
const MODEL_FILES = ['model.bin', 'config.json', 'tokenizer.json'];

function nonEmptyFile(path: string): boolean {
  try {
    return statSync(path).isFile() && statSync(path).size > 0;
  } catch {
    return false;
  }
}

export function whisperModelReady(dir: string): boolean {
  return MODEL_FILES.every((f) => nonEmptyFile(join(dir, f)));
}

export async function downloadWhisperModel(
  python: string,
  model: string,
  target: string,
  ctx: FailureContext,
  opts: StreamedRunOptions,
): Promise<void> {
  const staging = `${target}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  // faster_whisper.download_model(size_or_id, output_dir=...): a plain copy of the model files in output_dir.
  const code =
    'import sys\nfrom faster_whisper import download_model\ndownload_model(sys.argv[1], output_dir=sys.argv[2])';
  const r = await runStreamed(python, ['-c', code, model, staging], { ...opts, env: venvEnv(opts.env) });
  if (r.cancelled) throw setupStopped();
  if (!r.ok) throw downloadFailure(`Whisper model ${model}`, r.tail, ctx);
  if (!whisperModelReady(staging)) {
    throw new CoachError(`The Whisper model ${model} downloaded without ${MODEL_FILES.join(', ')}.`, {
      hint: 'Choose a faster-whisper (CTranslate2) model, such as base.en or small.en: interview-coach voice setup --model base.en',
    });
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
}

export function piperVoiceFiles(dir: string, voice: string): { onnx: string; config: string } {
  return { onnx: join(dir, `${voice}.onnx`), config: join(dir, `${voice}.onnx.json`) };
}

/** Both files are there and the config is a JSON object (Piper reads the sample rate from it). */
export function piperVoiceReady(dir: string, voice: string): boolean {
  const files = piperVoiceFiles(dir, voice);
  if (!nonEmptyFile(files.onnx) || !nonEmptyFile(files.config)) return false;
  try {
    const config: unknown = JSON.parse(readFileSync(files.config, 'utf8'));
    return typeof config === 'object' && config !== null && !Array.isArray(config);
  } catch {
    return false;
  }
}

export async function downloadPiperVoice(
  python: string,
  voice: string,
  dir: string,
  ctx: FailureContext,
  opts: StreamedRunOptions,
): Promise<void> {
  const staging = join(dir, '.partial');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  const r = await runStreamed(python, ['-m', 'piper.download_voices', voice, '--download-dir', staging], {
    ...opts,
    env: venvEnv(opts.env),
  });
  if (r.cancelled) throw setupStopped();
  if (!r.ok) throw downloadFailure(`Piper voice ${voice}`, r.tail, ctx);
  if (!piperVoiceReady(staging, voice)) {
    throw new CoachError(`The Piper voice ${voice} downloaded without its .onnx and .onnx.json files.`, {
      hint: `Try again with --force; the full output is in ${ctx.log}.`,
    });
  }
  const from = piperVoiceFiles(staging, voice);
  const to = piperVoiceFiles(dir, voice);
  // The config last: piperVoiceReady needs both, so a stop between the two renames redoes the voice.
  rmSync(to.config, { force: true });
  renameSync(from.onnx, to.onnx);
  renameSync(from.config, to.config);
  rmSync(staging, { recursive: true, force: true });
}
