// @ts-check
// Voice pipeline figures:
//  A. our own overhead per voice turn: end of speech -> first audio with instant stand-in engines,
//     so everything measured is overhead (process pipes, HTTP, files, our code)
//     (Whisper worker, Ollama, TTS, player), against a minimal script doing the same four steps
//     directly, measured in the same run;
//  B. time to first audio with sentence streaming against speaking only once the whole reply is in.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Ollama } from 'ollama';
import { startStandin } from '../test/support/ollama-standin.mjs';
import { obedient } from '../test/support/scenarios.mjs';
import { built } from './built.mjs';
import { median, ms, p90 } from './lib.mjs';

/**
 * @import { Message } from 'ollama'
 * @import { AnswerSource } from '../src/model/events.js'
 * @import { TurnLatency } from '../src/model/voice.js'
 * @import { TextToSpeech } from '../src/voice/contracts.js'
 * @import { RecorderLike } from '../src/voice/session.js'
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
const { writeWav } = await built('voice/audio/wav.js');

const TURNS = Number(process.env.BENCH_TURNS ?? 12);
/** @param {string} f a file in test/support */
const support = (f) => fileURLToPath(new URL(`../test/support/${f}`, import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), 'ic-bench-voice-'));
const PCM = Buffer.alloc(16000 * 2 * 3); // 3 s of audio per answer
const ANSWER = 'We put a read through cache in front of Postgres and cut latency from 300 ms to 40 ms';

/**
 * An instant TTS: a 100 ms silent WAV per sentence.
 * @returns {TextToSpeech}
 */
function instantTts() {
  let n = 0;
  return {
    name: 'instant',
    async start() {},
    async close() {},
    async synthesize(_sentence, outDir) {
      const path = join(outDir, `clip-${++n}.wav`);
      writeWav(path, Buffer.alloc(2205 * 2), 22050);
      return { path, sampleRate: 22050, durationMs: 100 };
    },
  };
}

/**
 * A recorder whose every answer is ready at once (end of speech = now).
 * @type {RecorderLike}
 */
const instantRecorder = {
  async *listen() {
    const now = Date.now();
    yield {
      type: 'utterance',
      utterance: {
        pcm: PCM,
        pcmStartMs: 0,
        speechStartMs: 0,
        speechEndMs: 3000,
        endedAt: now,
        lastVoicedAt: now,
        reason: 'silence',
      },
    };
  },
  stopPushToTalk() {},
  close() {},
};

function sttWorker() {
  return new WhisperWorker({
    python: process.execPath,
    workerPath: support('stt-standin-worker.mjs'),
    env: { ...process.env, STANDIN_TEXT: ANSWER },
  });
}

/**
 * End of speech -> first audio, per turn, through our VoiceSession and Interview.
 * @param {string} url the stand-in Ollama
 */
async function oursPerTurn(url) {
  const home = tmp();
  const db = openDatabase(join(home, 'ic.db'));
  const stt = sttWorker();
  await stt.start();
  const speech = new SpeechOutput(instantTts(), new FileSinkPlayer(join(home, 'sink')), {
    outDir: join(home, 'speech'),
  });
  /** @type {TurnLatency[]} */
  const latencies = [];
  const voice = new VoiceSession(
    instantRecorder,
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
  );
  voice.setListener((e) => e.type === 'latency' && latencies.push(e.latency));
  // Many questions with long answers: no follow-ups, one reply per answer.
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
  for await (const e of interview.run(limited, new AbortController().signal)) voice.observe(e);
  await voice.close();
  db.close();
  return latencies.flatMap((l) => (l.firstAudioMs !== undefined ? [l.firstAudioMs] : []));
}

const NEXT_TASK = [
  'Task: acknowledge the answer in a few neutral words (no praise, no judgement), then ask this question in your own words without changing its meaning, and stop.',
  'Question: "How would you make the cache consistent with the database when writes are frequent?"',
].join('\n');

