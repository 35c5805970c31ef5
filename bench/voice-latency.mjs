// @ts-check
// End of speech -> first audio, stage by stage, through the real voice pipeline: VoiceSession,
// Interview, the Whisper worker client over the stand-in worker's JSON lines, OllamaLlm over HTTP
// to the stand-in Ollama, Piper over the stand-in Piper CLI, a file-sink player.
//
//  A. instant engines: all that is measured is our own overhead (goal: under 100 ms);
//  B. engines timed like a laptop CPU: Whisper base.en 0.5 s for a 10 s answer, a 7B model at
//     8 tokens/s whose first sentence ends after 12 tokens, Piper 0.2 s per sentence
//     (goal: 2.5 s or less from the cut to the first audio).
//
// The baseline, in the same run: a minimal script doing the same steps over the same stand-ins
// with nothing of ours in between (raw JSON lines, the ollama client, one Piper line, a copy).
// The endpoint wait is the silence the endpointer waits for: a setting, not compute. It is not
// slept here; each answer is dated as if its last voiced frame came that long before the cut,
// and the figures are given with it and without it.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Ollama } from 'ollama';
import { startStandin } from '../test/support/ollama-standin.mjs';
import { obedientText } from '../test/support/scenarios.mjs';
import { readTask } from '../test/support/interviewer-task.mjs';
import { built } from './built.mjs';
import { median, ms, p90 } from './lib.mjs';

/**
 * @import { Message } from 'ollama'
 * @import { AnswerSource } from '../src/model/events.js'
 * @import { TurnLatency } from '../src/model/voice.js'
 * @import { RecorderLike } from '../src/voice/session.js'
 * @import { ReplyFn } from '../test/support/ollama-standin.mjs'
 */

const { openDatabase } = await built('db/open.js');
const { setTurnAudio } = await built('db/transcripts.js');
const { Interview } = await built('core/interview/interview.js');
const { OllamaLlm } = await built('core/llm/ollama-client.js');
const { findRole } = await built('core/roles/catalog.js');
const { WhisperWorker } = await built('voice/stt/whisper-worker.js');
const { SpeechOutput } = await built('voice/tts/speech-output.js');
const { FileSinkPlayer } = await built('voice/playback/file-sink.js');
const { PiperTts } = await built('voice/tts/piper.js');
const { deliveryMetrics } = await built('core/evaluation/delivery.js');
const { VoiceSession } = await built('voice/session.js');
const { stageShares } = await built('voice/latency.js');
const { VOICE_DEFAULTS } = await built('model/voice-options.js');

const TURNS = Number(process.env.BENCH_TURNS ?? 6);
/** The endpoint wait every answer is dated with: the default trailing silence. */
const SILENCE_MS = VOICE_DEFAULTS.silenceMs;
/** @param {string} f a file in test/support */
const support = (f) => fileURLToPath(new URL(`../test/support/${f}`, import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), 'ic-bench-voice-latency-'));
const PCM = Buffer.alloc(16000 * 2 * 10); // a 10 s answer
const ANSWER = 'We put a read through cache in front of Postgres and cut latency from 300 ms to 40 ms';
/** The acknowledgement: its sentence is complete after 12 tokens (the stand-in's tokens are words). */
const ACK = 'You put a cache in front of Postgres for the read path.';

/**
 * @typedef {object} Engines
 * @property {number} sttMs Whisper's compute per answer
 * @property {number} tokenMs the model's time per token (first token included)
 * @property {number} piperMs Piper's compute per sentence
 */
/** @type {Engines} */
const INSTANT = { sttMs: 0, tokenMs: 0, piperMs: 0 };
/** @type {Engines} */
const CPU = { sttMs: 500, tokenMs: 125, piperMs: 200 };

/**
 * The interviewer: acknowledges with ACK, then asks the planned question or the follow-up.
 * @type {ReplyFn}
 */
const reply = (request, _i, context) => {
  const task = readTask(context?.seenMessages ?? request.messages ?? []);
  if (task.kind === 'acknowledge') return `${ACK} ${task.question}`;
  if (task.kind === 'follow-up') return `${ACK} Could you tell me more about ${task.probe}?`;
  return obedientText(task);
};

