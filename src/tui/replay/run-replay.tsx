import { renderUntilExit } from '../render-until-exit.js';
import type { SessionDocument } from '../../core/session-document.js';
import { ReplayViewer, type ReplayViewerProps } from './ReplayViewer.js';

/** Shows the replay viewer until the person quits (q, Esc, Ctrl-C) or `stop` is aborted (a signal). */
export async function runReplayTui(
  doc: SessionDocument,
  opts: Pick<ReplayViewerProps, 'speed' | 'playAudio'> & { stop?: AbortSignal },
): Promise<void> {
  await renderUntilExit(<ReplayViewer doc={doc} speed={opts.speed} playAudio={opts.playAudio} />, opts.stop);
}
