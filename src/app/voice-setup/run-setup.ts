/**
 * `interview-coach voice setup`, step by step: check the base Python, build the private venv,
 * pip install the engines into it, download the Whisper model and the Piper voice, and only
 * then save the four settings that point voice mode at them. Each step is skipped when its
 * result is already complete (checked for real, not remembered), so a second run is quick and a
 * stopped one carries on; --force redoes every step.
 */
import { statfsSync } from 'node:fs';
import { CoachError } from '../../shared/errors.js';
import { byteSize } from '../../shared/format.js';
import { ensurePrivateDir, dataDir } from '../../shared/paths.js';
import {
  checkBasePython,
  createVenv,
  installEngines,
  installedEngines,
  readVenvMarker,
  venvState,
} from '../../voice/setup/venv.js';
import {
  downloadPiperVoice,
  downloadWhisperModel,
  piperVoiceFiles,
  piperVoiceReady,
  whisperModelReady,
} from '../../voice/setup/downloads.js';
import { setupStopped, type FailureContext } from '../../voice/setup/setup-failures.js';
import { readValue, openSettings } from '../settings.js';
import type { SettingKey } from '../setting-keys.js';
import { DISK_MB, DOWNLOAD_MB, diskUsage, modelFolder, type VoiceLayout } from './layout.js';
import { SetupProgress } from './progress.js';

export interface SetupRequest {
  /** The Python that builds the venv. */
  python: string;
  /** It was named with --python: a venv built with another one is rebuilt with it. */
  pythonNamed: boolean;
  model: string;
  voice: string;
  force: boolean;
  verbose: boolean;
  columns: number;
  signal: AbortSignal;
}

export type StepStatus = 'done' | 'skipped';

export interface SetupSummary {
  root: string;
  steps: { step: string; status: StepStatus; detail: string }[];
  /** What was saved, in the settings file. */
  settings: Record<'python' | 'sttModel' | 'piper' | 'piperVoice', string>;
  log: string;
}

const STEPS = 5;

export async function runVoiceSetup(layout: VoiceLayout, req: SetupRequest): Promise<SetupSummary> {
  ensurePrivateDir(dataDir());
  const progress = new SetupProgress(STEPS, { log: layout.log, verbose: req.verbose, columns: req.columns });
  const ctx: FailureContext = { log: layout.log, downloadMb: DOWNLOAD_MB, diskMb: DISK_MB, dir: layout.root };
  const tools = { signal: req.signal, onLine: (line: string) => progress.toolLine(line) };
  const steps: SetupSummary['steps'] = [];
  const record = (step: string, status: StepStatus, detail: string) => {
    steps.push({ step, status, detail });
    progress.result(status === 'skipped' ? `${detail} (already done, skipped)` : detail);
  };
  const stopCheck = () => {
    if (req.signal.aborted) throw setupStopped();
  };

  progress.step(`Python: ${req.python}`);
  const version = await checkBasePython(req.python, req.signal);
  record('python', 'done', `Python ${version}`);
  warnWhenShortOfSpace(layout, progress);

  stopCheck();
  const venv = layout.venv;
  const builtWith = readVenvMarker(venv)?.basePython;
  const state = venvState(venv);
  const otherPython = req.pythonNamed && builtWith !== undefined && builtWith !== req.python;
  const rebuild = req.force || state !== 'built' || otherPython;
  progress.step(`Private environment: ${venv.dir}`);
  if (rebuild) {
    if (state === 'partial') progress.result('a half-built one is there: building it again');
    await createVenv({ python: req.python, version }, venv, ctx, tools);
    record('venv', 'done', 'created');
  } else {
    record('venv', 'skipped', `built with ${builtWith ?? req.python}`);
  }

  stopCheck();
  progress.step('faster-whisper and piper-tts, with pip (the first time this downloads a few hundred MB)');
  const had = rebuild ? null : await installedEngines(venv, req.signal);
  if (had) {
    record('packages', 'skipped', had);
  } else {
    await installEngines(venv, ctx, tools);
    const now = await installedEngines(venv, req.signal);
    if (!now) throw notUsable(layout);
    record('packages', 'done', `installed ${now}`);
  }

  stopCheck();
  const modelDir = modelFolder(layout, req.model);
  progress.step(`Whisper model ${req.model}: ${modelDir}`);
  if (!req.force && whisperModelReady(modelDir)) {
    record('model', 'skipped', byteSize(diskUsage(modelDir)));
  } else {
    await downloadWhisperModel(venv.python, req.model, modelDir, ctx, tools);
    record('model', 'done', `downloaded ${byteSize(diskUsage(modelDir))}`);
  }

  stopCheck();
  const voice = piperVoiceFiles(layout.voicesDir, req.voice);
  progress.step(`Piper voice ${req.voice}: ${voice.onnx}`);
  if (!req.force && piperVoiceReady(layout.voicesDir, req.voice)) {
    record('voice', 'skipped', byteSize(diskUsage(voice.onnx)));
  } else {
    await downloadPiperVoice(venv.python, req.voice, layout.voicesDir, ctx, tools);
    record('voice', 'done', `downloaded ${byteSize(diskUsage(voice.onnx))}`);
  }

  // The last thing done, and only after every step succeeded: a failed or stopped setup leaves
  // the settings as they were, so voice mode never points at half an installation.
  stopCheck();
  const settings = { python: venv.python, sttModel: modelDir, piper: venv.piper, piperVoice: voice.onnx };
  saveSettings(settings);
  progress.say(`Saved settings: ${Object.keys(settings).join(', ')} (see \`interview-coach config list\`).`);
  return { root: layout.root, steps, settings, log: layout.log };
}

function saveSettings(values: SetupSummary['settings']): void {
  for (const [key, value] of Object.entries(values)) readValue(key as SettingKey, value);
  openSettings().set(values);
}

function notUsable(layout: VoiceLayout): CoachError {
  return new CoachError(`pip finished, but faster-whisper or piper-tts does not load in ${layout.venv.dir}.`, {
    hint: `The full output is in ${layout.log}; \`interview-coach voice setup --force\` rebuilds the environment.`,
  });
}

/** A warning, not a stop: the figure is an estimate, and the disk may be freed meanwhile. */
function warnWhenShortOfSpace(layout: VoiceLayout, progress: SetupProgress): void {
  try {
    const stats = statfsSync(dataDir());
    const freeMb = Math.floor((stats.bavail * stats.bsize) / (1024 * 1024));
    if (freeMb < DISK_MB) {
      progress.say(`⚠ Only ${freeMb} MB free for ${layout.root}; voice setup takes about ${DISK_MB} MB.`);
    }
  } catch {
    // statfs is not everywhere: the disk-full failure still says what happened.
  }
}
