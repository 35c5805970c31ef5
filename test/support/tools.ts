import { spawnSync } from 'node:child_process';

/**
 * Whether an external program the suite drives for real (tmux, sox, espeak-ng, aplay, python3)
 * is installed here. Tests that need it skip when it is missing, which is friendly on a laptop
 * but would hide a failed install step in CI: with REQUIRE_TOOLS=1 (set by .ci/run) a missing
 * tool fails the test file instead. `platform` limits the requirement to where the tool exists
 * (macOS `say`).
 */
export function hasTool(command: string, probe: string[] = ['--version'], platform?: NodeJS.Platform): boolean {
  const found = spawnSync(command, probe, { stdio: 'ignore' }).status === 0;
  const required = process.env.REQUIRE_TOOLS === '1' && (platform === undefined || platform === process.platform);
  if (!found && required) {
    throw new Error(
      `${command} is required (REQUIRE_TOOLS=1) but \`${[command, ...probe].join(' ')}\` failed: install it.`,
    );
  }
  return found;
}
