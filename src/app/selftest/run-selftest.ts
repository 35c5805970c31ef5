/**
 * One selftest: checks that both models are there, builds the throwaway database and the model
 * clients (tuned as a session's are: num_ctx, keep_alive, think), runs parts A, B and C, and
 * returns the report. Nothing is stored here: the handler stores the finished report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/open.js';
import { openLlm } from '../llm-client.js';
import type { LlmClient } from '../../core/llm/types.js';
import { tuneRuntime } from '../../core/llm/runtime.js';
import { checkAvailability, PREFLIGHT_TIMEOUT_MS } from '../../core/llm/preflight.js';
import { digestOf, installedModels, type InstalledModel } from '../../core/llm/installed-models.js';
import { followUpsPerQuestion } from '../../core/interview/plan.js';
import type { CalibrationFixture } from '../../core/selftest/fixtures/index.js';
import { SCRIPTED_ANSWERS, PERSONAS, personaOrderHeld } from '../../core/selftest/candidates.js';
import { judgeFigures } from '../../core/selftest/judge-figures.js';
import { interviewerFigures } from '../../core/selftest/interviewer-figures.js';
import { checkFigures, verdictOf } from '../../core/selftest/verdict.js';
import type { SelftestReport } from '../../core/selftest/report.js';
import { CoachError } from '../../shared/errors.js';
import { judgeFixtures } from './calibration.js';
import { observeProtocol } from './protocol.js';
import { personaScores, PERSONA_QUESTIONS } from './end-to-end.js';
import { RecordingSink } from './recording-sink.js';
import type { SelftestContext } from './context.js';
import { ProgressBar } from './progress-bar.js';

export interface SelftestOptions {
  /** The endpoint text (core/llm/provider.ts). */
  host: string;
  /** Where an OpenAI-compatible server's key is read from. */
  apiKeyEnv: string;
  model: string;
  judgeModel: string;
  keepAlive: string;
  /** Seconds to wait for a first token (config llmTimeoutSec). */
  llmTimeoutSec: number;
  runs: number;
  fixtures: CalibrationFixture[];
  signal: AbortSignal;
}

/** The size of a default session: num_ctx is chosen for it, so the figures hold for real interviews. */
const DEFAULT_SESSION = { plannedQuestions: 5, followUpsPerQuestion: followUpsPerQuestion('medium') };

/** Units of work for the progress bar: judgements, scripted answers, persona answers and judgements. */
export function plannedSteps(fixtures: number, runs: number): number {
  const personaAnswers = PERSONA_QUESTIONS * (1 + followUpsPerQuestion('medium'));
  return fixtures * runs + SCRIPTED_ANSWERS.length + PERSONAS.length * (personaAnswers + 1);
}

export async function runSelftest(opts: SelftestOptions): Promise<Omit<SelftestReport, 'changes'>> {
  const started = Date.now();
  await requireModel(openLlm(opts, opts.model));
  if (opts.judgeModel !== opts.model) await requireModel(openLlm(opts, opts.judgeModel));
  const installed = await modelsWithDigests(openLlm(opts, opts.model));

  const client = (model: string) => {
    const calls = new RecordingSink();
    return { llm: openLlm(opts, model, calls), calls };
  };
  const interviewer = client(opts.model);
  const judge = client(opts.judgeModel);
  const candidate = client(opts.model);
  for (const c of [interviewer, judge, candidate]) {
    await tuneRuntime(c.llm, DEFAULT_SESSION, AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS));
  }

  // A fresh private directory: openDatabase makes the database's folder private (0700).
  const dir = mkdtempSync(join(tmpdir(), 'interview-coach-selftest-'));
  const db = openDatabase(join(dir, 'selftest.db'));
  const progress = new ProgressBar(plannedSteps(opts.fixtures.length, opts.runs));
  try {
    const ctx: SelftestContext = {
      db,
      host: opts.host,
      interviewer,
      judge,
      candidate,
      signal: opts.signal,
      step: (label) => progress.step(label),
    };
    progress.start('interviewing the scripted candidate');
    const protocol = await observeProtocol(ctx);
    const judgements = await judgeFixtures(ctx, opts.fixtures, opts.runs);
    const personas = await personaScores(ctx);
    progress.stop();

    const interviewerCalls = interviewer.calls.calls.filter((c) => c.purpose === 'interviewer');
    const everyCall = [...interviewer.calls.calls, ...judge.calls.calls, ...candidate.calls.calls];
    const prompts = everyCall.flatMap((c) => (c.promptTokens === null ? [] : [c.promptTokens]));
    const figures = {
      model: opts.model,
      judgeModel: opts.judgeModel,
      modelDigest: digestOf(installed, opts.model),
      judgeDigest: digestOf(installed, opts.judgeModel),
      host: opts.host,
      numCtx: judge.llm.runtime.numCtx,
      runs: opts.runs,
      fixtures: opts.fixtures.length,
      judge: judgeFigures(opts.fixtures, judgements),
      interviewer: interviewerFigures({ ...protocol, calls: interviewerCalls }),
      endToEnd: { orderHeld: personaOrderHeld(personas), overall: personas },
      maxPromptTokens: prompts.length ? Math.max(...prompts) : null,
      calls: everyCall.length,
      durationMs: Date.now() - started,
    };
    const checks = checkFigures(figures);
    const verdict = verdictOf(checks);
    return { ...figures, checks, verdict: verdict.line, verdictLevel: verdict.level };
  } finally {
    progress.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The server down or the model not there: one line with the next step, before anything runs. */
async function requireModel(llm: LlmClient): Promise<void> {
  const availability = await checkAvailability(llm);
  if (!availability.ok) throw new CoachError(availability.banner, { hint: availability.hint });
}

/** Ollama's digests say when a model was pulled again; an OpenAI-compatible server gives none. */
async function modelsWithDigests(llm: LlmClient): Promise<InstalledModel[]> {
  const signal = AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS);
  if (llm.provider === 'ollama') return installedModels(llm.address, signal);
  return (await llm.listModels(signal)).map((name) => ({ name, digest: null }));
}
