/**
 * `export --format json --with-calls`: the session's calls under `calls`, in the shape of
 * `calls --json`, for one session or all; refused with md and txt.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runJson } from './support/cli.js';
import type { ExportAllJson, SessionDocument } from './support/cli-json.js';
import { aCall, homeWithCalls } from './support/call-fixtures.js';
import { openDatabase } from '../src/db/open.js';
import { listLlmCalls } from '../src/db/llm-calls.js';

const question = aCall();
const judge = aCall({ purpose: 'judge', reply: '{"overall": 60}', options: { format: 'json', think: false } });

describe('export --with-calls', () => {
  const { home, ids } = homeWithCalls([
    { startedAt: '2026-11-01T09:00:00Z', answers: ['a'], calls: [question, judge] },
    { startedAt: '2026-11-02T09:00:00Z', answers: ['b'], calls: [] },
  ]);
  const env = { INTERVIEW_COACH_HOME: home };
  const [first = ''] = ids;

  it('adds the calls of the session under `calls`, as `calls --json` gives them', async () => {
    const doc = await runJson<SessionDocument>(['export', first, '--format', 'json', '--with-calls'], { env });
    expect(doc.calls).toEqual(await runJson(['calls', first, '--json'], { env }));
    expect(doc.calls?.map((c) => c.purpose)).toEqual(['interviewer', 'judge']);
    const plain = await runJson<SessionDocument>(['export', first, '--format', 'json'], { env });
    expect('calls' in plain).toBe(false);
  });

  it('with --all, every session has its calls (an empty list when it made none)', async () => {
    const all = await runJson<ExportAllJson>(['export', '--all', '--format', 'json', '--with-calls'], { env });
    expect(all.sessions.map((s) => s.calls?.length)).toEqual([0, 2]);
    const db = openDatabase(join(home, 'interview-coach.db'));
    expect(all.sessions[1]?.calls).toEqual(listLlmCalls(db, first));
    db.close();
  });

  it('with md or txt: exit 2, saying it goes with json', async () => {
    for (const format of ['md', 'txt']) {
      const r = await runCli(['export', first, '--format', format, '--with-calls'], { env });
      expect(r).toMatchObject({ exitCode: 2, stdout: '' });
      expect(r.stderr).toContain('--with-calls goes with --format json.');
    }
  });
});
