#!/usr/bin/env node
// @ts-check
// A stand-in for python/stt_worker.py that speaks exactly its JSON-lines protocol, with no
// Python and no model. The client under test spawns it as `<process.execPath> <this file>`, so
// the same spawn / stdin / stdout / stderr code path is exercised.
//
// Environment:
//   STT_CONFIG      JSON config, read like the real worker (model, device, compute_type, language, ...)
//   STANDIN_MODE    ok (default) | slow-load | crash | junk | missing-package | missing-model | error
//                   | exit-early | stubborn
//     ok               deterministic transcripts (see below)
//     slow-load        the ready line comes after STANDIN_LOAD_MS
//     crash            exits 3 in the middle of the 2nd transcribe request, after a stderr line
//     junk             non-JSON lines and unrelated JSON before the ready line and each response
//     missing-package  the fatal line (kind missing-package), exit 1
//     missing-model    the fatal line (kind missing-model), exit 1
//     error            every transcribe answers ok:false
//     exit-early       a stderr line, then exit 2 before ready (no fatal line)
//     stubborn         like ok, but ignores stdin EOF (keeps running until killed)
//     hang             ready, answers pings, but never answers a transcribe request
//   STANDIN_TEXT     the text of every transcript (default "answer N", N = 1, 2, ... per transcribe)
//                    The words said, as a person said them: like Whisper, the stand-in leaves the
//                    hesitations (um, uh, er, hmm) out of the transcript unless the initial prompt
//                    (STT_CONFIG initial_prompt, or the request's) has one of them itself.
//   STANDIN_LOAD_MS  slow-load delay (default 300); also reported as load_ms
//   STANDIN_TRANSCRIBE_MS  compute time of each transcription: the answer comes this much later
//                    and reports it as elapsed_ms (default 0, reported as 7)
//
// Transcripts: words of the text spread evenly over the audio duration, computed from the PCM
// length (s16le mono 16 kHz), each with a leading space like faster-whisper's words.

import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isObject, isPlainObject } from './json-guards.mjs';

const SAMPLE_RATE = 16_000;
const mode = process.env.STANDIN_MODE ?? 'ok';
const text = process.env.STANDIN_TEXT;
const loadMs = Number(process.env.STANDIN_LOAD_MS ?? '300');
const transcribeMs = Number(process.env.STANDIN_TRANSCRIBE_MS ?? '0');

const defaults = { model: 'base.en', device: 'cpu', compute_type: 'int8', language: 'en' };
/**
 * The worker's config: the defaults, overridden by STT_CONFIG.
 * @type {Record<string, unknown>}
 */