/** The same four steps with nothing of ours in between: raw JSON lines, the ollama client, synth, play. */
/** @param {string} url the stand-in Ollama */
async function minimalPerTurn(url) {
  const home = tmp();
  const worker = spawn(process.execPath, [support('stt-standin-worker.mjs')], {
    env: { ...process.env, STANDIN_TEXT: ANSWER },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const lines = createInterface({ input: worker.stdout });
  /**
   * Waiters for the worker's next line, in order.
   * @type {Array<(line: { text?: string }) => void>}
   */
  const pending = [];
  // the worker's protocol: one JSON object per line (see test/support/stt-standin-worker.mjs)
  lines.on('line', (l) => pending.shift()?.(/** @type {{ text?: string }} */ (JSON.parse(l))));
  await new Promise((r) => pending.push(r)); // ready
  const client = new Ollama({ host: url });
  const tts = instantTts();
  const player = new FileSinkPlayer(join(home, 'sink'));
  /** @type {Message[]} */
  const messages = [{ role: 'system', content: 'You are an interviewer.' }];
  /** @type {number[]} */
  const samples = [];
  for (let i = 0; i < TURNS; i++) {
    const endedAt = Date.now();
    worker.stdin.write(`${JSON.stringify({ id: String(i), op: 'transcribe', pcm_b64: PCM.toString('base64') })}\n`);
    const t = await new Promise((r) => pending.push(r));
    // The same kind of request the app sends: the answer, then the task (so the stand-in's
    // obedient model replies as it does to the app: an acknowledgement, then the question).
    messages.push({ role: 'user', content: `${t.text}\n\n${NEXT_TASK}` });
    const stream = await client.chat({ model: 'mistral', messages, stream: true });
    let reply = '';
    let spoke = false;
    for await (const part of stream) {
      reply += part.message.content;
      const sentence = spoke ? undefined : reply.match(/^(.+?[.?!])(?:\s|$)/)?.[1];
      if (sentence !== undefined) {
        spoke = true;
        const clip = await tts.synthesize(sentence, home);
        const first = Date.now();
        await player.play(clip.path);
        samples.push(first - endedAt);
      }
    }
    messages.push({ role: 'assistant', content: reply });
  }
  worker.stdin.end();
  return samples;
}

/**
 * Reply start -> first audio over five replies, through the Piper stand-in.
 * @param {string} url the stand-in Ollama
 * @param {boolean} streaming speak sentence by sentence as the reply streams, or the whole reply at the end
 */
async function firstAudio(url, streaming) {
  const home = tmp();
  const voice = join(home, 'voice.onnx');
  writeFileSync(voice, 'x');
  writeFileSync(`${voice}.json`, JSON.stringify({ audio: { sample_rate: 22050 } }));
  // A Piper that needs 80 ms per sentence, like a medium voice on a laptop CPU.
  const tts = new PiperTts({
    piperPath: support('piper-standin.mjs'),
    voice,
    env: { ...process.env, PIPER_STANDIN_DELAY_MS: '80' },
  });
  await tts.start();
  const speech = new SpeechOutput(tts, new FileSinkPlayer(join(home, 'sink')), { outDir: home });
  const client = new Ollama({ host: url });
  /** @type {number[]} */
  const samples = [];
  for (let i = 0; i < 5; i++) {
    const t0 = Date.now();
    const stream = await client.chat({
      model: 'mistral',
      messages: [{ role: 'user', content: 'question' }],
      stream: true,
    });
    let result;
    if (streaming) {
      const s = speech.speakStream();
      for await (const part of stream) s.push(part.message.content);
      result = await s.end();
    } else {
      let text = '';
      for await (const part of stream) text += part.message.content;
      result = await speech.speak(text);
    }
    if (result.firstAudioAt === null) throw new Error('the reply produced no audio');
    samples.push(result.firstAudioAt - t0);
  }
  await tts.close();
  return samples;
}

export async function run() {
  const instant = await startStandin({ reply: obedient() });
  let a;
  try {
    await minimalPerTurn(instant.url); // warm-up
    const minimal = await minimalPerTurn(instant.url);
    const ours = await oursPerTurn(instant.url);
    a = {
      turns: TURNS,
      oursMedianMs: median(ours),
      oursP90Ms: p90(ours),
      minimalMedianMs: median(minimal),
      minimalP90Ms: p90(minimal),
    };
  } finally {
    await instant.close();
  }
  console.log(
    `A. end of speech -> first audio with instant stand-in engines (all of it is pipeline overhead), ${TURNS} turns`,
  );
  console.log(`  interview-coach voice pipeline  median ${ms(a.oursMedianMs)}  p90 ${ms(a.oursP90Ms)}`);
  console.log(`  minimal direct script           median ${ms(a.minimalMedianMs)}  p90 ${ms(a.minimalP90Ms)}`);
  console.log(`  ratio (ours / minimal)          ${(a.oursMedianMs / a.minimalMedianMs).toFixed(2)}x`);

  const reply =
    'Thanks for that. How would you make the cache consistent with the database when writes are frequent? Think about invalidation and about what happens when two writers race.';
  const slow = await startStandin({ reply: () => reply, tokenDelayMs: 40 });
  let b;
  try {
    const streamed = await firstAudio(slow.url, true);
    const whole = await firstAudio(slow.url, false);
    b = { streamedMedianMs: median(streamed), wholeMedianMs: median(whole) };
  } finally {
    await slow.close();
  }
  console.log(
    `B. reply start -> first audio (stand-in Ollama at 40 ms/token, ${reply.split(' ').length}-word reply; Piper stand-in at 80 ms/sentence)`,
  );
  console.log(`  sentence streaming              median ${ms(b.streamedMedianMs)}`);
  console.log(`  wait for the whole reply        median ${ms(b.wholeMedianMs)}`);
  console.log(`  ratio (streaming / whole)       ${(b.streamedMedianMs / b.wholeMedianMs).toFixed(2)}x`);
  return { a, b };
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
