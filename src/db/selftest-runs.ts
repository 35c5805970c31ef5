import { isUnreadable } from '../model/unreadable.js';
import { StoredSelftestResult, type PreviousSelftestRun } from '../model/selftest.js';
import { readJsonColumn } from './json-column.js';
import type { Db } from './open.js';
import { cleanJson } from './clean-columns.js';

export interface NewSelftestRun {
  model: string;
  modelDigest: string | null;
  judgeModel: string;
  judgeDigest: string | null;
  numCtx: number | null;
  /** The whole report, as `selftest --json` prints it. */
  result: unknown;
  verdict: string;
}

interface RunRow {
  created_at: string;
  model_digest: string | null;
  judge_digest: string | null;
  result_json: string;
  verdict: string;
}

/** Stores one finished selftest (one INSERT). Returns the row's id. */
export function insertSelftestRun(db: Db, run: NewSelftestRun, now = new Date()): number {
  const info = db
    .prepare<[string, string, string | null, string, string | null, number | null, string, string]>(
      `INSERT INTO selftest_runs (created_at, model, model_digest, judge_model, judge_digest, num_ctx, result_json, verdict)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      now.toISOString(),
      run.model,
      run.modelDigest,
      run.judgeModel,
      run.judgeDigest,
      run.numCtx,
      cleanJson(run.result),
      run.verdict,
    );
  return Number(info.lastInsertRowid);
}

/**
 * The latest stored run of this interviewer and judge. A row whose figures cannot be read back
 * still gives its digests and verdict (with no figures to compare), so an update is still noticed.
 */
export function lastSelftestRun(db: Db, model: string, judgeModel: string): PreviousSelftestRun | null {
  const row = db
    .prepare<[string, string], RunRow>(
      `SELECT created_at, model_digest, judge_digest, result_json, verdict FROM selftest_runs
        WHERE model = ? AND judge_model = ? ORDER BY id DESC LIMIT 1`,
    )
    .get(model, judgeModel);
  if (!row) return null;
  const stored = readJsonColumn(StoredSelftestResult, 'result_json', row.result_json);
  return {
    createdAt: row.created_at,
    modelDigest: row.model_digest,
    judgeDigest: row.judge_digest,
    checks: isUnreadable(stored) ? [] : stored.checks,
    verdict: row.verdict,
  };
}
