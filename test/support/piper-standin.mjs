#!/usr/bin/env node
// @ts-check
/**
 * A stand-in for the `piper` text-to-speech CLI, for tests (Piper itself is not installed here).
 *
 * It follows the documented interface of both Piper CLIs, quirks included:
 *
 * - C++ piper 1.2 (default, or PIPER_STANDIN_FLAVOR=cpp): flags in both spellings except that
 *   `--output-dir` (dashes) is ignored, as in main.cpp; unknown flags are ignored; `-d DIR` mode
 *   writes `<ns-timestamp>.wav` per stdin line and prints its path on stdout; every line ends with
 *   a `Real-time factor:` log on stderr; `--sentence_silence` defaults to 0.2 s after each
 *   sentence; `--help` prints the usage on stderr; a missing model aborts with a C++ exception.
 * - Python piper-tts (PIPER_STANDIN_FLAVOR=python): flags as in piper/__main__.py; unknown flags
 *   become the text to speak (stdin is then never read); empty lines are skipped; `-d DIR` mode
 *   prints nothing on stdout and logs `INFO:__main__:Wrote <path>` on stderr; the sentence
 *   silence defaults to 0 and is never added after the last sentence; `--help` (argparse) on
 *   stdout, mentioning --output-dir-naming and --data-dir.
 *
 * Audio: the sample rate comes from the voice config (`audio.sample_rate`, default 22050); each
 * line becomes a 440 Hz tone of 60 ms per word (times --length_scale). `--output_raw` writes the
 * raw s16le samples to stdout instead of WAV files.
 *
 * Knobs (env):
 *   PIPER_STANDIN_FAIL_AFTER=N   after N lines, the next line makes it exit 1 with a stderr line
 *   PIPER_STANDIN_DELAY_MS=ms    wait this long before each line's output (a slow voice)
 *   PIPER_STANDIN_LATE_TAIL=1    C++ mode: print the path before the WAV's last bytes are written
 *                                (the real binary prints before its ofstream is closed)
 *   PIPER_STANDIN_ARGV_LOG=file  append this run's argv (JSON, one line) to file
 */
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { isObject } from './json-guards.mjs';

const flavor = process.env.PIPER_STANDIN_FLAVOR === 'python' ? 'python' : 'cpp';
const failAfter = process.env.PIPER_STANDIN_FAIL_AFTER ? Number(process.env.PIPER_STANDIN_FAIL_AFTER) : Infinity;
const delayMs = Number(process.env.PIPER_STANDIN_DELAY_MS ?? 0);
const lateTail = process.env.PIPER_STANDIN_LATE_TAIL === '1';
const argv = process.argv.slice(2);
if (process.env.PIPER_STANDIN_ARGV_LOG)
  appendFileSync(process.env.PIPER_STANDIN_ARGV_LOG, `${JSON.stringify({ flavor, argv })}\n`);

const CPP_USAGE = `
usage: piper [options]

options:
   -h        --help              show this message and exit
   -m  FILE  --model       FILE  path to onnx model file
   -c  FILE  --config      FILE  path to model config file (default: model path + .json)
   -f  FILE  --output_file FILE  path to output WAV file ('-' for stdout)
   -d  DIR   --output_dir  DIR   path to output directory (default: cwd)
   --output_raw                  output raw audio to stdout as it becomes available
   -s  NUM   --speaker     NUM   id of speaker (default: 0)
   --noise_scale           NUM   generator noise (default: 0.667)
   --length_scale          NUM   phoneme length (default: 1.0)
   --noise_w               NUM   phoneme width noise (default: 0.8)
   --sentence_silence      NUM   seconds of silence after each sentence (default: 0.2)
   --json-input                  stdin input is lines of JSON instead of plain text
   --use-cuda                    use CUDA execution provider
   --debug                       print DEBUG messages to the console
   -q       --quiet              disable logging
`;

