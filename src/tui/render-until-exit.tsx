import type { ReactElement } from 'react';
import { render } from 'ink';
import { loadWidths } from '../shared/text.js';
import { KeyboardInput } from './keyboard-input.js';
import { inkStdout } from './ink-stdout.js';

/**
 * Renders a screen until it exits. Ctrl-C belongs to the screen (it ends a session cleanly
 * instead of killing the process). `closeOn` (a signal, e.g. a closing terminal) closes a
 * screen that has nothing to save; the interview screen instead watches its stop signal itself
 * and closes once the session is saved.
 */
export async function renderUntilExit(element: ReactElement, closeOn?: AbortSignal): Promise<void> {
  // Anything can appear on screen here, and Ink has loaded string-width already: measure exactly.
  await loadWidths();
  // Ink reads a filtered copy of the keyboard: a pasted escape sequence must not crash it.
  // Writing to the terminal here would tear Ink's frame, so a dropped keystroke is silent.
  const stdin = new KeyboardInput(process.stdin);
  // Ink writes through inkStdout: it must not clear the scrollback, nor leave old frames behind on a resize.
  const instance = render(element, {
    exitOnCtrlC: false,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: inkStdout(process.stdout),
  });
  const close = () => instance.unmount();
  if (closeOn?.aborted) close();
  closeOn?.addEventListener('abort', close, { once: true });
  try {
    await instance.waitUntilExit();
  } finally {
    closeOn?.removeEventListener('abort', close);
  }
}
