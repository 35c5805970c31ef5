/**
 * Which speech engine voice mode uses: Piper when a voice is configured and it starts, else
 * espeak-ng (Linux) or say (macOS), with a notice saying why Piper is not used.
 */
import { CoachError, errorMessage } from '../../shared/errors.js';
import type { TextToSpeech } from '../contracts.js';
import { espeakEngine, OneShotTts, sayEngine, type EspeakOptions, type SayOptions } from './one-shot-tts.js';
import { PiperTts, type PiperOptions } from './piper.js';

export interface PickTtsOptions {
  /** Piper settings; null/undefined or no voice = Piper is not configured. */
  piper?: (Partial<PiperOptions> & { voice?: string | null }) | null;
  espeak?: EspeakOptions;
  say?: SayOptions;
  /** Default: process.platform. */
  platform?: NodeJS.Platform;
}

/**
 * The best engine that works here, started. Throws a CoachError with install hints when there
 * is none.
 */
export async function pickTts(opts: PickTtsOptions = {}): Promise<{ tts: TextToSpeech; notice?: string }> {
  let reason = 'no Piper voice is configured';
  const piper = opts.piper;
  if (piper?.voice) {
    const tts = new PiperTts({ ...piper, voice: piper.voice });
    try {
      await tts.start();
      return { tts };
    } catch (err) {
      await tts.close().catch(() => {});
      reason = errorMessage(err).replace(/\.$/, '');
    }
  }

  const platform = opts.platform ?? process.platform;
  const espeak = new OneShotTts(espeakEngine(opts.espeak));
  const say = new OneShotTts(sayEngine(opts.say));
  const fallbacks = platform === 'darwin' ? [say, espeak] : [espeak, say];
  const failures: string[] = [];
  for (const tts of fallbacks) {
    try {
      await tts.start();
      return { tts, notice: `Piper is not available (${reason}); speaking with ${tts.name} instead.` };
    } catch (err) {
      failures.push(errorMessage(err));
    }
  }
  throw new CoachError('No text-to-speech engine is available.', {
    hint:
      `Piper: ${reason}; ${failures.join(' ')} ` +
      (platform === 'darwin'
        ? 'Install Piper and a voice (interview-coach voice setup), or espeak-ng (brew install espeak-ng).'
        : 'Install Piper and a voice (interview-coach voice setup), or espeak-ng (sudo apt-get install espeak-ng).'),
  });
}
