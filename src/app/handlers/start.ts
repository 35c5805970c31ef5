import type { ExitCode } from '../../shared/errors.js';
import { prepareInterview } from '../interview/prepare-interview.js';
import { runPreparedInterview } from '../interview/run-interview.js';
import { openSettings, readSettings, savedSettingError } from '../settings.js';
import { startRole, useRoleInstead } from '../start-role.js';
import { UnknownRoleError } from '../../core/roles/catalog.js';
import { resolveStartOptions, type StartFlags } from '../start-options.js';

/** `start`: checks everything, builds the dependencies, then runs the TUI or the plain printer. */
export async function startCommand(flags: StartFlags): Promise<ExitCode> {
  const settings = readSettings();
  const options = resolveStartOptions(flags, settings);
  const role = await startRole(options).catch((err: unknown) => {
    // The saved role no longer names one (deleted, or the file was edited): say it came from config.
    const fromConfig = flags.role === undefined && !flags.roleFile && settings.role !== undefined;
    if (fromConfig && err instanceof UnknownRoleError) {
      throw savedSettingError(
        'role',
        JSON.stringify(err.roleName),
        openSettings().path,
        new Error(useRoleInstead(err)),
      );
    }
    throw err;
  });
  return runPreparedInterview(await prepareInterview(options, role ? { role } : {}));
}
