/** Where `voice setup` puts everything: one folder under the data folder, removed in one go. */
import { lstatSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { dataDir } from '../../shared/paths.js';
import { venvPaths, type VenvPaths } from '../../voice/setup/venv-paths.js';

export const DEFAULT_WHISPER_MODEL = 'base.en';
export const DEFAULT_PIPER_VOICE = 'en_US-lessac-medium';

/**
 * About how much the first run downloads and how much room it takes (README "Voice mode"):
 * wheels measured on Linux x86_64 for Python 3.11 (av 36 MB, onnxruntime 24, numpy 17,
 * tokenizers 3.4) plus ctranslate2 and piper-tts, base.en's model.bin (float16) and the
 * medium voice; installed, the packages take a few times their wheels.
 */
export const DOWNLOAD_MB = 350;
export const DISK_MB = 1000;

export interface VoiceLayout {
  /** <data>/voice: everything below is ours. */
  root: string;
  venv: VenvPaths;
  modelsDir: string;
  voicesDir: string;
  /** The whole output of the last run's steps. */
  log: string;
}

export function voiceLayout(env: NodeJS.ProcessEnv = process.env): VoiceLayout {
  const root = join(dataDir(env), 'voice');
  return {
    root,
    venv: venvPaths(join(root, 'venv')),
    modelsDir: join(root, 'models'),
    voicesDir: join(root, 'piper'),
    log: join(root, 'setup.log'),
  };
}

/** The model's own folder: its size name, or a Hub id with the slash made safe. */
export function modelFolder(layout: VoiceLayout, model: string): string {
  return join(layout.modelsDir, `faster-whisper-${model.replace(/\//g, '--')}`);
}

/** Whether a setting's value is a path inside our folder (ours to reset on `voice remove`). */
export function isInside(layout: VoiceLayout, value: unknown): boolean {
  if (typeof value !== 'string' || !isAbsolute(value)) return false;
  const rel = relative(layout.root, value);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Bytes under a path, symlinks counted as links (a venv links to the base Python). */
export function diskUsage(path: string): number {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.size;
  return readdirSync(path).reduce((sum, name) => sum + diskUsage(join(path, name)), 0);
}
