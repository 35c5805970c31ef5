import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../shared/errors.js';
import { byteSize } from '../../shared/format.js';
import { isPiperVoiceName, isWhisperModelName } from '../../voice/setup/downloads.js';
import { readVenvMarker } from '../../voice/setup/venv.js';
import { watchStops } from '../interrupt.js';
import { info, outputColumns, printLine } from '../output.js';
import { openSettings, readSettings } from '../settings.js';
import {
  DEFAULT_PIPER_VOICE,
  DEFAULT_WHISPER_MODEL,
  diskUsage,
  isInside,
  voiceLayout,
  type VoiceLayout,
} from '../voice-setup/layout.js';
import { runVoiceSetup } from '../voice-setup/run-setup.js';

export interface VoiceSetupFlags {
  python?: string;
  model?: string;
  voice?: string;
  force?: boolean;
  json?: boolean;
  verbose?: boolean;
}

/** The settings `voice setup` writes, and `voice remove` resets when they point into its folder. */
const VOICE_SETTINGS = ['python', 'sttModel', 'piper', 'piperVoice'] as const;

export async function voiceSetup(flags: VoiceSetupFlags): Promise<ExitCode> {
  const model = flags.model ?? DEFAULT_WHISPER_MODEL;
  const voice = flags.voice ?? DEFAULT_PIPER_VOICE;
  if (!isWhisperModelName(model)) {
    throw new UsageError(
      `Unknown Whisper model "${model}".`,
      'Use a faster-whisper size such as tiny.en, base.en, small.en, medium.en, large-v3 or turbo, or a Hugging Face id owner/name.',
    );
  }
  if (!isPiperVoiceName(voice)) {
    throw new UsageError(
      `"${voice}" is not a Piper voice name.`,
      'Use <language>_<REGION>-<name>-<quality>, e.g. en_US-lessac-medium or en_GB-alan-medium (https://huggingface.co/rhasspy/piper-voices).',
    );
  }
  const layout = voiceLayout();
  if (flags.python?.includes('/') && isInside(layout, resolve(flags.python))) {
    throw new UsageError(
      `${flags.python} is inside the environment voice setup builds (${layout.venv.dir}).`,
      'Name the Python that builds it, such as --python python3 or --python /usr/bin/python3.',
    );
  }
  const stop = watchStops();
  try {
    const summary = await runVoiceSetup(layout, {
      python: flags.python ?? basePython(layout),
      pythonNamed: flags.python !== undefined,
      model,
      voice,
      force: Boolean(flags.force),
      verbose: Boolean(flags.verbose),
      columns: outputColumns(process.stderr),
      signal: stop.signal,
    });
    if (flags.json) printLine(process.stdout, JSON.stringify(summary, null, 2));
    info('Voice is set up. Check it with `interview-coach doctor`, then: interview-coach start --role backend --voice');
    return ExitCode.ok;
  } finally {
    stop.dispose();
  }
}

/**
 * The Python that builds the venv: the `python` setting, unless it is the venv's own (set by an
 * earlier setup), then the one that built it; python3 otherwise.
 */
function basePython(layout: VoiceLayout): string {
  const saved = readSettings().python;
  if (saved && !isInside(layout, saved)) return saved;
  return readVenvMarker(layout.venv)?.basePython ?? 'python3';
}

/** `voice remove`: the folder `voice setup` made, and the settings that point into it. */
export function voiceRemove(): ExitCode {
  const layout = voiceLayout();
  const conf = openSettings();
  const reset = VOICE_SETTINGS.filter((key) => isInside(layout, conf.get(key)));
  for (const key of reset) conf.delete(key);
  if (!existsSync(layout.root)) {
    info(`Nothing to remove: ${layout.root} does not exist.`);
  } else {
    const size = diskUsage(layout.root);
    rmSync(layout.root, { recursive: true, force: true });
    info(`Removed ${layout.root} (${byteSize(size)}).`);
  }
  if (reset.length > 0) info(`Settings back to their defaults: ${reset.join(', ')}.`);
  return ExitCode.ok;
}
