import React from 'react';
import { render } from 'ink';
import type { SessionDocument } from '../../core/session-export.js';
import { ReplayViewer, type ReplayViewerProps } from './ReplayViewer.js';

/** Shows the replay viewer until the person quits (q, Esc, Ctrl-C); SIGTERM closes it too. */
export async function runReplayTui(doc: SessionDocument, opts: Pick<ReplayViewerProps, 'speed' | 'playAudio'>): Promise<void> {
  const instance = render(<ReplayViewer doc={doc} speed={opts.speed} playAudio={opts.playAudio} />, { exitOnCtrlC: false });
  const onTerm = () => instance.unmount();
  process.once('SIGTERM', onTerm);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGTERM', onTerm);
  }
}
