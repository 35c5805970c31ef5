import type { Command } from 'commander';
import { UsageError } from '../shared/errors.js';
import type { Settings } from './settings.js';
import { VOICE_DEFAULTS, type VoiceOptions } from '../model/voice-options.js';

export interface VoiceFlags {
  voice?: boolean;
  pushToTalk?: boolean;
  voiceInput?: string;
  voiceOutput?: string;
  sttModel?: string;
  piperVoice?: string;
  silenceMs?: string;
  verbose?: boolean;
}

export function addVoiceFlags(command: Command): Command {
  return command
    .option(
      '--voice',
      'speak and listen: questions are spoken, your spoken answers transcribed (see `interview-coach doctor`)',
    )
    .option('--push-to-talk', 'voice: Tab starts and stops recording instead of detecting the end of your answer')
    .option(
      '--voice-input <wav>',
      'voice: read answers from a WAV file instead of the microphone (answers separated by silence)',
    )
    .option(
      '--voice-output <player>',
      'voice: auto, aplay, play, afplay, ffplay, speaker, or file:<dir> to save instead of playing',
    )
    .option('--stt-model <name>', 'voice: Whisper model name or folder (default base.en)')
    .option('--piper-voice <onnx>', 'voice: Piper voice model (.onnx with its .onnx.json)')
    .option('--silence-ms <ms>', 'voice: trailing silence that ends an answer (default 700)')
    .option('--verbose', 'voice: show the latency of each turn');
}

/** Precedence as everywhere: flag > config > default. */
export function resolveVoiceOptions(flags: VoiceFlags, settings: Settings): VoiceOptions {
  const silenceMs = Number(flags.silenceMs ?? settings.silenceMs ?? VOICE_DEFAULTS.silenceMs);
  if (!Number.isInteger(silenceMs) || silenceMs < 200 || silenceMs > 5000) {
    throw new UsageError(`Invalid --silence-ms "${flags.silenceMs}". Use 200 to 5000.`);
  }
  return {
    input: flags.voiceInput ?? null,
    pushToTalk: Boolean(flags.pushToTalk),
    python: settings.python ?? VOICE_DEFAULTS.python,
    sttModel: flags.sttModel ?? settings.sttModel ?? VOICE_DEFAULTS.sttModel,
    sttDevice: settings.sttDevice ?? VOICE_DEFAULTS.sttDevice,
    sttComputeType: settings.sttComputeType ?? VOICE_DEFAULTS.sttComputeType,
    language: settings.language ?? VOICE_DEFAULTS.language,
    piper: settings.piper ?? VOICE_DEFAULTS.piper,
    piperVoice: flags.piperVoice ?? settings.piperVoice ?? VOICE_DEFAULTS.piperVoice,
    silenceMs,
    maxAnswerSec: settings.maxAnswerSec ?? VOICE_DEFAULTS.maxAnswerSec,
    player: flags.voiceOutput ?? settings.player ?? VOICE_DEFAULTS.player,
    verbose: Boolean(flags.verbose),
  };
}