let cfg;
try {
  /** @type {unknown} */
  const given = JSON.parse(process.env.STT_CONFIG || '{}');
  cfg = { ...defaults, ...(isObject(given) ? given : {}) };
} catch (err) {
  fatal('other', `STT_CONFIG is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
}

/** @param {unknown} obj */
function send(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

/**
 * The worker's fatal line (it exits once the line is written).
 * @param {string} kind
 * @param {string} error
 * @returns {never}
 */
function fatal(kind, error) {
  process.stderr.write(`stt_worker: ${error}\n`);
  process.stdout.write(JSON.stringify({ type: 'fatal', error, kind }) + '\n', () => process.exit(1));
  // keep the event loop alive until the write callback exits
  setInterval(() => {}, 1000);
  return /** @type {never} */ (undefined);
}

/**
 * Noise a real worker's stdout may carry (library prints, stray JSON), and answers to other ids.
 * @param {unknown} [id] the request being answered, if any
 */
function junk(id) {
  process.stdout.write('this is not JSON\n');
  process.stdout.write('Traceback (most recent call last): something noisy\n');
  send({ unrelated: true });
  send([1, 2, 3]);
  send(null);
  send({ type: 'progress', value: 0.5 });
  if (id !== undefined) {
    send({ id: `${id}-other`, ok: true, text: 'not yours' });
    send({ id: String(Number(id) + 1), ok: true, text: 'from the future' });
  }
}

/**
 * faster-whisper's word timings, spread evenly.
 * @param {string} transcriptText
 * @param {number} duration seconds
 */
function words(transcriptText, duration) {
  const parts = transcriptText.split(/\s+/).filter(Boolean);
  const step = parts.length ? duration / parts.length : 0;
  const round = (/** @type {number} */ x) => Math.round(x * 1000) / 1000;
  return parts.map((w, i) => ({ word: ` ${w}`, start: round(i * step), end: round((i + 1) * step), probability: 0.9 }));
}

/**
 * The request's audio as PCM bytes: decoded pcm_b64, or the file at `path` (a WAV loses its header).
 * @param {Record<string, unknown>} req
 * @returns {Buffer}
 */
function audioBytes(req) {
  const hasPcm = 'pcm_b64' in req;
  const hasPath = 'path' in req;
  if (hasPcm === hasPath) throw new Error('bad request: a transcribe request needs exactly one of pcm_b64 or path');
  if (hasPcm) {
    const b64 = req.pcm_b64;
    if (typeof b64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4) {
      throw new Error('bad request: pcm_b64 is not valid base64');
    }
    const pcm = Buffer.from(b64, 'base64');
    if (pcm.length % 2) throw new Error(`bad request: ${pcm.length} bytes is not a whole number of 16-bit samples`);
    return pcm;
  }
  // Whatever `path` holds goes to readFileSync, which throws (ENOENT, bad type) like the real engine.
  const data = readFileSync(/** @type {string} */ (req.path));
  return data.subarray(0, 4).toString('latin1') === 'RIFF' ? data.subarray(44) : data;
}

/** Hesitation sounds, as Whisper writes them when it keeps them. */
const HESITATION = /^(?:u+m+|u+h+|e+r+m*|h+m+)[,.!?]*$/i;

/**
 * What Whisper writes for what was said: without a disfluent prompt it writes the fluent text
 * people read, so the hesitations are left out.
 * @param {string} said
 * @param {unknown} prompt the initial prompt in effect
 */
function asWhisperWrites(said, prompt) {
  const keeps = typeof prompt === 'string' && prompt.split(/\s+/).some((w) => HESITATION.test(w));
  if (keeps) return said;
  return said
    .split(/\s+/)
    .filter((w) => w && !HESITATION.test(w))
    .join(' ');
}

let transcribes = 0;

/**
 * Answers one request line; 'stop' when the worker is to read no more (a simulated crash).
 * @param {string} line
 * @returns {'stop' | undefined}
 */
function handle(line) {
  /** @type {unknown} */
  let req;
  try {
    req = JSON.parse(line);
  } catch (err) {
    send({
      id: null,
      ok: false,
      error: `bad request: not a JSON line (${err instanceof Error ? err.message : String(err)})`,
    });
    return;
  }
  if (!isPlainObject(req)) {
    send({ id: null, ok: false, error: 'bad request: expected a JSON object' });
    return;
  }
  const id = req.id ?? null;
  if (mode === 'junk') junk(id);
  if (req.op === 'ping') {
    send({ id, ok: true });
    return;
  }
  if (req.op !== 'transcribe') {
    send({ id, ok: false, error: `unknown op '${req.op}'` });
    return;
  }
  transcribes += 1;
  if (mode === 'hang') {
    process.stderr.write(`standin: stuck on request ${id}\n`);
    return;
  }
  if (mode === 'crash' && transcribes === 2) {
    process.stderr.write('standin: segmentation fault while decoding (simulated)\n', () => process.exit(3));
    setInterval(() => {}, 1000);
    return 'stop';
  }
  try {
    const pcm = audioBytes(req);
    if (mode === 'error') throw new Error('RuntimeError: simulated decoder failure');
    const duration = pcm.length / 2 / SAMPLE_RATE;
    const t = asWhisperWrites(text ?? `answer ${transcribes}`, req.initial_prompt ?? cfg.initial_prompt);
    // Busy like the real worker: it computes, one request at a time, and reads nothing meanwhile.
    if (transcribeMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, transcribeMs);
    send({
      id,
      ok: true,
      text: t,
      language: req.language ?? cfg.language,
      duration,
      elapsed_ms: transcribeMs > 0 ? transcribeMs : 7,
      segments: [{ start: 0, end: duration, text: ` ${t}`, avg_logprob: -0.2, no_speech_prob: 0.01 }],
      words: words(t, duration),
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`standin: ${message}\n`);
    send({ id, ok: false, error: message });
  }
}

function serve() {
  if (mode === 'junk') junk();
  send({
    type: 'ready',
    model: cfg.model,
    device: cfg.device,
    compute_type: cfg.compute_type,
    load_ms: mode === 'slow-load' ? loadMs : 5,
    warmup_ms: 3,
  });
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let stopped = false;
  rl.on('line', (line) => {
    if (stopped || !line.trim()) return;
    if (handle(line) === 'stop') {
      stopped = true;
      rl.close();
    }
  });
  rl.on('close', () => {
    if (stopped) return;
    if (mode === 'stubborn') {
      setInterval(() => {}, 1000); // ignores EOF: only a kill ends it
      return;
    }
    process.exit(0);
  });
}

process.stderr.write(`standin: loading ${cfg.model} (${mode})\n`);
if (mode === 'missing-package') {
  fatal(
    'missing-package',
    `faster-whisper is not installed for ${process.execPath} (No module named 'faster_whisper')`,
  );
} else if (mode === 'missing-model') {
  fatal(
    'missing-model',
    `The Whisper model "${cfg.model}" is not available offline (LocalEntryNotFoundError: Cannot find an appropriate cached snapshot folder)`,
  );
} else if (mode === 'exit-early') {
  process.stderr.write('standin: ctranslate2 could not allocate memory (simulated)\n', () => process.exit(2));
} else if (mode === 'slow-load') {
  setTimeout(serve, loadMs);
} else {
  serve();
}
