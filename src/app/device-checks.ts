/**
 * doctor's device checks, done for real: a second recorded from the microphone and measured,
 * and a short tone played through the interview's player. A microphone that only records
 * zeros, or a player with no output device, would otherwise pass (issue 13, item 7).
 */
import { existsSync } from 'node:fs';
import { CoachError, errorMessage } from '../shared/errors.js';
import { sampleInput, type InputLevel, type InputProblem } from '../voice/capture/sample-input.js';
import { pickPlayer } from '../voice/playback/pick-player.js';
import { playTestTone, TEST_TONE, type ToneProblem } from '../voice/playback/test-tone.js';
import type { Check } from './check.js';

/** How much the microphone check records: enough for a level, short enough to wait for. */
export const MIC_SECONDS = 1;
/** Opening a device takes well under a second; past this it hangs (a held or stuck device). */
const DEVICE_TIMEOUT_MS = 5000;
/** A file standing in for the microphone is read up to this much (it is read, not recorded). */
const FILE_SECONDS = 60;
const FILE_TIMEOUT_MS = 15_000;
/**
 * Below this peak the input is digital silence: no sample above one step of 16 bits (-90.3
 * dBFS). A muted ALSA or PulseAudio source, and macOS without microphone permission, give that.
 */
export const SILENCE_PEAK_DBFS = -90;
/**
 * Below this peak (10 steps of 16 bits) even a quiet room is not heard: a live microphone's
 * own noise is above it, so the input is nearly muted or its volume is near zero.
 */
export const LOW_PEAK_DBFS = -70;

export interface DeviceCheckOptions {
  /** Whose fixes to give (default: this platform). */
  platform?: NodeJS.Platform;
  /** The environment of sox and the player (AUDIODEV, PATH; default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** How long a device may hang before the check gives up (default 5 s; tests shorten it). */
  timeoutMs?: number;
}

type Os = 'mac' | 'linux';
const osOf = (platform: NodeJS.Platform = process.platform): Os => (platform === 'darwin' ? 'mac' : 'linux');

/** A level as people read it: whole dBFS, and digital silence as -inf. */
export function formatDbfs(db: number): string {
  return Number.isFinite(db) ? `${Math.round(db)} dBFS` : '-inf dBFS';
}

const MIC_FIX: Record<InputProblem | 'silence' | 'low', Record<Os, string>> = {
  silence: {
    linux:
      'Unmute the microphone and raise its capture level: alsamixer (F4 shows capture, M unmutes, Up raises) or pavucontrol, Input Devices; arecord -l lists the microphones (choose one with AUDIODEV=hw:1,0).',
    mac: 'macOS records silence when the terminal may not use the microphone: System Settings > Privacy & Security > Microphone, allow your terminal app, then restart it. Check the input in System Settings > Sound > Input.',
  },
  low: {
    linux:
      'If you were speaking, the microphone is nearly muted: raise its capture level in alsamixer (F4) or pavucontrol, Input Devices.',
    mac: 'If you were speaking, raise the input volume in System Settings > Sound > Input, and check the microphone chosen there.',
  },
  denied: {
    linux:
      'The system refused the microphone: add yourself to the audio group (sudo usermod -aG audio $USER, then log in again), and check that the sound server runs (pactl info).',
    mac: 'Allow the terminal to use the microphone: System Settings > Privacy & Security > Microphone, turn on your terminal app, then restart it.',
  },
  'no-device': {
    linux:
      'Connect a microphone: arecord -l should list it (choose one with AUDIODEV=hw:1,0, or the default in pavucontrol). Or answer from a file: --voice-input answers.wav.',
    mac: 'Connect a microphone and choose it in System Settings > Sound > Input. Or answer from a file: --voice-input answers.wav.',
  },
  timeout: {
    linux:
      'Another program may hold the microphone, or the sound server hangs: close other recording apps, check arecord -l and pactl info.',
    mac: 'Another program may hold the microphone: close other recording apps, and check System Settings > Sound > Input.',
  },
  failed: {
    linux:
      'Check the microphone (arecord -l) or choose one with AUDIODEV=hw:1,0; or answer from a file: --voice-input answers.wav.',
    mac: 'Check the microphone in System Settings > Sound > Input; or answer from a file: --voice-input answers.wav.',
  },
  'no-sox': { linux: 'sudo apt-get install sox', mac: 'brew install sox' },
};

/**
 * The microphone (or the file standing in for it, `input`): recorded for MIC_SECONDS and
 * measured. Digital silence and a timeout make voice mode not ready; a very low level only warns.
 */
