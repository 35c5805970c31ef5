import type { ExitCode } from '../../shared/errors.js';
import { prepareInterview } from '../interview/prepare-interview.js';
import { runPreparedInterview } from '../interview/run-interview.js';
import { readSettings } from '../settings.js';
import { startRole } from '../start-role.js';
import { resolveStartOptions, type StartFlags } from '../start-options.js';

/** `start`: checks everything, builds the dependencies, then runs the TUI or the plain printer. */
export async function startCommand(flags: StartFlags): Promise<ExitCode> {
  const options = resolveStartOptions(flags, readSettings());
  const role = await startRole(options);
  return runPreparedInterview(await prepareInterview(options, role ? { role } : {}));
}
