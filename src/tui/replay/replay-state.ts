/**
 * Stepping through a saved session as a pure reducer (tested without rendering).
 * Steps are the transcript turns in order, then one last step: the evaluation.
 */
export interface ReplayState {
  /** 0 … steps-1; steps-1 is the evaluation page. */
  index: number;
  steps: number;
  /** Auto-advancing with the original pacing (`--speed`). */
  playing: boolean;
  /** A one-line message under the turn (e.g. "no audio for this answer"); cleared by moving. */
  notice: string | null;
}

export type ReplayAction =
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'first' }
  | { type: 'last' }
  /** The auto-advance timer fired. */
  | { type: 'tick' }
  | { type: 'toggle-play' }
  | { type: 'notice'; text: string | null };

/** `turns` transcript turns plus the evaluation page; `autoplay` when --speed was given. */
export function initialReplayState(turns: number, autoplay = false): ReplayState {
  const steps = turns + 1;
  return { index: 0, steps, playing: autoplay && steps > 1, notice: null };
}

export function replayReducer(state: ReplayState, action: ReplayAction): ReplayState {
  const last = state.steps - 1;
  const go = (index: number): ReplayState => {
    const i = Math.min(last, Math.max(0, index));
    const playing = state.playing && i < last;
    return i === state.index && state.notice === null && playing === state.playing
      ? state
      : { ...state, index: i, notice: null, playing };
  };
  switch (action.type) {
    case 'next':
      return go(state.index + 1);
    case 'prev':
      return go(state.index - 1);
    case 'first':
      return go(0);
    case 'last':
      return go(last);
    case 'tick':
      return state.playing ? go(state.index + 1) : state;
    case 'toggle-play':
      // Playing again from the end starts over.
      if (state.playing) return { ...state, playing: false };
      return { ...state, playing: true, index: state.index >= last ? 0 : state.index, notice: null };
    case 'notice':
      return { ...state, notice: action.text };
  }
}

export interface ReplayKey {
  leftArrow: boolean;
  rightArrow: boolean;
  upArrow: boolean;
  downArrow: boolean;
  home: boolean;
  end: boolean;
  return: boolean;
  escape: boolean;
  ctrl: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
}

export type ReplayCommand = ReplayAction | 'quit' | 'audio' | null;

/**
 * →, ↓, space, j, l, Enter: next · ←, ↑, k, h: back · Home/g: first · End/G: evaluation ·
 * p: pause/play (with --speed) · a: play the answer's audio · q, Esc, Ctrl-C: quit.
 */
export function keyToReplayCommand(input: string, key: ReplayKey): ReplayCommand {
  if (key.escape || (key.ctrl && input === 'c') || input === 'q') return 'quit';
  if (key.ctrl) return null;
  if (key.rightArrow || key.downArrow || key.pageDown || key.return || input === ' ' || input === 'j' || input === 'l')
    return { type: 'next' };
  if (key.leftArrow || key.upArrow || key.pageUp || input === 'k' || input === 'h') return { type: 'prev' };
  if (key.home || input === 'g') return { type: 'first' };
  if (key.end || input === 'G') return { type: 'last' };
  if (input === 'p') return { type: 'toggle-play' };
  if (input === 'a') return 'audio';
  return null;
}

export const MAX_GAP_MS = 10_000;

/**
 * How long to show step `index` before auto-advancing: the real gap between that step and
 * the next (from the timestamps), divided by `speed`, capped at `capMs`. `times` holds one
 * ISO timestamp per step (the evaluation page included). null at the last step.
 */
export function autoAdvanceDelay(
  times: (string | null)[],
  index: number,
  speed: number,
  capMs = MAX_GAP_MS,
): number | null {
  if (index >= times.length - 1) return null;
  const at = (i: number) => {
    const time = times[i];
    return time ? Date.parse(time) : NaN;
  };
  const from = at(index);
  const to = at(index + 1);
  const gap = Number.isFinite(from) && Number.isFinite(to) ? Math.max(0, to - from) : 1000;
  return Math.min(capMs, gap / speed);
}
