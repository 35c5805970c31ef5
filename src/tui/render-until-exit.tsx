import type { ReactElement } from 'react';
import { render } from 'ink';

/**
 * Renders a screen until it exits. Ctrl-C belongs to the screen (it ends a session cleanly
 * instead of killing the process); SIGTERM, e.g. a closing terminal, closes it too.
 */
export async function renderUntilExit(element: ReactElement): Promise<void> {
  const instance = render(element, { exitOnCtrlC: false });
  const onTerm = () => instance.unmount();
  process.once('SIGTERM', onTerm);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGTERM', onTerm);
  }
}
