import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { obedient } from './support/scenarios.mjs';
import { dbRows, spawnCli, type SpawnedCli } from './support/spawn-cli.js';
import { waitFor } from './support/wait.js';

// kill -9 at random moments of real interviews (a streaming stand-in model, new sessions and
// resumed ones): an answer the CLI acknowledged (echoed it on stdout, which it does once the
// turn is saved) is never lost, and the database passes its integrity check after every kill.
// The moments are random but not timed: each run waits for N acknowledged answers, then kills
// at once, right after sending one more answer, or once the interviewer's reply is streaming.
const KILLS = 10;
const SEED = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** mulberry32: a small seeded generator, so a failing run can be replayed with SOAK_SEED. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

describe('kill -9 soak', () => {
  it(`${KILLS} kills at random moments lose no acknowledged answer (SOAK_SEED=${SEED})`, async () => {
    const rand = random(SEED);
    standin = await startStandin({ reply: obedient(), tokenDelayMs: 3 });
    const home = mkdtempSync(join(tmpdir(), 'ic-soak-'));
    const acknowledged: string[] = [];
    const args = ['--host', standin.url, '--no-evaluate'];
    let previous: string | null = null;

    for (let kill = 1; kill <= KILLS; kill++) {
      // Every other run resumes the session the last kill left behind.
      const resume = previous !== null && kill % 2 === 0;
      const run: SpawnedCli = spawnCli(
        home,
        resume ? ['resume', previous ?? '', ...args] : ['start', '--role', 'backend', '--questions', '5', ...args],
      );
      const exitedEarly = run.closed.then(() => true);
      const answers = resume ? 1 : 1 + Math.floor(rand() * 3);
      let lastAck: string | null = null;
      for (let n = 1; n <= answers; n++) {
        const answer = `Answer ${n} of run ${kill}: we sharded the cache and cut p99 from 300 ms to 40 ms.`;
        run.child.stdin.write(`${answer}\n\n`);
        const acked = await Promise.race([
          waitFor(() => run.stdout().includes(`Candidate: ${answer}\n`), `answer ${n} of run ${kill}`, 20_000),
          exitedEarly,
        ]);
        if (acked !== true || !run.stdout().includes(`Candidate: ${answer}\n`)) break;
        acknowledged.push(answer);
        lastAck = answer;
      }
      const moment = rand();
      if (moment < 1 / 3) {
        run.child.stdin.write(`An answer in flight, run ${kill}.\n\n`);
      } else if (moment < 2 / 3 && lastAck) {
        // The interviewer's reply to the last answer has begun (it may be streaming still).
        const echo = `Candidate: ${lastAck}\n`;
        await Promise.race([
          waitFor(() => run.stdout().slice(run.stdout().indexOf(echo)).includes('\nInterviewer:'), 'the reply'),
          exitedEarly,
        ]);
      }
      run.child.kill('SIGKILL');
      await run.closed;

      const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
      const saved = new Set(
        dbRows<{ content: string }>(home, "SELECT content FROM transcripts WHERE kind = 'answer'").map(
          (r) => r.content,
        ),
      );
      expect(acknowledged.filter((a) => !saved.has(a))).toEqual([]);
      previous =
        dbRows<{ id: string }>(home, 'SELECT id FROM sessions ORDER BY started_at DESC, rowid DESC LIMIT 1')[0]?.id ??
        null;
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILLS);
  }, 180_000);
});