/**
 * @param {Engines} e
 * @param {string} home
 */
async function piper(e, home) {
  const voice = join(home, 'voice.onnx');
  writeFileSync(voice, 'x');
  writeFileSync(`${voice}.json`, JSON.stringify({ audio: { sample_rate: 22050 } }));
  const tts = new PiperTts({
    piperPath: support('piper-standin.mjs'),
    voice,
    env: { ...process.env, PIPER_STANDIN_DELAY_MS: String(e.piperMs) },
  });
  await tts.start();
  return tts;
}

/** @param {Engines} e */
const sttEnv = (e) => ({ ...process.env, STANDIN_TEXT: ANSWER, STANDIN_TRANSCRIBE_MS: String(e.sttMs) });

/**
 * A microphone whose answers are cut the moment they are asked for, each dated as if its last
 * voiced frame came SILENCE_MS before the cut.
 * @type {RecorderLike}
 */
const recorder = {
  async *listen() {
    const now = Date.now();
    yield {
      type: 'utterance',
      utterance: {
        pcm: PCM,
        pcmStartMs: 0,
        speechStartMs: 0,
        speechEndMs: 10_000,
        endedAt: now,
        lastVoicedAt: now - SILENCE_MS,
        reason: 'silence',
      },
    };
  },
  stopPushToTalk() {},
  close() {},
};

/**
 * Each reply's latency, through VoiceSession and Interview.
 * @param {Engines} e
 * @param {string} url the stand-in Ollama
 * @returns {Promise<TurnLatency[]>}
 */
async function ours(e, url) {
  const home = tmp();
  const db = openDatabase(join(home, 'ic.db'));
  const stt = new WhisperWorker({
    python: process.execPath,
    workerPath: support('stt-standin-worker.mjs'),
    env: sttEnv(e),
  });
  await stt.start();
  const tts = await piper(e, home);
  const speech = new SpeechOutput(tts, new FileSinkPlayer(join(home, 'sink')), { outDir: join(home, 'speech') });
  /** @type {TurnLatency[]} */
  const latencies = [];
  const voice = new VoiceSession(
    recorder,
    stt,
    speech,
    {
      audioRoot: join(home, 'audio'),
      pushToTalk: false,
      inputIsFile: false,
      typingFallback: false,
      measureDelivery: deliveryMetrics,
      // The grace window is a wait the person chooses (a setting, like the silence), not compute.
      graceMs: 0,
    },
    (turnId, path, metrics) => setTurnAudio(db, turnId, path, metrics ?? undefined),
    [tts],
  );
  voice.setListener((ev) => ev.type === 'latency' && latencies.push(ev.latency));
  const interview = new Interview(
    {
      role: findRole('backend'),
      difficulty: 'easy',
      questions: TURNS + 1,
      model: 'mistral',
      host: url,
      inputMode: 'voice',
    },
    { db, llm: new OllamaLlm(url, 'mistral'), offlineReason: null },
  );
  const answers = voice.answers();
  let count = 0;
  /** @type {AnswerSource} */
  const limited = { next: (ctx) => (++count > TURNS ? Promise.resolve({ type: 'end' }) : answers.next(ctx)) };
  for await (const ev of interview.run(limited, new AbortController().signal)) voice.observe(ev);
  await voice.close();
  db.close();
  return latencies;
}

/**
 * The cut -> first audio, per turn, with nothing of ours in between.
 * @param {Engines} e
 * @param {string} url the stand-in Ollama
 * @returns {Promise<number[]>}
 */
