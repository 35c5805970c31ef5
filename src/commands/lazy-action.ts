import type { ExitCode } from '../shared/errors.js';

type Handler = (...args: never[]) => Promise<ExitCode> | ExitCode;

/**
 * A commander action that loads its handler only when the command runs (start-up, `--version`
 * and `--help` stay fast) and ends the process with the exit code the handler returns.
 * Commander calls actions with the arguments, the options, then the Command: the handler
 * gets the arguments and the options.
 */
export function lazyAction<M extends Record<K, Handler>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const handler = (await load())[name];
    process.exitCode = await handler(...(args.slice(0, -1) as Parameters<M[K]>));
  };
}
