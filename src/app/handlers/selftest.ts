import { openDatabase } from '../../db/open.js';
import { insertSelftestRun, lastSelftestRun } from '../../db/selftest-runs.js';
import { databasePath } from '../../shared/paths.js';
import { ExitCode, UsageError, errorMessage } from '../../shared/errors.js';
import { selectFixtures } from '../../core/selftest/fixtures/index.js';
import { changesSince, formatReport, type SelftestReport } from '../../core/selftest/report.js';
import { readSettings } from '../settings.js';
import { resolveLlmTarget } from '../start-options.js';
import { printLine, warn } from '../output.js';
import { runSelftest } from '../selftest/run-selftest.js';
import { watchStops } from '../interrupt.js';
import type { ProviderName } from '../../core/llm/provider.js';

export interface SelftestFlags {
  model?: string;
  judgeModel?: string;
  host?: string;
  provider?: ProviderName;
  baseUrl?: string;
  runs?: number;
  json?: boolean;
}

/**
 * Env var for tests and quick checks: `small` (a subset of the fixtures) or a comma-separated
 * list of fixture ids. Documented in the README's Development section, not in --help.
 */
export const FIXTURES_ENV = 'INTERVIEW_COACH_SELFTEST_FIXTURES';

/**
 * `interview-coach selftest`: measures the person's interviewer and judge models on the fixtures,
 * prints each figure with its threshold and the verdict, and stores the run with the models'
 * digests so the next run can say what changed. Ollama down or a model missing: one line, exit 1,
 * nothing stored. Ctrl-C (or SIGTERM, SIGHUP) stops the run: nothing stored, exit 130.
 */
export async function selftestCommand(flags: SelftestFlags): Promise<ExitCode> {
  const settings = readSettings();
  const target = resolveLlmTarget(flags, settings, process.env);
  const judgeModel = target.judgeModel;
  let fixtures;
  try {
    fixtures = selectFixtures(process.env[FIXTURES_ENV]);
  } catch (err) {
    throw new UsageError(`${FIXTURES_ENV}: ${errorMessage(err)}.`, 'Unset it to judge every fixture.');
  }

  const stop = watchStops();
  let result: Omit<SelftestReport, 'changes'>;
  try {
    result = await runSelftest({
      host: target.host,
      apiKeyEnv: target.apiKeyEnv,
      model: target.model,
      judgeModel,
      keepAlive: target.keepAlive,
      llmTimeoutSec: target.llmTimeoutSec,
      runs: flags.runs ?? 3,
      fixtures,
      signal: stop.signal,
    });
  } catch (err) {
    if (stop.signal.aborted) {
      warn('Selftest cancelled; nothing was stored.');
      return ExitCode.cancelled;
    }
    throw err;
  } finally {
    stop.dispose();
  }

  const db = openDatabase(databasePath());
  try {
    const report: SelftestReport = {
      ...result,
      changes: changesSince(lastSelftestRun(db, result.model, result.judgeModel), { ...result, changes: [] }),
    };
    insertSelftestRun(db, {
      model: report.model,
      modelDigest: report.modelDigest,
      judgeModel: report.judgeModel,
      judgeDigest: report.judgeDigest,
      numCtx: report.numCtx,
      result: report,
      verdict: report.verdict,
    });
    printLine(process.stdout, flags.json ? JSON.stringify(report, null, 2) : formatReport(report));
  } finally {
    db.close();
  }
  return ExitCode.ok;
}