const PY_USAGE = `usage: piper [-h] -m MODEL [-c CONFIG] [-i INPUT_FILE] [-f OUTPUT_FILE] [-d OUTPUT_DIR]
             [--output-dir-naming {timestamp,text}] [--output-raw] [-s SPEAKER]
             [--length-scale LENGTH_SCALE] [--noise-scale NOISE_SCALE] [--noise-w-scale NOISE_W_SCALE]
             [--cuda] [--sentence-silence SENTENCE_SILENCE] [--volume VOLUME] [--no-normalize]
             [--data-dir DATA_DIR] [--debug]

options:
  -h, --help            show this help message and exit
  -m MODEL, --model MODEL
                        Path to Onnx model file
  -c CONFIG, --config CONFIG
                        Path to model config file
  -d OUTPUT_DIR, --output-dir OUTPUT_DIR, --output_dir OUTPUT_DIR
                        Path to output directory (default: cwd)
  --output-dir-naming {timestamp,text}
                        Naming scheme for WAV files in output directory (default: timestamp)
  --output-raw, --output_raw
                        Stream raw audio to stdout
  --length-scale LENGTH_SCALE, --length_scale LENGTH_SCALE
                        Phoneme length
  --sentence-silence SENTENCE_SILENCE, --sentence_silence SENTENCE_SILENCE
                        Seconds of silence after each sentence
  --data-dir DATA_DIR, --data_dir DATA_DIR
                        Data directory to check for voice models (default: current directory)
`;

// ---- argument parsing, per flavor ---------------------------------------------------------

/**
 * The parsed command line. Flags the stand-in only accepts (speaker, noise, ...) are kept as given.
 * @typedef {object} PiperArgs
 * @property {string | null} model
 * @property {string | null} config
 * @property {string} outputDir
 * @property {boolean} raw
 * @property {number} lengthScale
 * @property {number} sentenceSilence
 * @property {boolean} quiet
 * @property {string} [speaker]
 * @property {string} [noiseScale]
 * @property {string} [noiseW]
 * @property {string} [naming]
 * @property {string} [dataDir]
 * @property {string} [volume]
 * @property {boolean} [jsonInput]
 * @property {boolean} [noNormalize]
 * @property {boolean} [cuda]
 * @property {boolean} [debug]
 */

/**
 * A flag's key in PiperArgs and whether it takes a value (numbers are parsed, strings kept).
 * @typedef {['lengthScale' | 'sentenceSilence' | 'model' | 'config' | 'outputDir' | 'speaker' | 'noiseScale' | 'noiseW' | 'naming' | 'dataDir' | 'volume', true]
 *   | ['raw' | 'quiet' | 'jsonInput' | 'noNormalize' | 'cuda' | 'debug', false]} FlagSpec
 */

/** @type {PiperArgs} */
const opts = {
  model: null,
  config: null,
  outputDir: '.',
  raw: false,
  lengthScale: 1,
  sentenceSilence: flavor === 'cpp' ? 0.2 : 0,
  quiet: false,
};
/** @type {string[]} */
const unknown = [];

/**
 * name → [key, takesValue]
 * @type {Record<string, FlagSpec>}
 */
