/** The signals that end a run the way Ctrl-C does (app/interrupt.ts listens for them). */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/**
 * Why a run was stopped from outside: a signal (a closing terminal is SIGHUP), Ctrl-C pressed in
 * the TUI (a key there, not a signal), or the reader of stdout going away (`start | head -1`).
 */
export type StopReason = { kind: 'signal'; signal: StopSignal } | { kind: 'key' } | { kind: 'output-closed' };

/**
 * The reason a stopped run's AbortSignal carries. It is an AbortError like any abort's, so
 * everything that already tells a cancellation from a failure (fetch, the model client, the
 * judge) keeps doing so, and it says why the run was stopped.
 */
export class RunStopped extends DOMException {
  constructor(readonly stop: StopReason) {
    super(`Stopped (${stop.kind === 'signal' ? stop.signal : stop.kind}).`, 'AbortError');
  }
}

/** Why a run was stopped, from its AbortSignal's reason; null for an abort that does not say. */
export function stopReasonOf(abortReason: unknown): StopReason | null {
  return abortReason instanceof RunStopped ? abortReason.stop : null;
}

/**
 * How a session stopped this way is saved. A reader that left took nothing from the person: the
 * answers are all there, so it ends like `/end`, as completed. Anything else interrupted it, and
 * the end reason says what (an abort that does not say why is the candidate's own doing).
 */
export function sessionEndFor(abortReason: unknown): { status: 'completed' | 'interrupted'; reason: string } {
  const stop = stopReasonOf(abortReason);
  if (!stop || stop.kind === 'key') return { status: 'interrupted', reason: 'cancelled by the candidate' };
  if (stop.kind === 'output-closed') return { status: 'completed', reason: 'ended early, output closed' };
  switch (stop.signal) {
    case 'SIGINT':
      return { status: 'interrupted', reason: 'interrupted by SIGINT (Ctrl-C)' };
    case 'SIGTERM':
      return { status: 'interrupted', reason: 'interrupted by SIGTERM' };
    case 'SIGHUP':
      return { status: 'interrupted', reason: 'interrupted by SIGHUP (the terminal closed)' };
  }
}
