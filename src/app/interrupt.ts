import { RunStopped, STOP_SIGNALS, stopReasonOf, type StopReason, type StopSignal } from '../model/stop-reason.js';
import { ExitCode } from '../shared/errors.js';

/**
 * How long a stopped run may take to save the session and stop its child processes before the
 * process ends anyway (a judge that ignores the abort must not keep a closed terminal's process).
 */
const WIND_DOWN_MS = 5000;

/**
 * The one owner of what stops a run from outside, for every mode (TUI, piped, voice, the
 * evaluation): SIGINT, SIGTERM and SIGHUP, and a reader that closed stdout (pipe-guards.ts
 * reports it here). The run watches `signal`; the abort's reason (a RunStopped) says why, so
 * the session is saved with its end reason and the child processes are stopped on the way
 * out. A second signal while the run winds down ends the process at once.
 */
export interface RunStop {
  /** Aborted once the run is to stop; its reason is a RunStopped (an AbortError) that says why. */
  readonly signal: AbortSignal;
  /** Why the run was stopped; null while it runs. */
  readonly reason: StopReason | null;
  /** Stops the run (as the signals and a closed output do); a second call ends the process. */
  stop(reason: StopReason): void;
  /** Stops listening; a stop already asked for still ends the process within the wind-down time. */
  dispose(): void;
}

let active: RunStop | null = null;
/** Set by the first stop, and kept after the run is over: the process is on its way out. */
let stopped = false;

/** Starts watching for stops; the run calls dispose() when it is over. One run at a time. */
export function watchStops(): RunStop {
  // A run inside a run shares the outer one's watch.
  const outer = active;
  if (outer) {
    return {
      signal: outer.signal,
      get reason() {
        return outer.reason;
      },
      stop: (reason) => outer.stop(reason),
      dispose: () => {},
    };
  }
  const controller = new AbortController();
  const onSignal = (signal: StopSignal) => run.stop({ kind: 'signal', signal });
  // Put back on dispose (bound: it is called apart from `process`).
  const kill = process.kill.bind(process);
  const run: RunStop = {
    signal: controller.signal,
    get reason() {
      return stopReasonOf(controller.signal.reason);
    },
    stop(reason) {
      if (controller.signal.aborted) {
        // Asked twice: whoever asks again does not want to wait (a reader leaving is not asking).
        if (reason.kind !== 'output-closed') process.exit(ExitCode.cancelled);
        return;
      }
      stopped = true;
      controller.abort(new RunStopped(reason));
      setTimeout(() => process.exit(exitCodeForStop(reason)), WIND_DOWN_MS).unref();
    },
    dispose() {
      for (const name of STOP_SIGNALS) process.off(name, onSignal);
      process.kill = kill;
      if (active === run) active = null;
    },
  };
  for (const name of STOP_SIGNALS) process.on(name, onSignal);
  // Some libraries send a signal they received to this process again, to die of it once their
  // own clean-up is done: when-exit (under conf's atomic writes) always does, signal-exit (Ink)
  // when it takes itself for the only listener. That second signal would read as the person
  // asking twice and end the process before the session is saved. The signal they react to
  // reaches onSignal as well, so while the run is watched their copy is dropped.
  process.kill = (pid: number, signal?: string | number) => {
    if (pid === process.pid && STOP_SIGNALS.some((s) => s === signal)) return true;
    return kill(pid, signal);
  };
  active = run;
  return run;
}

/** 130 for a stop the person asked for (README's exit codes); 0 when only the reader left. */
export function exitCodeForStop(reason: StopReason): ExitCode {
  return reason.kind === 'output-closed' ? ExitCode.ok : ExitCode.cancelled;
}

/**
 * A reader closed stdout or stderr (EPIPE). A run in progress takes it as its end (the session
 * ends early, exit 0): true. false when no run is in progress.
 */
export function stopForClosedOutput(): boolean {
  if (!active) return false;
  active.stop({ kind: 'output-closed' });
  return true;
}

/** The terminal hung up (writes fail with EIO): a run in progress stops as on SIGHUP. */
export function stopForHangup(): boolean {
  if (!active) return false;
  active.stop({ kind: 'signal', signal: 'SIGHUP' });
  return true;
}

/** True once a run was stopped: the process is on its way out and its terminal may be gone. */
export function runStopping(): boolean {
  return stopped;
}