const CPP_FLAGS = {
  '-m': ['model', true],
  '--model': ['model', true],
  '-c': ['config', true],
  '--config': ['config', true],
  '-d': ['outputDir', true],
  '--output_dir': ['outputDir', true],
  'output-dir': ['outputDir', true], // sic
  '--output_raw': ['raw', false],
  '--output-raw': ['raw', false],
  '--length_scale': ['lengthScale', true],
  '--length-scale': ['lengthScale', true],
  '--sentence_silence': ['sentenceSilence', true],
  '--sentence-silence': ['sentenceSilence', true],
  '-s': ['speaker', true],
  '--speaker': ['speaker', true],
  '--noise_scale': ['noiseScale', true],
  '--noise-scale': ['noiseScale', true],
  '--noise_w': ['noiseW', true],
  '--noise-w': ['noiseW', true],
  '-q': ['quiet', false],
  '--quiet': ['quiet', false],
  '--json-input': ['jsonInput', false],
  '--json_input': ['jsonInput', false],
};
/** @type {Record<string, FlagSpec>} */
const PY_FLAGS = {
  '-m': ['model', true],
  '--model': ['model', true],
  '-c': ['config', true],
  '--config': ['config', true],
  '-d': ['outputDir', true],
  '--output-dir': ['outputDir', true],
  '--output_dir': ['outputDir', true],
  '--output-dir-naming': ['naming', true],
  '--output-raw': ['raw', false],
  '--output_raw': ['raw', false],
  '--length-scale': ['lengthScale', true],
  '--length_scale': ['lengthScale', true],
  '--sentence-silence': ['sentenceSilence', true],
  '--sentence_silence': ['sentenceSilence', true],
  '-s': ['speaker', true],
  '--speaker': ['speaker', true],
  '--noise-scale': ['noiseScale', true],
  '--noise_scale': ['noiseScale', true],
  '--noise-w-scale': ['noiseW', true],
  '--noise_w_scale': ['noiseW', true],
  '--noise-w': ['noiseW', true],
  '--noise_w': ['noiseW', true],
  '--data-dir': ['dataDir', true],
  '--data_dir': ['dataDir', true],
  '--volume': ['volume', true],
  '--no-normalize': ['noNormalize', false],
  '--cuda': ['cuda', false],
  '--debug': ['debug', false],
};

const FLAGS = flavor === 'cpp' ? CPP_FLAGS : PY_FLAGS;
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === undefined) continue; // i < argv.length
  if (arg === '-h' || arg === '--help') {
    if (flavor === 'cpp') process.stderr.write(CPP_USAGE);
    else process.stdout.write(PY_USAGE);
    process.exit(0);
  }
  const known = FLAGS[arg];
  if (!known) {
    unknown.push(arg); // C++: ignored; Python: becomes the text to speak
    continue;
  }
  if (known[1]) {
    const key = known[0];
    const value = argv[i + 1];
    if (value === undefined) {
      if (flavor === 'cpp') {
        process.stderr.write(CPP_USAGE);
        process.exit(0);
      }
      process.stderr.write(`piper: error: argument ${arg}: expected one argument\n`);
      process.exit(2);
    }
    i++;
    if (key === 'lengthScale' || key === 'sentenceSilence') opts[key] = Number(value);
    else opts[key] = value;
  } else {
    opts[known[0]] = true;
  }
}

if (!opts.model && flavor === 'python') {
  process.stderr.write(
    'usage: piper [-h] -m MODEL ...\npiper: error: the following arguments are required: -m/--model\n',
  );
  process.exit(2);
}
if (!opts.model || !existsSync(opts.model)) {
  if (flavor === 'cpp') {
    process.stderr.write(
      "terminate called after throwing an instance of 'std::runtime_error'\n  what():  Model file doesn't exist\n",
    );
    process.exit(134);
  }
  process.stderr.write(
    `Traceback (most recent call last):\nValueError: Unable to find voice: ${opts.model} (use piper.download_voices)\n`,
  );
  process.exit(1);
}
const configPath = opts.config ?? `${opts.model}.json`;
if (!existsSync(configPath)) {
  if (flavor === 'cpp') {
    process.stderr.write(
      "terminate called after throwing an instance of 'std::runtime_error'\n  what():  Model config doesn't exist\n",
    );
    process.exit(134);
  }
  process.stderr.write(
    `Traceback (most recent call last):\nFileNotFoundError: [Errno 2] No such file or directory: '${configPath}'\n`,
  );
  process.exit(1);
}
/** @type {unknown} */
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const audio = isObject(config) ? config.audio : undefined;
// Number(): the rate only ever meets arithmetic, which coerces the same way.
const sampleRate = Number((isObject(audio) ? audio.sample_rate : undefined) ?? 22050);

// ---- logging ------------------------------------------------------------------------------

