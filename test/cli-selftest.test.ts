/**
 * `interview-coach selftest` end to end: the built CLI against the stand-in Ollama, with judges of
 * known quality (test/support/selftest-models.mjs). These test the measuring, not any real model:
 * a judge that grades like the hand-set grades must come out usable, a bad one must be flagged for
 * the right reasons.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import {
  PERSONA_ANSWERS,
  constantJudge,
  injectableJudge,
  referenceJudge,
  selftestModels,
  shortIsBestJudge,
} from './support/selftest-models.mjs';
import { empty, severalQuestions } from './support/scenarios.mjs';
import { CALIBRATION_FIXTURES } from '../src/core/selftest/fixtures/index.js';
import type { SelftestReport } from '../src/core/selftest/report.js';
import { BIN, runCli } from './support/cli.js';
import { waitFor } from './support/wait.js';
import { execa } from 'execa';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

/** What each answer is worth: the fixtures' hand-set grades, and the personas' levels. */
function knownGrades(): Map<string, number> {
  const known = new Map<string, number>();
  for (const f of CALIBRATION_FIXTURES) for (const a of f.answers) known.set(a.answer, a.grade);
  PERSONA_ANSWERS.strong.forEach((a) => known.set(a, 5));
  PERSONA_ANSWERS.average.forEach((a) => known.set(a, 3));
  PERSONA_ANSWERS.weak.forEach((a) => known.set(a, 2));
  return known;
}

const home = () => mkdtempSync(join(tmpdir(), 'ic-selftest-'));
const SMALL = { INTERVIEW_COACH_SELFTEST_FIXTURES: 'small' };

async function selftest(args: string[], env: Record<string, string> = {}) {
  if (!standin) throw new Error('start the stand-in first');
  return runCli(['selftest', '--host', standin.url, ...args], {
    env: { INTERVIEW_COACH_HOME: home(), ...env },
    timeoutMs: 90_000,
  });
}

function storedRuns(dir: string) {
  const db = new Database(join(dir, 'interview-coach.db'), { readonly: true });
  try {
    return db
      .prepare(
        'SELECT model, model_digest, judge_model, judge_digest, num_ctx, verdict, result_json FROM selftest_runs ORDER BY id',
      )
      .all() as {
      model: string;
      model_digest: string;
      judge_model: string;
      judge_digest: string;
      num_ctx: number;
      verdict: string;
      result_json: string;
    }[];
  } finally {
    db.close();
  }
}

const verdictLine = (stdout: string) => stdout.trimEnd().split('\n').at(-1);

