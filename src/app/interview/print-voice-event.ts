import { deliveryLine } from '../../core/evaluation/delivery.js';
import { latencyLine } from '../../model/turn-metrics.js';
import type { VoiceEvent } from '../../model/voice.js';
import { info, warn } from '../output.js';

/** Voice mode without a TUI: states, delivery and latency as status lines on stderr. */
export function printVoiceEvent(e: VoiceEvent, verbose: boolean): void {
  switch (e.type) {
    case 'state':
      if (e.state === 'listening' || e.state === 'transcribing') info(`… ${e.state}`);
      else if (e.state === 'still-listening') info('… still listening (go on if you were not done)');
      return;
    case 'transcribed':
      info(`Delivery: ${deliveryLine(e.delivery)}`);
      return;
    case 'latency':
      if (verbose) info(`Latency from the end of your speech: ${latencyLine(e.latency)}`);
      return;
    case 'notice':
      if (e.level === 'warning') warn(e.message, e.hint);
      else info(e.message);
      return;
    case 'level':
      return;
  }
}
