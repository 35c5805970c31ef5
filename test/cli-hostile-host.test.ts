/**
 * A hostile host, end to end through the built CLI: escape sequences, bidi controls and
 * zero-width characters in Ollama's error bodies, model names, replies and done_reason, and in
 * what the candidate types. Nothing of them may reach stdout, stderr or the database (its rows
 * as better-sqlite3 reads them, and the file's own bytes), while the words around them still do.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  HOSTILE_MARKERS,
  HOSTILE_TEXT,
  UNSAFE,
  hostileModelName,
  startStandin,
  withHostileText,
  type Reply,
  type Standin,
} from './support/ollama-standin.mjs';
import { obedient } from './support/scenarios.mjs';
import { runCli, type CliResult } from './support/cli.js';
import { storedTexts } from './support/stored-texts.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const home = () => mkdtempSync(join(tmpdir(), 'ic-hostile-'));
const dbFile = (dir: string) => join(dir, 'interview-coach.db');

/** HOSTILE_TEXT as a person should see it: the words only (every piece is between words). */
const HOSTILE_WORDS = 'Hostile text desrever here end';
/** hostileModelName() without its pieces. */
const HOSTILE_NAME_SHOWN = 'evilx:latest';
/** JSON's own escapes for the controls: text that turns back into them when parsed and printed. */
const JSON_ESCAPED_CONTROL = /\\u00(?:1b|9b|07)/i;

function expectCleanOutput(r: CliResult): void {
  expect(r.stdout).not.toMatch(UNSAFE);
  expect(r.stderr).not.toMatch(UNSAFE);
  for (const marker of HOSTILE_MARKERS) {
    expect(r.stdout).not.toContain(marker);
    expect(r.stderr).not.toContain(marker);
  }
}

/**
 * Nothing stored carries a piece: no text value (nor JSON's escape for one), and not the file's
 * bytes either (free pages, the full-text index, a WAL left behind). Single bytes could be part
 * of SQLite's own structures, so the file is searched for the markers: a piece with its
 * neighbours, or the title the OSC sequence would set.
 */
function expectCleanDatabase(dir: string): void {
  const texts = storedTexts(dbFile(dir));
  expect(texts.length).toBeGreaterThan(0);
  for (const { where, text } of texts) {
    expect(text, where).not.toMatch(UNSAFE);
    expect(text, where).not.toMatch(JSON_ESCAPED_CONTROL);
  }
  const files = [dbFile(dir), `${dbFile(dir)}-wal`].filter((f) => existsSync(f));
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const marker of HOSTILE_MARKERS) expect(bytes.includes(Buffer.from(marker)), `${file}: ${marker}`).toBe(false);
  }
}

const column = (dir: string, sql: string): unknown[] => {
  const db = new Database(dbFile(dir), { readonly: true });
  try {
    return db.prepare(sql).pluck().all();
  } finally {
    db.close();
  }
};

/** Typed by the candidate: the same pieces, in a piped answer. */
const HOSTILE_ANSWERS = `We cached hot keys ${HOSTILE_TEXT} and cut p99 latency from 300 ms to 40 ms.\n\nA read replica per region, ${HOSTILE_TEXT}.\n`;

