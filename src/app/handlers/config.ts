import { ExitCode, UsageError } from '../../shared/errors.js';
import { ValueError } from '../../shared/value-checks.js';
import { cleanLine } from '../../shared/sanitize.js';
import { SETTINGS, type SettingSpec } from '../setting-keys.js';
import { openSettings, parseSetting, requireSettingKey, settingsPath } from '../settings.js';
import { resolveSettings, type ResolvedSetting } from '../setting-sources.js';
import { outputColumns, printLine } from '../output.js';
import { fitTable } from '../../shared/table.js';
import { prepareWidths } from '../../shared/text.js';

export async function configSet(key: string, value: string): Promise<ExitCode> {
  // Only the new value is checked: a bad value saved under another key must not block fixing it.
  const saved = parseSetting(key, value);
  const known = requireSettingKey(key);
  const checked = saved[known];
  const spec: SettingSpec<string | number> = SETTINGS[known];
  if (spec.confirm && checked !== undefined) {
    try {
      await spec.confirm(checked);
    } catch (err) {
      if (err instanceof ValueError) throw new UsageError(`Invalid value for ${known}: "${value}". ${err.message}`);
      throw err;
    }
  }
  openSettings().set(saved);
  process.stderr.write(`Saved ${known} = ${checked}\n`);
  return ExitCode.ok;
}

/** The value the app uses (saved, from the environment, or the default), alone on stdout for scripts; nothing when there is none. */
export function configGet(key: string): ExitCode {
  const known = requireSettingKey(key);
  const setting = resolveSettings().find((s) => s.key === known);
  if (setting?.problem) throw setting.problem;
  if (setting && setting.value !== null) printLine(process.stdout, String(setting.value));
  return ExitCode.ok;
}

/** Never reads the values: this is the way out of a bad one. */
export function configUnset(key: string): ExitCode {
  openSettings().delete(requireSettingKey(key));
  return ExitCode.ok;
}

/**
 * Every setting with its value and where it came from. A bad one is still listed (as it is
 * written), then reported with its fix, exit 1: this is where a person looks when it is wrong.
 */
export async function configList(opts: { json?: boolean }): Promise<ExitCode> {
  const settings = resolveSettings();
  if (opts.json) {
    const rows = settings.map((s) => ({
      key: s.key,
      value: s.value,
      source: s.source,
      ...(s.envVar ? { envVar: s.envVar } : {}),
      ...(s.problem ? { problem: s.problem.message } : {}),
    }));
    printLine(process.stdout, JSON.stringify(rows, null, 2));
  } else {
    await printSettings(settings);
  }
  const bad = settings.find((s) => s.problem)?.problem;
  if (bad) throw bad;
  return ExitCode.ok;
}

async function printSettings(settings: ResolvedSetting[]): Promise<void> {
  // A hand-edited file may hold anything: shown without its control characters.
  const cells = settings.map((s) => [s.key, s.value === null ? '—' : cleanLine(String(s.value)), sourceText(s)]);
  await prepareWidths(cells.flat());
  const table = fitTable(
    [{ header: 'KEY' }, { header: 'VALUE', minWidth: 12 }, { header: 'SOURCE', minWidth: 7 }],
    cells,
    outputColumns(),
  );
  printLine(process.stdout, table.header);
  for (const row of table.rows) printLine(process.stdout, row);
}

function sourceText(s: ResolvedSetting): string {
  const where = s.source === 'env' && s.envVar ? `env ${s.envVar}` : s.source;
  return s.problem ? `${where} (not valid)` : where;
}

export function configPath(): ExitCode {
  printLine(process.stdout, settingsPath());
  return ExitCode.ok;
}
