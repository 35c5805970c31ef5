/** Everything voice mode can be told, from flags and config, with the defaults in one place. */
export interface VoiceOptions {
  /** A WAV file used instead of the microphone (answers separated by silence). */
  input: string | null;
  pushToTalk: boolean;
  /** Speech while the interviewer talks stops it and starts the answer (headphones advised). */
  bargeIn: boolean;
  python: string;
  sttModel: string;
  sttDevice: string;
  sttComputeType: string;
  language: string;
  piper: string;
  piperVoice: string | null;
  silenceMs: number;
  maxAnswerSec: number;
  /** 'auto', a player name, or 'file:<dir>' to write what would be played into a folder. */
  player: string;
  verbose: boolean;
}

/** The players `player` and `--voice-output` name (besides `file:<dir>`). */
export const PLAYERS = ['auto', 'aplay', 'play', 'afplay', 'ffplay', 'speaker'] as const;

export const VOICE_DEFAULTS: VoiceOptions = {
  input: null,
  pushToTalk: false,
  bargeIn: false,
  python: 'python3',
  sttModel: 'base.en',
  sttDevice: 'cpu',
  sttComputeType: 'int8',
  language: 'en',
  piper: 'piper',
  piperVoice: null,
  silenceMs: 700,
  maxAnswerSec: 180,
  player: 'auto',
  verbose: false,
};
