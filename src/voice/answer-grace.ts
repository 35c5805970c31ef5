/**
 * The answer grace window. After the endpointer cuts an answer (1.5 s of silence), the person
 * may only have been thinking: for graceMs more of audio we keep listening ("still
 * listening…") while the answer is already being transcribed. Speech that resumes in that
 * window joins the same answer, with the real gap put back as silence (so pause metrics see
 * the whole pause), the joined audio is transcribed again and the window starts over. The
 * answer goes on to the interview only once a window passes in silence, or on the "done"
 * signal.
 */
import type { RecorderEvent, Transcript, Utterance } from './contracts.js';
import { SAMPLE_RATE } from './contracts.js';
import type { VoiceEvent } from '../model/voice.js';

/** The same default as VOICE_DEFAULTS.graceMs (voice does not import the app's settings). */
export const DEFAULT_GRACE_MS = 2000;

/** An answer made of one or more spoken pieces. */
export interface HeldAnswer {
  /** All pieces, in order, with the silence between them. */
  pcm: Buffer;
  /** Wall-clock times of the last cut and of the last speech frame (see Utterance). */
  endedAt: number;
  lastVoicedAt: number;
  /** Speech from the first piece's start to the last piece's end, in ms (pauses included). */
  speechMs: number;
  pieces: number;
  /** The transcription of `pcm`, started as soon as the piece was cut. */
  transcript: Promise<Transcript>;
}

export interface GraceOptions {
  graceMs: number;
  /** One listen turn of the recorder ('no-speech' after noSpeechTimeoutMs of audio). */
  listen(opts: { signal: AbortSignal; noSpeechTimeoutMs: number }): AsyncIterable<RecorderEvent>;
  transcribe(pcm: Buffer, signal: AbortSignal): Promise<Transcript>;
  onEvent(e: VoiceEvent): void;
  /** The interview's signal: aborting it ends everything. */
  signal: AbortSignal;
  /** Fires when the person says they are done (a key): the window closes at once. */
  done: AbortSignal;
}

/** Where the audio of one piece sits on its turn's clock, in ms. */
interface Piece {
  pcm: Buffer;
  /** First sample, and the cut (the end of that turn's clock as far as we heard). */
  startMs: number;
  cutMs: number;
  speechStartMs: number;
  speechEndMs: number;
}

const pcmMs = (pcm: Buffer) => (pcm.length / 2 / SAMPLE_RATE) * 1000;

function pieceOf(u: Utterance): Piece {
  return {
    pcm: u.pcm,
    startMs: u.pcmStartMs,
    // lastVoicedAt is endedAt minus the audio between the last speech frame and the cut.
    cutMs: u.speechEndMs + (u.endedAt - u.lastVoicedAt),
    speechStartMs: u.speechStartMs,
    speechEndMs: u.speechEndMs,
  };
}

/**
 * Joins `next` (heard in the turn that began at `earlier`'s cut) after `earlier`. The audio
 * between them was not kept (nobody listened, or it was the silence before the cut): it comes
 * back as digital silence of the same length, so timings stay true.
 */
export function joinPieces(earlier: Piece, next: Piece): Piece {
  const earlierEnd = earlier.startMs + pcmMs(earlier.pcm);
  const gapMs = Math.max(0, earlier.cutMs - earlierEnd + next.startMs);
  const gap = Buffer.alloc(Math.round((gapMs * SAMPLE_RATE) / 1000) * 2);
  // On the earlier piece's clock, the later turn began at earlier.cutMs.
  const shift = earlier.cutMs;
  return {
    pcm: Buffer.concat([earlier.pcm, gap, next.pcm]),
    startMs: earlier.startMs,
    cutMs: shift + next.cutMs,
    speechStartMs: earlier.speechStartMs,
    speechEndMs: shift + next.speechEndMs,
  };
}

/**
 * Holds `first` for the grace window, adding what follows. Resolves with the whole answer,
 * its transcription under way (or done).
 */
export async function holdAnswer(first: Utterance, opts: GraceOptions): Promise<HeldAnswer> {
  let piece = pieceOf(first);
  let last = first;
  let pieces = 1;
  for (;;) {
    const stale = new AbortController();
    const transcript = opts.transcribe(piece.pcm, AbortSignal.any([opts.signal, stale.signal]));
    // Awaited later (by the caller, or never if more speech comes): a failure meanwhile is not "unhandled".
    transcript.catch(() => {});
    const held: HeldAnswer = {
      pcm: piece.pcm,
      endedAt: last.endedAt,
      lastVoicedAt: last.lastVoicedAt,
      speechMs: piece.speechEndMs - piece.speechStartMs,
      pieces,
      transcript,
    };
    if (opts.graceMs <= 0 || opts.done.aborted || opts.signal.aborted) return held;
    const more = await listenForMore(opts);
    if (!more) return held;
    stale.abort(); // that transcription is of part of the answer only
    piece = joinPieces(piece, pieceOf(more));
    last = more;
    pieces++;
  }
}

/** One grace window: the next piece if speech resumed in it, else null. */
async function listenForMore(opts: GraceOptions): Promise<Utterance | null> {
  opts.onEvent({ type: 'state', state: 'still-listening' });
  let more: Utterance | null = null;
  const signal = AbortSignal.any([opts.signal, opts.done]);
  for await (const e of opts.listen({ signal, noSpeechTimeoutMs: opts.graceMs })) {
    if (e.type === 'level') opts.onEvent({ type: 'level', rms: e.rms });
    else if (e.type === 'speech-start') opts.onEvent({ type: 'state', state: 'recording' });
    else if (e.type === 'utterance') more = e.utterance;
    // 'no-speech': the window passed in silence. 'error': the next listen reports it again.
  }
  return more;
}
