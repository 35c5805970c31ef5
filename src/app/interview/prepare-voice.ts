import { join } from 'node:path';
import { CoachError, errorMessage } from '../../shared/errors.js';
import { audioRoot } from '../../shared/audio-files.js';
import type { Db } from '../../db/open.js';
import { cutInterviewerTurn, setTurnAudio } from '../../db/transcripts.js';
import { deliveryMetrics } from '../../core/evaluation/delivery.js';
import { Recorder } from '../../voice/capture/recorder.js';
import { WhisperWorker } from '../../voice/stt/whisper-worker.js';
import { pickTts } from '../../voice/tts/pick-tts.js';
import { pickPlayer } from '../../voice/playback/pick-player.js';
import { SpeechOutput } from '../../voice/tts/speech-output.js';
import { VoiceSession } from '../../voice/session.js';
import type { VoiceOptions } from '../../model/voice-options.js';
import { formatChecks, type Check } from '../doctor-checks.js';
import { StderrSpinner } from '../stderr-spinner.js';
import { outputColumns, warn } from '../output.js';

/** Test hook and escape hatch: another worker script speaking the same JSON-lines protocol. */
const sttWorkerOverride = () => process.env.INTERVIEW_COACH_STT_WORKER || undefined;

/**
 * Starts every voice engine before the first question: the microphone (or input file), the
 * Whisper worker (model loaded and warmed up), a speech engine and a player. When a required
 * part is missing it refuses with the doctor's table and nothing is recorded.
 */
export async function prepareVoice(
  db: Db,
  v: VoiceOptions,
  ctx: { interactive: boolean },
): Promise<{ session: VoiceSession; notices: string[] }> {
  const checks: Check[] = [];
  const notices: string[] = [];
  const spinner = new StderrSpinner();
  const bargeIn = v.bargeIn && !v.pushToTalk;
  if (v.bargeIn && v.pushToTalk)
    notices.push('--barge-in is off with --push-to-talk: press Esc to stop the interviewer.');
  if (bargeIn)
    notices.push(
      'Barge-in is on: use headphones. Through speakers the microphone hears the interviewer, and its own voice can stop it (there is no echo cancellation).',
    );
  const recorder = new Recorder({
    input: v.input ?? undefined,
    // A file standing in for the microphone must run in real time to speak during playback.
    realtime: bargeIn && Boolean(v.input),
    endpointer: { silenceMs: v.silenceMs, maxUtteranceMs: v.maxAnswerSec * 1000 },
  });
  const stt = new WhisperWorker({
    python: v.python,
    workerPath: sttWorkerOverride(),
    config: {
      model: v.sttModel,
      device: v.sttDevice,
      compute_type: v.sttComputeType,
      language: v.language,
      initial_prompt: v.sttPrompt,
    },
  });
  /** Runs one start-up step and records it as a check: its value, or null when it failed. */
  const attempt = async <T>(name: string, detail: string, run: () => T | Promise<T>): Promise<T | null> => {
    try {
      const value = await run();
      checks.push({ name, status: 'ok', detail, requiredForVoice: true });
      return value;
    } catch (err) {
      const fix = err instanceof CoachError ? err.hint : undefined;
      checks.push({ name, status: 'missing', detail: errorMessage(err), fix, requiredForVoice: true });
      return null;
    }
  };
  await attempt(v.input ? 'Answers from file' : 'sox + microphone', v.input ?? 'default device', () =>
    recorder.ready(),
  );
  spinner.start(`Loading the speech-to-text model (${v.sttModel})…`);
  await attempt('Speech to text', `Whisper ${v.sttModel}`, () => stt.start());
  spinner.stop();
  const tts = await attempt('Speech output', 'Piper or the fallback', async () => {
    const picked = await pickTts({ piper: v.piperVoice ? { piperPath: v.piper, voice: v.piperVoice } : null });
    if (picked.notice) notices.push(picked.notice);
    return picked.tts;
  });
  const player = await attempt('Playback', v.player, () => pickPlayer({ command: v.player, fileRealtime: bargeIn }));
  if (!tts || !player || checks.some((c) => c.status !== 'ok')) {
    await Promise.allSettled([recorder.close(), stt.close(), tts?.close()]);
    process.stderr.write(`${formatChecks(checks, outputColumns(process.stderr))}\n`);
    throw new CoachError(
      `Voice mode is not ready: ${checks
        .filter((c) => c.status !== 'ok')
        .map((c) => c.name)
        .join(', ')}.`,
      {
        hint: 'Fix the ✗ lines above (`interview-coach doctor` checks everything), or start without --voice to type your answers.',
      },
    );
  }
  for (const n of notices) warn(n);
  const audio = audioRoot();
  const speech = new SpeechOutput(tts, player, { outDir: join(audio, '.speech') });
  const session = new VoiceSession(
    recorder,
    stt,
    speech,
    {
      audioRoot: audio,
      pushToTalk: v.pushToTalk,
      bargeIn,
      inputIsFile: Boolean(v.input),
      typingFallback: ctx.interactive,
      measureDelivery: deliveryMetrics,
      graceMs: v.graceMs,
    },
    (turnId, audioPath, metrics, heard) => {
      setTurnAudio(db, turnId, audioPath, metrics ?? undefined);
      if (heard !== undefined) cutInterviewerTurn(db, turnId, heard);
    },
    [tts],
  );
  return { session, notices };
}
