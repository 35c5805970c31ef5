// @ts-check
// The voice-activity decision per 20 ms frame (320 samples at 16 kHz): the 100 Hz high-pass
// plus WebRTC VAD (fvad-wasm, mode 3) that decides speech now, and the whole Endpointer.push
// per frame (level meter and bookkeeping included). Baseline, same run: the energy rule it
// replaced (the frame's RMS against a threshold). Input: 60 s of a seeded mix of noise and
// a voiced-like buzz, so every branch runs.
import { built } from './built.mjs';
import { median, p90 } from './lib.mjs';

const { WebRtcVad } = await built('voice/capture/vad.js');
const { HighPass } = await built('voice/capture/high-pass.js');
const { Endpointer } = await built('voice/capture/endpointer.js');
const { pcmRms } = await built('voice/capture/level.js');

const FRAME_SAMPLES = 320;
const SECONDS = 60;
const ROUNDS = Number(process.env.BENCH_RUNS ?? 5);

/** 60 s alternating 2 s of noise (about -40 dBFS) and 2 s of a 120 Hz buzz with harmonics over it. */
function input() {
  const n = SECONDS * 16000;
  const pcm = Buffer.alloc(n * 2);
  let seed = 7;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const noise = ((seed / 2 ** 31) * 2 - 1) * 0.017;
    const voiced = Math.floor(i / 32000) % 2 === 1;
    let buzz = 0;
    if (voiced) for (let h = 1; h <= 20; h++) buzz += Math.sin((2 * Math.PI * 120 * h * i) / 16000) / h;
    pcm.writeInt16LE(Math.round((noise + buzz * 0.08) * 32767), i * 2);
  }
  return pcm;
}

/** µs per frame of `perFrame` over every frame, one figure per round. */
function time(/** @type {Buffer[]} */ frames, /** @type {(f: Buffer) => unknown} */ perFrame) {
  /** @type {number[]} */
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    for (const f of frames) perFrame(f);
    rounds.push(((performance.now() - start) * 1000) / frames.length);
  }
  return rounds;
}

export async function run() {
  const pcm = input();
  /** @type {Buffer[]} */
  const frames = [];
  for (let o = 0; o + FRAME_SAMPLES * 2 <= pcm.length; o += FRAME_SAMPLES * 2)
    frames.push(pcm.subarray(o, o + FRAME_SAMPLES * 2));
  const vad = await WebRtcVad.create();
  const highPass = new HighPass();
  const filtered = new Int16Array(FRAME_SAMPLES);
  const endpointer = new Endpointer({}, await WebRtcVad.create());
  const cases = [
    { name: 'energy rule: RMS > threshold (old, baseline)', perFrame: (/** @type {Buffer} */ f) => pcmRms(f) > 0.01 },
    { name: 'high-pass 100 Hz', perFrame: (/** @type {Buffer} */ f) => highPass.process(f, filtered) },
    {
      name: 'high-pass + WebRTC VAD (new decision)',
      perFrame: (/** @type {Buffer} */ f) => vad.isSpeech(highPass.process(f, filtered)),
    },
    { name: 'Endpointer.push, whole (new)', perFrame: (/** @type {Buffer} */ f) => endpointer.push(f) },
  ];
  console.log(`voice activity: µs per 20 ms frame (median, p90 of ${ROUNDS} rounds over ${SECONDS} s of audio)`);
  /** @type {number | undefined} */
  let baseline;
  for (const { name, perFrame } of cases) {
    const rounds = time(frames, perFrame);
    baseline ??= median(rounds);
    const ratio = median(rounds) / baseline;
    console.log(
      `  ${name.padEnd(46)} ${median(rounds).toFixed(1).padStart(6)} µs  ${p90(rounds).toFixed(1).padStart(6)} µs  ×${ratio.toFixed(1)}  (${((median(rounds) / 20_000) * 100).toFixed(2)}% of real time)`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
