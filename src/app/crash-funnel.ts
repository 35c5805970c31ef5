import { ExitCode } from '../shared/errors.js';

/**
 * An error nobody caught (a rejected promise nobody awaited, a throw inside a callback) goes
 * through the same funnel as one a command threw: one line and its hint on stderr, the error's
 * exit code, a stack trace only with DEBUG. The funnel is loaded when needed, as in cli.ts, so
 * quick commands do not pay for it.
 */
export function installCrashFunnel(): void {
  let reported = false;
  const funnel = (err: unknown) => {
    // A second error while the first is reported changes nothing.
    if (reported) return;
    reported = true;
    void import('./output.js').then(
      ({ reportError }) => process.exit(reportError(err)),
      () => process.exit(ExitCode.failure),
    );
  };
  process.on('uncaughtException', funnel);
  process.on('unhandledRejection', funnel);
}