describe('selftest with judges of known quality', () => {
  it('a judge that grades like the reference, quotes verbatim and ignores injections is usable (full default run)', async () => {
    standin = await startStandin({ reply: selftestModels({ judge: referenceJudge(knownGrades()) }) });
    const r = await selftest(['--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as SelftestReport;
    expect(report.verdict).toBe('usable');
    expect(report.fixtures).toBe(CALIBRATION_FIXTURES.length);
    expect(report.runs).toBe(3);
    expect(report.judge).toMatchObject({
      orderAccuracy: 1,
      maeVsReference: 0,
      rerunIdentical: 1,
      injectionLift: 0,
      verbosityBias: 0,
      quoteVerbatimRate: 1,
      schemaFirstTry: 1,
    });
    expect(report.endToEnd.orderHeld).toBe(true);
    // every fixture judged three times, each judgement one call
    expect(standin.chatRequests().filter((b) => b.format).length).toBe(CALIBRATION_FIXTURES.length * 3 + 3);
  }, 120_000);

  it('a good judge with the faults of a real one (grades pulled to the middle, a reply cut off now and then) is still usable', async () => {
    standin = await startStandin({
      reply: selftestModels({ judge: referenceJudge(knownGrades(), { realistic: true }) }),
    });
    const r = await selftest(['--runs', '2', '--json']);
    const report = JSON.parse(r.stdout) as SelftestReport;
    expect(report.judge.maeVsReference).toBeGreaterThan(0);
    expect(report.judge.maeVsReference).toBeLessThan(0.5);
    expect(report.judge.schemaFirstTry).toBeGreaterThan(0.8);
    expect(report.judge.schemaFirstTry).toBeLessThan(1);
    expect(report.judge.orderAccuracy).toBeGreaterThan(0.9);
    expect(report.verdict).toBe('usable');
  }, 120_000);

  it('a flatterer (5 for everything, quotes it made up) is not recommended, for its order, its error and its quotes', async () => {
    standin = await startStandin({ reply: selftestModels({ judge: constantJudge(5) }) });
    const r = await selftest(['--runs', '1'], SMALL);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✗ judge\.orderAccuracy +\d+%/);
    expect(r.stdout).toMatch(/✗ judge\.quoteVerbatimRate +0%/);
    expect(verdictLine(r.stdout)).toMatch(
      /^Verdict: not recommended as judge: orderAccuracy, maeVsReference, quoteVerbatimRate(;|$)/,
    );
    expect(r.stdout).toContain('✗ endToEnd.orderHeld');
  }, 60_000);

  it('a judge that follows an injection is not recommended, for that alone', async () => {
    standin = await startStandin({ reply: selftestModels({ judge: injectableJudge(knownGrades()) }) });
    const r = await selftest(['--runs', '1', '--json'], SMALL);
    expect(r.exitCode, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as SelftestReport;
    expect(report.judge.injectionLift).toBe(3);
    expect(report.verdict).toBe('not recommended as judge: injectionLift');
  }, 60_000);

  it('a judge whose order has nothing to do with quality (short is best) is not recommended for its order', async () => {
    standin = await startStandin({ reply: selftestModels({ judge: shortIsBestJudge() }) });
    const r = await selftest(['--runs', '1', '--json'], SMALL);
    const report = JSON.parse(r.stdout) as SelftestReport;
    expect(report.judge.orderAccuracy).toBeLessThan(0.5);
    expect(report.verdictLevel).toBe('not recommended as judge');
    expect(report.verdict).toMatch(/^not recommended as judge: orderAccuracy, maeVsReference\b/);
  }, 60_000);

  it('an interviewer that replies with nothing is flagged: the app had to word its turns', async () => {
    standin = await startStandin({
      reply: selftestModels({ judge: referenceJudge(knownGrades()), interviewer: empty }),
    });
    const r = await selftest(['--runs', '1', '--json'], SMALL);
    const report = JSON.parse(r.stdout) as SelftestReport;
    expect(report.interviewer.appWorded).toBe(1);
    expect(report.verdict).toMatch(/^usable with care: .*appWorded/);
  }, 60_000);

  it('an interviewer that asks several questions or answers its own is flagged with care', async () => {
    standin = await startStandin({
      reply: selftestModels({ judge: referenceJudge(knownGrades()), interviewer: severalQuestions }),
    });
    const r = await selftest(['--runs', '1', '--json'], SMALL);
    const report = JSON.parse(r.stdout) as SelftestReport;
    expect(report.interviewer.multiQuestionReplies).toBeGreaterThan(0.5);
    expect(report.interviewer.selfAnswers).toBeGreaterThan(0);
    expect(report.verdict).toMatch(/^usable with care: .*multiQuestionReplies/);
  }, 60_000);
});

describe('selftest output, storage and errors', () => {
  it('--json has the documented keys', async () => {
    standin = await startStandin({ reply: selftestModels({ judge: referenceJudge(knownGrades()) }) });
    const r = await selftest(['--runs', '1', '--json', '--judge-model', 'mistral'], SMALL);
    const report = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'model',
        'judgeModel',
        'numCtx',
        'judge',
        'interviewer',
        'endToEnd',
        'maxPromptTokens',
        'verdict',
      ]),
    );
    for (const key of [
      'orderAccuracy',
      'maeVsReference',
      'rerunIdentical',
      'injectionLift',
      'verbosityBias',
      'quoteVerbatimRate',
      'schemaFirstTry',
    ])
      expect(report.judge).toHaveProperty(key);
    for (const key of ['followUpAfterWeak', 'followUpAfterStrong', 'multiQuestionReplies'])
      expect(typeof report.interviewer?.[key]).toBe('number');
    expect(report).toMatchObject({ model: 'mistral', judgeModel: 'mistral', numCtx: 8192 });
    expect(typeof report.maxPromptTokens).toBe('number');
    expect(report.endToEnd?.orderHeld).toBe(true);
  }, 60_000);

  it('stores each run with the digests, and a later run says what changed, and when the model was updated', async () => {
    standin = await startStandin({ reply: selftestModels({ judge: referenceJudge(knownGrades()) }) });
    const dir = home();
    const run = () => selftest(['--runs', '1'], { ...SMALL, INTERVIEW_COACH_HOME: dir });

    const first = await run();
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).not.toContain('Since the last run');
    const [row] = storedRuns(dir);
    expect(row).toMatchObject({
      model: 'mistral',
      judge_model: 'mistral',
      model_digest: '6577803aa9a036369e481d648a2baebb381ebc6e897f2bb9a766a2aa7bfbc1cf',
      num_ctx: 8192,
      verdict: 'usable',
    });
    expect((JSON.parse(row?.result_json ?? '{}') as SelftestReport).judge.orderAccuracy).toBe(1);

    const second = await run();
    expect(second.stdout).toMatch(/Since the last run:\n {2}No change since the run of \d{4}-/);

    // The model is pulled again in a new version, and now follows injections.
    standin.setOptions({
      modelInfo: { mistral: { digest: 'b'.repeat(64) } },
      reply: selftestModels({ judge: injectableJudge(knownGrades()) }),
    });
    const third = await run();
    expect(third.stdout).toContain('mistral: the model was updated since (digest 6577803aa9a0 → bbbbbbbbbbbb).');
    expect(third.stdout).toMatch(/judge\.injectionLift: 0\.00 → 3\.00/);
    expect(third.stdout).toContain('verdict: usable → not recommended as judge: injectionLift');
    expect(storedRuns(dir).map((r) => r.model_digest.slice(0, 4))).toEqual(['6577', '6577', 'bbbb']);
  }, 90_000);

  it('Ollama down: one line with the next step, exit 1, nothing stored', async () => {
    const dir = home();
    const r = await runCli(['selftest', '--host', 'http://127.0.0.1:9'], { env: { INTERVIEW_COACH_HOME: dir } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      '✖ Ollama is not running at http://127.0.0.1:9.\n  Start it with `ollama serve`, then run this command again.\n',
    );
    expect(existsSync(join(dir, 'interview-coach.db'))).toBe(false);
  });

  it('a judge model that is not pulled: says which, and what to run', async () => {
    standin = await startStandin({ reply: selftestModels({ judge: referenceJudge(knownGrades()) }) });
    const dir = home();
    const r = await selftest(['--judge-model', 'qwen2.5:14b'], { INTERVIEW_COACH_HOME: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("✖ Model 'qwen2.5:14b' is not pulled on");
    expect(r.stderr).toContain('Run `ollama pull qwen2.5:14b` or pass --model mistral');
    expect(existsSync(join(dir, 'interview-coach.db'))).toBe(false);
    expect(standin.chatRequests()).toEqual([]);
  });

  it('Ctrl-C while the judge works: cancelled, exit 130, nothing stored', async () => {
    // A slow judge, so the run is still judging when the signal comes.
    standin = await startStandin({ reply: selftestModels({ judge: referenceJudge(knownGrades()) }), tokenDelayMs: 20 });
    const dir = home();
    const child = execa(process.execPath, [BIN, 'selftest', '--host', standin.url, '--runs', '1'], {
      env: { INTERVIEW_COACH_HOME: dir, NO_COLOR: '1', ...SMALL },
      reject: false,
    });
    const running = standin;
    await waitFor(() => running.chatRequests().some((b) => b.format), 'the first judge call');
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toContain('Selftest cancelled; nothing was stored.');
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'interview-coach.db'))).toBe(false);
  }, 60_000);

  it('--runs is checked before anything runs', async () => {
    const r = await runCli(['selftest', '--runs', '0']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Invalid --runs "0". Use a whole number from 1 to 10.');
  });
});
