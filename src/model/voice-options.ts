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
  /** Whisper's initial prompt; '' sends none. See DEFAULT_STT_PROMPT. */
  sttPrompt: string;
  language: string;
  piper: string;
  piperVoice: string | null;
  /** Trailing silence that ends an answer (the endpointer's cut). */
  silenceMs: number;
  /** After the cut, speech resuming within this long joins the same answer (src/voice/answer-grace.ts). */
  graceMs: number;
  maxAnswerSec: number;
  /** 'auto', a player name, or 'file:<dir>' to write what would be played into a folder. */
  player: string;
  verbose: boolean;
}

/** The players `player` and `--voice-output` name (besides `file:<dir>`). */
export const PLAYERS = ['auto', 'aplay', 'play', 'afplay', 'ffplay', 'speaker'] as const;

/**
 * Whisper leaves out "um" and "uh" unless the text before the audio has them: a short disfluent
 * prompt keeps them, so the filler count can count them. Short, so it steers the style only.
 */
export const DEFAULT_STT_PROMPT = 'Um, uh, hmm, so, like.';

export const VOICE_DEFAULTS: VoiceOptions = {
  input: null,
  pushToTalk: false,
  bargeIn: false,
  python: 'python3',
  sttModel: 'base.en',
  sttDevice: 'cpu',
  sttComputeType: 'int8',
  sttPrompt: DEFAULT_STT_PROMPT,
  language: 'en',
  piper: 'piper',
  piperVoice: null,
  // A thinking pause of 1 s must not end an answer; the grace window covers longer ones, so
  // pauses up to 3.5 s stay inside one answer and the "pauses over 2.5 s" metric can fire.
  silenceMs: 1500,
  graceMs: 2000,
  maxAnswerSec: 180,
  player: 'auto',
  verbose: false,
};
