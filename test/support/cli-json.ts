/**
 * What the CLI's `--json` outputs look like, for `runJson<T>`: the app's own types where it
 * exports them, and a transcription of the documented shape where the JSON is built inline.
 * A test reads these as claims about the output, then asserts on the values.
 */
import type { Check } from '../../src/app/doctor-checks.js';
import type { SessionStatus } from '../../src/model/session.js';
import type { Evaluation, EvaluationAttempt, LaterFailure } from '../../src/model/evaluation.js';
import type { RoleTemplate } from '../../src/model/role.js';
import type { SessionDocument } from '../../src/core/session-document.js';

/** `export --format json` (one session), `start --json`, `evaluate --json`. */
export type { SessionDocument };

/** `export --all --format json` (core/session-formats.ts): sessions newest first. */
export interface ExportAllJson {
  schemaVersion: number;
  exportedAt: string;
  sessions: SessionDocument[];
}

/** One element of `calls --json`, and of `calls` in `export --format json --with-calls` (db/llm-calls.ts). */
export type { SavedLlmCall as CallJson } from '../../src/model/llm-call.js';

/** `stats --json`. */
export type { StatsReport } from '../../src/core/stats.js';

/** One row of `history --json` (app/handlers/history.ts builds it; `match` only with --search). */
export interface HistoryRowJson {
  id: string;
  shortId: string;
  startedAt: string;
  role: { id: string; title: string };
  mode: 'text' | 'voice' | 'offline';
  durationMs: number | null;
  answers: number;
  score: number | null;
  band: 'below' | 'meets' | 'above' | null;
  evaluation: {
    kind: Evaluation['kind'];
    status: Evaluation['status'];
    error?: string;
    laterFailure: LaterFailure | null;
  } | null;
  /** Every evaluation attempt, oldest first. */
  evaluations: EvaluationAttempt[];
  status: SessionStatus;
  /** No answers: shown as "no answers", passed over by `last`, removed by `purge --empty`. */
  empty: boolean;
  match?: { snippet: string; rank: number; hits: number };
}

/** One entry of `roles --json`. */
export type RoleJson = RoleTemplate & { builtin: boolean };

/** `doctor --json`. */
export interface DoctorJson {
  voiceReady: boolean;
  checks: Check[];
}

/** `data status --json`. */
export type { DataStatusJson } from '../../src/app/handlers/data.js';

/** `data path --json` (app/handlers/data.ts). */
export interface DataPathJson {
  dataDir: string;
  database: string;
  config: string;
  audio: string;
}

/** `data check --json` (app/handlers/data.ts; the shape `data check --help` documents). */
export interface DataCheckJson {
  database: string;
  exists: boolean;
  ok: boolean;
  schemaVersion: number | null;
  appSchemaVersion: number;
  problems: ({ kind: 'unreadable' | 'page' | 'orphans' | 'search-index'; message: string } & Record<string, unknown>)[];
  truncated: boolean;
  skipped: string[];
  nextSteps: string[];
}

/** `config list --json` (app/handlers/config.ts): every setting, in `config --help` order. */
export type ConfigListJson = {
  key: string;
  /** What the app uses; null when there is none (role before one is saved). */
  value: string | number | null;
  source: 'config' | 'env' | 'default';
  /** The environment variable, when source is env. */
  envVar?: string;
  /** Why a saved or env value cannot be used. */
  problem?: string;
}[];

/** One element of `evaluate <id> --list --json`, and of `evaluations` in `history --json` (db/evaluation-attempts.ts). */
export type { EvaluationAttempt as AttemptJson } from '../../src/model/evaluation.js';