async function minimal(e, url) {
  const home = tmp();
  const worker = spawn(process.execPath, [support('stt-standin-worker.mjs')], {
    env: sttEnv(e),
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  /** @type {Array<(line: { text?: string }) => void>} */
  const pending = [];
  createInterface({ input: worker.stdout }).on('line', (l) =>
    pending.shift()?.(/** @type {{ text?: string }} */ (JSON.parse(l))),
  );
  await new Promise((r) => pending.push(r)); // ready
  const tts = await piper(e, home);
  const client = new Ollama({ host: url });
  /** @type {Message[]} */
  const messages = [{ role: 'system', content: 'You are an interviewer.' }];
  /** @type {number[]} */
  const samples = [];
  for (let i = 0; i < TURNS; i++) {
    const cut = Date.now();
    worker.stdin.write(`${JSON.stringify({ id: String(i), op: 'transcribe', pcm_b64: PCM.toString('base64') })}\n`);
    const t = await new Promise((r) => pending.push(r));
    // The task line the stand-in reads, so it replies to this as it does to the app.
    const task = `Task: acknowledge the answer in a few neutral words (no praise, no judgement), then ask this question in your own words without changing its meaning, and stop.\nQuestion: "How would you make the cache consistent with the database when writes are frequent?"`;
    messages.push({ role: 'user', content: `${t.text}\n\n${task}` });
    let text = '';
    let spoke = false;
    for await (const part of await client.chat({ model: 'mistral', messages, stream: true })) {
      text += part.message.content;
      const sentence = spoke ? undefined : text.match(/^(.+?[.?!])\s/)?.[1];
      if (sentence !== undefined) {
        spoke = true;
        const clip = await tts.synthesize(sentence, home);
        samples.push(Date.now() - cut);
        copyFileSync(clip.path, join(home, `played-${i}.wav`));
      }
    }
    messages.push({ role: 'assistant', content: text });
  }
  worker.stdin.end();
  await tts.close();
  return samples;
}

/**
 * @param {string} title
 * @param {Engines} e
 */
async function scenario(title, e) {
  const standin = await startStandin({ reply, tokenDelayMs: e.tokenMs, firstByteDelayMs: e.tokenMs });
  let latencies, base;
  try {
    await minimal(e, standin.url); // warm-up
    base = await minimal(e, standin.url);
    latencies = await ours(e, standin.url);
  } finally {
    await standin.close();
  }
  const shares = latencies.map((l) => stageShares(l)).filter((s) => s !== undefined);
  if (shares.length === 0) throw new Error('no reply was spoken');
  const fromCut = latencies.flatMap((l) =>
    l.firstAudioMs !== undefined && l.endpointWaitMs !== undefined ? [l.firstAudioMs - l.endpointWaitMs] : [],
  );
  console.log(title);
  for (const [i, s] of (shares[0] ?? []).entries()) {
    const values = shares.map((list) => list[i]?.ms ?? NaN);
    console.log(
      `  ${s.stage.padEnd(16)} median ${ms(median(values)).padStart(10)}  p90 ${ms(p90(values)).padStart(10)}`,
    );
  }
  const total = latencies.map((l) => l.firstAudioMs ?? NaN);
  console.log(
    `  end of speech -> first audio    median ${ms(median(total))}  (the ${SILENCE_MS} ms endpoint wait included)`,
  );
  console.log(`  cut -> first audio              median ${ms(median(fromCut))}  p90 ${ms(p90(fromCut))}`);
  console.log(`  minimal direct script           median ${ms(median(base))}  p90 ${ms(p90(base))}`);
  console.log(
    `  ratio (ours / minimal)          ${(median(fromCut) / median(base)).toFixed(2)}x  (ours - minimal: ${ms(median(fromCut) - median(base))})`,
  );
  return { shares, fromCutMedianMs: median(fromCut), minimalMedianMs: median(base) };
}

export async function run() {
  const a = await scenario(
    `A. end of speech -> first audio, instant stand-in engines (our overhead), ${TURNS} turns`,
    INSTANT,
  );
  console.log();
  const b = await scenario(
    `B. the same with engines timed like a laptop CPU: Whisper ${CPU.sttMs} ms per 10 s answer, 7B at ${1000 / CPU.tokenMs} tokens/s (first sentence after 12 tokens), Piper ${CPU.piperMs} ms per sentence`,
    CPU,
  );
  return { a, b };
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
