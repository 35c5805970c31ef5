/** What the Whisper worker's failures say: one line of what went wrong, and what to do next. */
import { CoachError } from '../../shared/errors.js';
import { approxDuration } from '../../shared/format.js';
import { cleanLine } from '../../shared/sanitize.js';
import type { LineRpcErrors, RpcMessage } from './line-rpc.js';

/** Voice mode is never the only way to answer: every hint ends with it. */
const TYPE_INSTEAD = 'or keep typing your answers';
/** Worker errors and stderr lines go into one-line CoachError messages. */
const MESSAGE_MAX = 300;

function flat(text: string): string {
  return cleanLine(text, MESSAGE_MAX);
}

function pyString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Every way the worker can fail, said so that a person knows what to do next. */
/** Which worker: the Python, its script, and the model it loads (from the worker's config). */
export interface WhisperSetup {
  python: string;
  workerPath: string;
  model: string;
  downloadRoot?: string;
}

/** The worker script is not where the package put it. */
export function scriptMissing(workerPath: string): CoachError {
  return new CoachError(`The speech-to-text worker script is missing: ${workerPath}`, {
    hint: `Reinstall interview-coach, ${TYPE_INSTEAD}.`,
  });
}

export function whisperErrors(setup: WhisperSetup): LineRpcErrors {
  const { python, workerPath } = setup;
  const byHand = `Run ${python} ${workerPath} by hand to see the whole error, ${TYPE_INSTEAD}.`;
  return {
    startFailed: (error) =>
      error.code === 'ENOENT'
        ? new CoachError(`Python (${python}) was not found.`, {
            hint: `Install Python 3, or point voice mode at one: interview-coach config set python /path/to/python3 (${TYPE_INSTEAD}).`,
            cause: error,
          })
        : new CoachError(`Could not start the speech-to-text worker with ${python}: ${flat(error.message)}`, {
            hint: `Check the python setting (interview-coach config set python /path/to/python3), ${TYPE_INSTEAD}.`,
            cause: error,
          }),
    notReady: (timeoutMs) =>
      new CoachError(`The speech-to-text worker was not ready after ${approxDuration(timeoutMs)}.`, {
        hint: `Loading the Whisper model took too long: try a smaller one (interview-coach config set sttModel base.en), ${TYPE_INSTEAD}.`,
      }),
    fatal: (msg) => fatalError(msg, setup, byHand),
    requestFailed: (msg) => {
      const workerError = flat(typeof msg.error === 'string' ? msg.error : 'unknown error');
      return new CoachError(`Speech-to-text failed: ${workerError}`, {
        hint: 'Try answering again, or type this answer.',
        cause: new Error(workerError),
      });
    },
    requestTimedOut: (timeoutMs) =>
      new CoachError(`The speech-to-text worker did not answer within ${approxDuration(timeoutMs)}.`, {
        hint: `It may be overloaded: try a smaller model (interview-coach config set sttModel base.en), ${TYPE_INSTEAD}.`,
      }),
    exited: ({ beforeReady, code, signal, lastStderr }) => {
      const how = code !== null ? `exit code ${code}` : `signal ${signal}`;
      const tail = lastStderr ? `: ${flat(lastStderr)}` : '.';
      return beforeReady
        ? new CoachError(`The speech-to-text worker exited before it was ready (${how})${tail}`, { hint: byHand })
        : new CoachError(`The speech-to-text worker stopped (${how})${tail}`, {
            hint: `Restart voice mode, ${TYPE_INSTEAD}.`,
          });
    },
    closed: () =>
      new CoachError('The speech-to-text worker is closed.', {
        hint: 'Start voice mode again to transcribe more answers.',
      }),
    aborted: (signal) => {
      const err = new Error('The transcription was cancelled.', { cause: signal.reason });
      err.name = 'AbortError';
      return err;
    },
  };
}

/** The worker's `fatal` line at start: faster-whisper or the model is missing, or something else. */
function fatalError(msg: RpcMessage, { python, model, downloadRoot }: WhisperSetup, byHand: string): CoachError {
  const error = flat(typeof msg.error === 'string' ? msg.error : 'unknown error');
  const cause = new Error(error);
  if (msg.kind === 'missing-package') {
    return new CoachError(`faster-whisper is not installed for ${python}.`, {
      hint: `Install it: interview-coach voice setup (${TYPE_INSTEAD}).`,
      cause,
    });
  }
  if (msg.kind === 'missing-model') {
    const isFolder = model.includes('/') || model.includes('\\');
    const root = downloadRoot ? `, download_root=${pyString(downloadRoot)}` : '';
    const hint = isFolder
      ? `Check that the folder holds model.bin, config.json and tokenizer.json, or set another: interview-coach config set sttModel base.en (${TYPE_INSTEAD}).`
      : `Download it once while online: interview-coach voice setup --model ${model}, or ${python} -c "from faster_whisper import WhisperModel; WhisperModel(${pyString(model)}${root})" (${TYPE_INSTEAD}).`;
    return new CoachError(`The Whisper model "${model}" is not available offline.`, { hint, cause });
  }
  return new CoachError(`The speech-to-text worker could not start: ${error}`, { hint: byHand, cause });
}