export async function microphoneCheck(input: string | null, opts: DeviceCheckOptions = {}): Promise<Check> {
  const os = osOf(opts.platform);
  const name = input ? 'Answers from file' : 'sox + microphone';
  const where = input ?? 'default input';
  const micTimeout = opts.timeoutMs ?? DEVICE_TIMEOUT_MS;
  if (input && !existsSync(input))
    return {
      name,
      status: 'missing',
      detail: `${input} not found`,
      fix: 'Check the --voice-input path.',
      requiredForVoice: true,
    };
  const sample = await sampleInput({
    input: input ?? undefined,
    seconds: input ? FILE_SECONDS : MIC_SECONDS,
    timeoutMs: input ? FILE_TIMEOUT_MS : micTimeout,
    env: opts.env,
  });
  if (!sample.ok) {
    if (input)
      return {
        name,
        status: 'missing',
        detail: `cannot read ${input} (sox: ${sample.detail})`,
        fix: 'Check that it is a sound file sox can read (WAV, FLAC, ...).',
        requiredForVoice: true,
      };
    const detail = {
      'no-sox': 'sox is not installed',
      denied: `the system refused the microphone (sox: ${sample.detail})`,
      'no-device': `no microphone (sox: ${sample.detail})`,
      timeout: `the microphone gave no audio within ${micTimeout / 1000} s`,
      failed: `sox could not record (${sample.detail})`,
    }[sample.problem];
    return {
      name,
      status: sample.problem === 'timeout' ? 'warn' : 'missing',
      detail,
      fix: MIC_FIX[sample.problem][os],
      requiredForVoice: true,
    };
  }
  const level = sample.level;
  const measured = `${where}, ${levelText(level)}`;
  if (level.peakDbfs < SILENCE_PEAK_DBFS)
    return {
      name,
      status: 'warn',
      detail: `${where}, ${level.seconds.toFixed(1)} s: digital silence (peak ${formatDbfs(level.peakDbfs)}), voice mode would hear nothing`,
      fix: input
        ? 'The file holds no sound: record your answers into it (for example rec answers.wav).'
        : MIC_FIX.silence[os],
      requiredForVoice: true,
    };
  if (level.peakDbfs < LOW_PEAK_DBFS)
    return {
      name,
      status: 'warn',
      detail: `${measured}: very low, is the microphone muted?`,
      fix: input ? 'The file is very quiet: answers in it may not be heard.' : MIC_FIX.low[os],
      requiredForVoice: false,
    };
  return { name, status: 'ok', detail: measured, requiredForVoice: true };
}

function levelText(level: InputLevel): string {
  return `${level.seconds.toFixed(1)} s: level ${formatDbfs(level.rmsDbfs)} RMS, peak ${formatDbfs(level.peakDbfs)}`;
}

const TONE_FIX: Record<ToneProblem, Record<Os, string>> = {
  'no-device': {
    linux:
      'Connect speakers or headphones: aplay -l should list a card, and a sound server should run (pactl info). Or save what would be played: interview-coach config set player file:<dir>.',
    mac: 'Choose an output in System Settings > Sound > Output. Or save what would be played: interview-coach config set player file:<dir>.',
  },
  timeout: {
    linux:
      'Another program may hold the sound device, or the sound server hangs (pactl info); or choose another player: interview-coach config set player play.',
    mac: 'Another program may hold the sound device; or choose another player: interview-coach config set player play.',
  },
  failed: {
    linux:
      'Choose another player: interview-coach config set player play (or aplay, ffplay), or save what would be played: interview-coach config set player file:<dir>.',
    mac: 'Choose another player: interview-coach config set player play (or afplay, ffplay), or save what would be played: interview-coach config set player file:<dir>.',
  },
};

/**
 * The player voice mode would pick for this `player` setting (the same pickPlayer), or why
 * there is none; with `tone`, a short tone is played through it and must play.
 */
export async function playbackCheck(
  player: string,
  opts: DeviceCheckOptions & { tone?: boolean } = {},
): Promise<Check> {
  let picked;
  try {
    picked = await pickPlayer({ command: player, env: opts.env, platform: opts.platform });
  } catch (err) {
    return {
      name: 'Playback',
      status: 'missing',
      detail: errorMessage(err),
      fix: (err instanceof CoachError && err.hint) || 'Choose another player: interview-coach config set player auto',
      requiredForVoice: true,
    };
  }
  if (!opts.tone) return { name: 'Playback', status: 'ok', detail: picked.description, requiredForVoice: true };
  const toneTimeout = opts.timeoutMs ?? DEVICE_TIMEOUT_MS;
  const played = await playTestTone(picked, { timeoutMs: toneTimeout });
  if (played.ok)
    return {
      name: 'Playback',
      status: 'ok',
      detail: `${picked.description}: played a ${TEST_TONE.seconds} s test tone`,
      requiredForVoice: true,
    };
  const detail = {
    'no-device': `no output device (${played.detail})`,
    timeout: `a ${TEST_TONE.seconds} s test tone did not finish within ${toneTimeout / 1000} s`,
    failed: played.detail,
  }[played.problem];
  return {
    name: 'Playback',
    status: played.problem === 'timeout' ? 'warn' : 'missing',
    detail: `${picked.description}: ${detail}`,
    fix: TONE_FIX[played.problem][osOf(opts.platform)],
    requiredForVoice: true,
  };
}