/** @param {string} message */
function info(message) {
  if (flavor === 'cpp') {
    if (!opts.quiet) process.stderr.write(`[${new Date().toISOString()}] [piper] [info] ${message}\n`);
  } else {
    process.stderr.write(`INFO:__main__:${message}\n`);
  }
}

if (flavor === 'cpp') info(`Loaded voice in 0.01 second(s)`);
const outputDir = resolve(opts.outputDir);
if (!opts.raw) {
  mkdirSync(outputDir, { recursive: true });
  if (flavor === 'cpp') info(`Output directory: ${outputDir}`);
}

// ---- audio --------------------------------------------------------------------------------

/**
 * 16-bit mono PCM for a line: the tone, then (C++ only) the sentence silence.
 * @param {string} text
 * @returns {Buffer}
 */
function samplesFor(text) {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  const speech = Math.round(words * 0.06 * opts.lengthScale * sampleRate);
  const silence = Math.round(opts.sentenceSilence * sampleRate); // C++: after each sentence
  const pcm = Buffer.alloc((speech + (flavor === 'cpp' ? silence : 0)) * 2);
  for (let i = 0; i < speech; i++) {
    pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 8000), i * 2);
  }
  return pcm;
}

/**
 * A 44-byte WAV header for 16-bit mono PCM at the voice's rate.
 * @param {number} dataBytes
 * @returns {Buffer}
 */
function header(dataBytes) {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** @type {(ms: number) => Promise<void>} */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let done = 0;

/** @param {string} text one line of input */
async function synthesize(text) {
  if (done >= failAfter) {
    if (flavor === 'cpp')
      process.stderr.write(
        `[${new Date().toISOString()}] [piper] [error] standin: simulated crash after ${done} sentence(s)\n`,
      );
    else process.stderr.write(`RuntimeError: standin: simulated crash after ${done} sentence(s)\n`);
    process.exit(1);
  }
  if (delayMs > 0) await sleep(delayMs);
  const pcm = samplesFor(text);
  const audioSeconds = pcm.length / 2 / sampleRate;
  if (opts.raw) {
    await new Promise((r) => process.stdout.write(pcm, r));
  } else {
    const path = join(outputDir, `${process.hrtime.bigint()}.wav`);
    const fd = openSync(path, 'w');
    const whole = Buffer.concat([header(pcm.length), pcm]);
    if (flavor === 'cpp' && lateTail && pcm.length > 0) {
      // Like the real binary: the path goes out while the last bytes are still buffered.
      const cut = Math.max(44, whole.length - Math.min(4096, pcm.length));
      writeSync(fd, whole, 0, cut);
      process.stdout.write(`${path}\n`);
      await sleep(50);
      writeSync(fd, whole, cut, whole.length - cut);
      closeSync(fd);
    } else {
      writeSync(fd, whole);
      closeSync(fd);
      if (flavor === 'cpp') process.stdout.write(`${path}\n`);
      else info(`Wrote ${path}`);
    }
  }
  if (flavor === 'cpp')
    info(`Real-time factor: 0.01 (infer=${(audioSeconds * 0.01).toFixed(4)} sec, audio=${audioSeconds} sec)`);
  done++;
}

// ---- input --------------------------------------------------------------------------------

if (flavor === 'python' && unknown.length > 0) {
  // parse_known_args: the unknown arguments are the text; stdin is not read.
  await synthesize(unknown.join(' '));
  process.exit(0);
}

/** @type {string[]} */
const queue = [];
let busy = false;
let ended = false;

async function drain() {
  if (busy) return;
  busy = true;
  /** @type {string | undefined} */
  let next;
  while ((next = queue.shift()) !== undefined) await synthesize(next);
  busy = false;
  if (ended) process.exit(0);
}

createInterface({ input: process.stdin })
  .on('line', (line) => {
    if (flavor === 'python' && line.trim() === '') return; // skipped, like piper-tts
    queue.push(flavor === 'python' ? line.trim() : line);
    void drain();
  })
  .on('close', () => {
    ended = true;
    if (!busy) process.exit(0);
  });