describe('a hostile host never reaches the terminal or the database', () => {
  it('piped start: hostile reply and done_reason, then a 500 with a hostile body mid-interview (fallback banner), and the judge fails with it', async () => {
    const interviewer = withHostileText(obedient());
    standin = await startStandin({
      // The first reply (the greeting and question) is hostile, with a hostile done_reason; every
      // call after it (the next interviewer turn, the judge) is an HTTP 500 with a hostile body.
      reply: (request, callIndex, context): Reply => {
        if (callIndex > 0) return { status: 500, error: HOSTILE_TEXT };
        const r = interviewer(request, callIndex, context);
        return { ...(typeof r === 'string' ? { text: r } : r), rawDoneReason: HOSTILE_TEXT };
      },
    });
    const dir = home();
    const r = await runCli(['start', '--role', 'backend', '--questions', '2', '--host', standin.url], {
      input: HOSTILE_ANSWERS,
      env: { INTERVIEW_COACH_HOME: dir },
    });
    // The words got through: the reply, the answers, the banner and the failed evaluation say them.
    expect(r.stdout).toContain(`Interviewer: ${HOSTILE_WORDS}`);
    expect(r.stdout).toContain(`Candidate: We cached hot keys ${HOSTILE_WORDS} and cut p99 latency`);
    expect(r.stderr).toContain(`Ollama answered 500: ${HOSTILE_WORDS}`);
    expect(r.stderr).toContain('Continuing from the question bank');
    expect(r.stderr).toContain('Evaluation failed, no score was given:');
    expect(r.exitCode).toBe(1);
    expectCleanOutput(r);

    expect(column(dir, 'SELECT offline_reason FROM sessions')).toEqual([expect.stringContaining(HOSTILE_WORDS)]);
    expect(column(dir, 'SELECT error FROM evaluations')).toEqual([expect.stringContaining(HOSTILE_WORDS)]);
    expect(column(dir, "SELECT done_reason FROM llm_calls WHERE purpose = 'interviewer' ORDER BY id")[0]).toBe(
      HOSTILE_WORDS,
    );
    expectCleanDatabase(dir);

    // The calls log shows the host's words (reply, done_reason, the 500) as text too.
    const calls = await runCli(['calls', 'last', '--full'], { env: { INTERVIEW_COACH_HOME: dir } });
    expect(calls.exitCode).toBe(0);
    expect(calls.stdout).toContain(HOSTILE_WORDS);
    expectCleanOutput(calls);
  });

  it('model names with escapes and bidi controls: the start banner with its --model hint, and doctor', async () => {
    standin = await startStandin({ models: [hostileModelName(), 'other:latest'] });
    const dir = home();
    const r = await runCli(['start', '--role', 'backend', '--questions', '1', '--no-evaluate', '--host', standin.url], {
      input: HOSTILE_ANSWERS,
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`--model ${HOSTILE_NAME_SHOWN}`);
    expect(r.stdout).toContain(`Candidate: We cached hot keys ${HOSTILE_WORDS}`);
    expectCleanOutput(r);
    expect(column(dir, 'SELECT offline_reason FROM sessions')).toEqual([expect.stringContaining(HOSTILE_NAME_SHOWN)]);
    expectCleanDatabase(dir);

    for (const args of [['doctor'], ['doctor', '--json']]) {
      const doctor = await runCli([...args, '--host', standin.url], { env: { INTERVIEW_COACH_HOME: dir } });
      expect(doctor.exitCode).toBe(0);
      expect(doctor.stdout).toContain(HOSTILE_NAME_SHOWN);
      expectCleanOutput(doctor);
    }
  });

  it('/api/tags answers 500 with a hostile body: the start banner and doctor', async () => {
    standin = await startStandin({ routeErrors: { '/api/tags': { status: 500, error: HOSTILE_TEXT } } });
    const dir = home();
    const r = await runCli(['start', '--role', 'backend', '--questions', '1', '--no-evaluate', '--host', standin.url], {
      input: HOSTILE_ANSWERS,
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(HOSTILE_WORDS);
    expectCleanOutput(r);
    expect(column(dir, 'SELECT offline_reason FROM sessions')).toEqual([expect.stringContaining(HOSTILE_WORDS)]);
    expectCleanDatabase(dir);

    const doctor = await runCli(['doctor', '--host', standin.url], { env: { INTERVIEW_COACH_HOME: dir } });
    expect(doctor.stdout).toContain(HOSTILE_WORDS);
    expectCleanOutput(doctor);
  });

  it('evaluate: the judge gets a 500 with a hostile body, stored in evaluations.error and shown clean', async () => {
    const dir = home();
    const interview = await runCli(['start', '--role', 'backend', '--questions', '1', '--offline', '--no-evaluate'], {
      input: HOSTILE_ANSWERS,
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(interview.exitCode).toBe(0);
    standin = await startStandin({ routeErrors: { '/api/chat': { status: 500, error: HOSTILE_TEXT } } });
    const r = await runCli(['evaluate', 'last', '--host', standin.url], { env: { INTERVIEW_COACH_HOME: dir } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('Evaluation failed, no score was given:');
    expect(r.stderr).toContain(HOSTILE_WORDS);
    expectCleanOutput(r);
    expect(column(dir, 'SELECT error FROM evaluations')).toEqual([expect.stringContaining(HOSTILE_WORDS)]);
    expectCleanDatabase(dir);
  });
});
