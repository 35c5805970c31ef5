/**
 * WebRTC's voice-activity detector (libfvad compiled to WASM, @echogarden/fvad-wasm: 20 KB,
 * no native build). It judges each 20 ms frame by the shape of its spectrum, not by its
 * loudness, so steady room noise (a fan, pink or brown noise, rumble) is not speech however
 * loud it is, and a quiet talker still is.
 */
import { CoachError, errorMessage } from '../../shared/errors.js';
import { FRAME_SAMPLES, SAMPLE_RATE } from '../contracts.js';

/** Says whether one 20 ms frame (FRAME_SAMPLES samples, 16 kHz) holds speech. */
export interface SpeechDetector {
  isSpeech(frame: Int16Array): boolean;
}

/**
 * libfvad's aggressiveness, 0 (lets most sound through) to 3 (strictest). Measured on the
 * endpointer's noise files (the VAD benchmark and the rooms test of the endpointer): mode 3 passes
 * the fewest noise frames as speech and still keeps a -44 dBFS talker in one answer.
 */
export const VAD_MODE = 3;

/** The parts of the Emscripten module we use (names as exported by fvad.js). */
interface FvadModule {
  _fvad_new(): number;
  _fvad_free(handle: number): void;
  _fvad_set_mode(handle: number, mode: number): number;
  _fvad_set_sample_rate(handle: number, rate: number): number;
  _fvad_process(handle: number, frame: number, samples: number): number;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  HEAP16: Int16Array;
}

/** The WASM is compiled once per process; every detector shares it. */
let loading: Promise<FvadModule> | undefined;

function loadModule(): Promise<FvadModule> {
  loading ??= import('@echogarden/fvad-wasm')
    .then(async (m) => (await m.default()) as FvadModule)
    .catch((err: unknown) => {
      loading = undefined;
      throw new CoachError(`Cannot load the voice-activity detector (WebRTC VAD in WASM): ${errorMessage(err)}.`, {
        hint: 'Reinstall interview-coach (npm install -g interview-coach) so @echogarden/fvad-wasm is complete.',
      });
    });
  return loading;
}

/** One detector with its own state (libfvad smooths over the frames it has seen). */
export class WebRtcVad implements SpeechDetector {
  private constructor(
    private readonly m: FvadModule,
    private readonly handle: number,
    /** A frame-sized buffer inside the WASM memory, reused for every frame. */
    private readonly frame: number,
  ) {}

  /** Loads the WASM (once per process) and makes a detector. Throws a CoachError when it cannot. */
  static async create(mode = VAD_MODE): Promise<WebRtcVad> {
    const m = await loadModule();
    const handle = m._fvad_new();
    if (handle === 0) throw new CoachError('The voice-activity detector could not start (out of memory).');
    if (m._fvad_set_mode(handle, mode) !== 0 || m._fvad_set_sample_rate(handle, SAMPLE_RATE) !== 0) {
      m._fvad_free(handle);
      throw new Error(`WebRtcVad: mode ${mode} or rate ${SAMPLE_RATE} refused`);
    }
    return new WebRtcVad(m, handle, m._malloc(FRAME_SAMPLES * 2));
  }

  isSpeech(frame: Int16Array): boolean {
    if (frame.length !== FRAME_SAMPLES) throw new Error(`WebRtcVad: a frame has ${FRAME_SAMPLES} samples`);
    // HEAP16 is read fresh each time: the WASM memory may have grown and been replaced.
    this.m.HEAP16.set(frame, this.frame >> 1);
    const verdict = this.m._fvad_process(this.handle, this.frame, FRAME_SAMPLES);
    if (verdict < 0) throw new Error('WebRtcVad: libfvad refused the frame');
    return verdict === 1;
  }
}
