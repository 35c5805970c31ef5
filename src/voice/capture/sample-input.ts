/**
 * A short recording to check a microphone (doctor): about a second from the default input (or
 * from a sound file standing in for it), measured and thrown away. It is recorded with sox in
 * the capture format of the interview (16 kHz mono 16-bit), so a level here is the level the
 * endpointer would see.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorMessage } from '../../shared/errors.js';
import { run } from '../../shared/exec.js';
import { readWav } from '../audio/wav.js';
import { SAMPLE_RATE } from '../contracts.js';
import { pcmPeak, pcmRms, toDbfs } from './level.js';
import { soxProblem } from './recorder.js';

export interface InputLevel {
  /** Seconds of audio measured. */
  seconds: number;
  rmsDbfs: number;
  /** -Infinity when every sample is zero. */
  peakDbfs: number;
}

/**
 * Why nothing could be measured: sox is missing, the system refused the microphone, there is
 * no input device, it gave nothing before the timeout, or the file cannot be read.
 */
export type InputProblem = 'no-sox' | 'denied' | 'no-device' | 'timeout' | 'failed';

export type InputSample = { ok: true; level: InputLevel } | { ok: false; problem: InputProblem; detail: string };

export interface SampleInputOptions {
  /** A sound file read instead of the default input device. */
  input?: string;
  /** How much to record (a file is read up to this much). */
  seconds: number;
  /** Stops a sox that hangs on a device that never delivers (then problem 'timeout'). */
  timeoutMs: number;
  soxPath?: string;
  /** AUDIODEV / AUDIODRIVER here choose the device, as for the interview. */
  env?: NodeJS.ProcessEnv;
}

/** sox's words (and ALSA's, CoreAudio's) for a device the system will not let us open. */
const DENIED = /permission denied|not permitted|access denied|EACCES/i;
/** … and for no device at all. */
const NO_DEVICE =
  /can't open input|no default audio device|cannot find card|no soundcards|snd_pcm_open|audio open error|no such device|host is down|connection refused/i;

/** Records (or reads) `seconds` of audio and measures it. Never throws. */
export async function sampleInput(opts: SampleInputOptions): Promise<InputSample> {
  const dir = mkdtempSync(join(tmpdir(), 'ic-mic-')); // private (0700): it is a recording of the room
  const out = join(dir, 'sample.wav');
  try {
    const source = opts.input !== undefined ? [opts.input] : ['-d'];
    const format = ['-t', 'wav', '-r', String(SAMPLE_RATE), '-c', '1', '-e', 'signed-integer', '-b', '16'];
    // -D: no dither, which would turn digital silence into ±1 steps when sox resamples.
    const r = await run(
      opts.soxPath ?? 'sox',
      ['-q', '-D', ...source, ...format, out, 'trim', '0', String(opts.seconds)],
      {
        timeoutMs: opts.timeoutMs,
        env: opts.env,
      },
    );
    if (r.notFound) return { ok: false, problem: 'no-sox', detail: 'sox is not installed' };
    if (r.timedOut) return { ok: false, problem: 'timeout', detail: `no audio within ${opts.timeoutMs / 1000} s` };
    if (!r.ok) {
      const detail = soxProblem(r.stderr) ?? r.startError?.message ?? `sox exited with ${r.code ?? r.signal}`;
      const problem = opts.input !== undefined ? 'failed' : classify(r.stderr);
      return { ok: false, problem, detail };
    }
    let pcm: Buffer;
    try {
      pcm = readWav(out).pcm;
    } catch (err) {
      return { ok: false, problem: 'failed', detail: errorMessage(err) };
    }
    return {
      ok: true,
      level: {
        seconds: pcm.length / 2 / SAMPLE_RATE,
        rmsDbfs: toDbfs(pcmRms(pcm)),
        peakDbfs: toDbfs(pcmPeak(pcm)),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function classify(stderr: string): InputProblem {
  if (DENIED.test(stderr)) return 'denied';
  if (NO_DEVICE.test(stderr)) return 'no-device';
  return 'failed';
}
