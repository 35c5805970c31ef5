/**
 * Minimal WAV (RIFF, integer PCM) reading and writing: enough for our own recordings and
 * for what sox, espeak-ng and Piper write.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../shared/atomic-write.js';
import { CoachError } from '../../shared/errors.js';

export interface WavData {
  sampleRate: number;
  channels: number;
  bits: number;
  /** The 'data' chunk: interleaved little-endian samples. */
  pcm: Buffer;
}

/** The canonical 44-byte header of a PCM WAV with `dataBytes` of samples. */
export function wavHeader(dataBytes: number, sampleRate: number, channels = 1, bits = 16): Buffer {
  const blockAlign = channels * (bits / 8);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16); // fmt chunk size
  h.writeUInt16LE(1, 20); // 1 = integer PCM
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * blockAlign, 28); // byte rate
  h.writeUInt16LE(blockAlign, 32);
  h.writeUInt16LE(bits, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** Writes mono s16le `pcm` as a WAV, atomically and readable by the owner only (0600): answers are personal. */
export function writeWav(path: string, pcm: Buffer, sampleRate: number): void {
  writeFileAtomic(path, Buffer.concat([wavHeader(pcm.length, sampleRate), pcm]));
}

/** Size fields that mean "unknown, read to the end": espeak-ng --stdout and sox writing to a pipe. */
const PLACEHOLDER_SIZES = new Set([0x7ffff000, 0xffffffff]);
const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/** Reads an integer-PCM WAV, walking the RIFF chunks (LIST, fact, … are skipped). */
export function readWav(path: string): WavData {
  const file = readFileSync(path);
  const bad = (why: string) =>
    new CoachError(`Cannot read ${path}: ${why}.`, {
      hint: 'Use a PCM WAV file, e.g. convert it with: sox input.ext -b 16 output.wav',
    });
  if (file.length < 12 || file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE') {
    throw bad('not a WAV file');
  }
  let fmt: Omit<WavData, 'pcm'> | undefined;
  let offset = 12;
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > file.length) throw bad('its format chunk is truncated');
      const format = file.readUInt16LE(body);
      // Extensible WAVs carry the real format in the first 2 bytes of the sub-format GUID.
      const real = format === WAVE_FORMAT_EXTENSIBLE && size >= 26 ? file.readUInt16LE(body + 24) : format;
      if (real !== WAVE_FORMAT_PCM) throw bad(`unsupported encoding (format ${real}); only integer PCM is read`);
      fmt = {
        channels: file.readUInt16LE(body + 2),
        sampleRate: file.readUInt32LE(body + 4),
        bits: file.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) throw bad('its data comes before the format chunk');
      const toEof = PLACEHOLDER_SIZES.has(size) || body + size > file.length;
      let end = toEof ? file.length : body + size;
      const blockAlign = fmt.channels * Math.ceil(fmt.bits / 8);
      if (blockAlign > 0) end -= (end - body) % blockAlign; // a cut-off last sample is dropped
      return { ...fmt, pcm: Buffer.from(file.subarray(body, end)) };
    }
    offset = body + size + (size % 2); // chunks are padded to an even size
  }
  throw bad('it has no audio data');
}
