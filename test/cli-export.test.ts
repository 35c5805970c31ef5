import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from './support/cli.js';
import type { ExportAllJson } from './support/cli-json.js';
import { waitFor } from './support/wait.js';
import { openDatabase, type Db } from '../src/db/open.js';
import { createSession, finishSession } from '../src/db/sessions.js';
import { appendTurn } from '../src/db/transcripts.js';
import { insertEvaluation } from '../src/db/evaluations.js';
import { sessionDocument } from '../src/core/session-document.js';
import { atomicWriteMessage } from '../src/shared/atomic-write.js';
import { markdownText, sessionToMarkdown, sessionToText } from '../src/core/session-formats.js';
import type { TurnKind } from '../src/model/turn.js';

const UTC = { TZ: 'UTC' };
const at = (start: string, seconds: number) => new Date(Date.parse(start) + seconds * 1000);

/** A session with a follow-up, a skipped question, audio + metrics on one answer and an AI evaluation. */
function aiSession(db: Db, startedAt: string): string {
  const id = createSession(
    db,
    {
      roleId: 'backend',
      roleTitle: 'Backend Engineer',
      difficulty: 'hard',
      model: 'mistral',
      host: 'http://127.0.0.1:11434',
      plan: [
        { text: 'How would you cache?', difficulty: 'hard', topics: [] },
        { text: 'How would you shard?', difficulty: 'hard', topics: [] },
      ],
      inputMode: 'text',
      interviewer: 'ollama',
      offlineReason: null,
    },
    new Date(startedAt),
  );
  const turn = (
    seconds: number,
    speaker: 'interviewer' | 'candidate',
    kind: TurnKind,
    q: number | null,
    content: string,
    durationMs?: number,
  ) => appendTurn(db, id, { speaker, kind, questionNumber: q, content, durationMs }, at(startedAt, seconds));
  turn(5, 'interviewer', 'greeting', null, 'Hello, thanks for joining.');
  turn(10, 'interviewer', 'question', 1, 'How would you cache a hot read path?');
  const withAudio = turn(
    70,
    'candidate',
    'answer',
    1,
    'We cached hot keys in Redis\nand cut p99 from 300 ms to 40 ms.',
    58_000,
  );
  turn(80, 'interviewer', 'follow-up', 1, 'How did you invalidate?');
  turn(120, 'candidate', 'answer', 1, 'Write-through on every update.', 39_000);
  turn(130, 'interviewer', 'question', 2, 'How would you shard a tenant table?');
  turn(135, 'candidate', 'skipped', 2, '');
  turn(140, 'interviewer', 'closing', null, 'Thanks, that is the end of our interview.');
  db.prepare('UPDATE transcripts SET audio_url = ?, metrics_json = ? WHERE id = ?').run(
    'answer-1.wav',
    JSON.stringify({ wpm: 142, fillers: 1 }),
    withAudio,
  );
  finishSession(db, id, 'completed', 'finished', at(startedAt, 150));
  insertEvaluation(
    db,
    {
      sessionId: id,
      kind: 'ai',
      status: 'ok',
      overallScore: 63,
      dimensions: [
        { id: 'depth', name: 'Technical depth', score: 4, evidence: 'We cached hot keys in Redis' },
        { id: 'comm', name: 'Communication', score: 3, evidence: '' },
      ],
      strengths: ['Quantified the latency win.'],
      areas: ['Explain invalidation trade-offs.'],
      perAnswer: [
        {
          questionNumber: 1,
          question: 'How would you cache a hot read path?',
          score: 4,
          landed: 'Concrete numbers.',
          missing: 'Eviction policy.',
          strongerAnswer: 'Lead with the 300 to 40 ms result.',
        },
        {
          questionNumber: 2,
          question: 'How would you shard a tenant table?',
          score: 1,
          landed: 'Nothing yet.',
          missing: 'Any answer.',
          strongerAnswer: 'Try it again.',
        },
      ],
      detailedFeedback: 'Strong on caching, skipped sharding.',
      evidenceNote: null,
      error: null,
      model: 'mistral',
      rubric: 'technical',
      attempts: 1,
      durationMs: 1200,
    },
    at(startedAt, 160),
  );
  return id;
}

function makeHome(): { home: string; aiId: string; offlineId: string; env: NodeJS.ProcessEnv } {
  const home = mkdtempSync(join(tmpdir(), 'ic-export-'));
  const db = openDatabase(join(home, 'interview-coach.db'));
  const aiId = aiSession(db, '2026-11-20T09:00:00.000Z');
  db.close();
  return { home, aiId, offlineId: '', env: { INTERVIEW_COACH_HOME: home, ...UTC } };
}

const fixture = (() => {
  let cached: Promise<ReturnType<typeof makeHome>> | null = null;
  return () =>
    (cached ??= (async () => {
      const f = makeHome();
      // A newer, real offline session with heuristic feedback, made by the CLI itself.
      const r = await runCli(['start', '--role', 'backend', '--offline', '--questions', '2'], {
        input: 'Um, I sharded by tenant id and moved 40% of traffic.\n\nA read replica per region.\n',
        env: f.env,
      });
      expect(r.exitCode).toBe(0);
      const db = new Database(join(f.home, 'interview-coach.db'), { readonly: true });
      f.offlineId = (
        db.prepare("SELECT id FROM sessions WHERE interviewer = 'question-bank'").get() as { id: string }
      ).id;
      db.close();
      return f;
    })());
})();

const readDoc = (home: string, id: string) => {
  const db = openDatabase(join(home, 'interview-coach.db'));
  try {
    return sessionDocument(db, id);
  } finally {
    db.close();
  }
};

describe('export --format md', () => {
  it('has a title, the metadata table, the timed transcript with feedback next to each answer, then the evaluation', async () => {
    const { aiId, env } = await fixture();
    const r = await runCli(['export', aiId.slice(0, 8), '--format', 'md'], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const md = r.stdout;
    expect(md.split('\n')[0]).toBe('# Mock interview: Backend Engineer — 2026-11-20 09:00');
    for (const row of [
      `| **ID** | \`${aiId}\` |`,
      '| **Role** | Backend Engineer (`backend`) |',
      '| **Difficulty** | hard |',
      '| **Mode** | text · AI interviewer (mistral) |',
      '| **Model** | mistral |',
      '| **Status** | completed (finished) |',
      '| **Duration** | 2:30 |',
      '| **Started** | 2026-11-20 09:00:00 (UTC+00:00) |',
      '| **Score** | 63/100, above the bar at hard |',
    ]) {
      expect(md).toContain(row);
    }
    const order = [
      '**`00:00:05` Interviewer**',
      'Hello, thanks for joining.',
      '**`00:00:10` Interviewer · Q1**',
      'How would you cache a hot read path?',
      '**`00:01:10` Candidate · Q1** *(audio recorded)*',
      'We cached hot keys in Redis  \nand cut p99 from 300 ms to 40 ms.',
      '**`00:01:20` Interviewer · Q1 follow-up**',
      '**`00:02:00` Candidate · Q1**',
      'Write-through on every update.',
      '> **Feedback on Q1: 4/5**',
      '> - **What landed:** Concrete numbers.',
      '> - **What was missing:** Eviction policy.',
      '> - **A stronger answer, from what you said:** Lead with the 300 to 40 ms result.',
      '**`00:02:10` Interviewer · Q2**',
      '**`00:02:15` Candidate · Q2 (skipped)**',
      '*[skipped]*',
      '> **Feedback on Q2: 1/5**',
      '**`00:02:20` Interviewer**',
      'Thanks, that is the end of our interview.',
      '## Evaluation (AI judge: mistral)',
      '**Overall: 63/100, above the bar at hard** (from the 2 tested rubric grades below)',
      '| Technical depth | 4/5 | “We cached hot keys in Redis” |',
      '| Communication | 3/5 (not verified) | *not verified: no quote from your answers supports this grade* |',
      '### Strengths',
      '- Quantified the latency win.',
      '### Areas for improvement',
      '- Explain invalidation trade-offs.',
      '### Summary',
      'Strong on caching, skipped sharding.',
    ];
    let from = 0;
    for (const piece of order) {
      const i = md.indexOf(piece, from);
      expect(i, `"${piece}" after offset ${from}`).toBeGreaterThanOrEqual(from);
      from = i + piece.length;
    }
    // The feedback sits after the follow-up's answer, not after the first answer.
    expect(md.indexOf('Feedback on Q1')).toBeGreaterThan(md.indexOf('Write-through on every update.'));
  });

  it('heuristic sessions show the facts line under each answer and are labelled heuristic', async () => {
    const { offlineId, env } = await fixture();
    const r = await runCli(['export', offlineId, '--format', 'md'], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('| **Score** | heuristic feedback (no score) |');
    expect(r.stdout).toContain('| **Mode** | text · question bank (offline) |');
    expect(r.stdout).toMatch(
      /Um, I sharded by tenant id and moved 40% of traffic\.\n\n> \*\*Facts on Q1\*\* \(heuristic, no AI\): \d+ words .*numbers: yes.*fillers: 1 \(um ×1\)/,
    );
    expect(r.stdout).toContain('## Feedback (heuristic, no AI)');
    expect(r.stdout).not.toMatch(/\d+\/100/);
  });
});

describe('export --format txt', () => {
  it('is the plain transcript with timestamps, then the evaluation', async () => {
    const { aiId, env } = await fixture();
    const r = await runCli(['export', aiId, '--format', 'txt'], { env });
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('# Mock interview: Backend Engineer (hard, 2 questions, model mistral)');
    expect(lines[1]).toBe(
      `Session ${aiId.slice(0, 8)} · 2026-11-20 09:00 · completed · duration 2:30 · 63/100, above the bar at hard`,
    );
    expect(lines.filter((l) => /^\[\d\d:\d\d:\d\d\] /.test(l))).toEqual([
      '[00:00:05] Interviewer: Hello, thanks for joining.',
      '[00:00:10] Interviewer: How would you cache a hot read path?',
      '[00:01:10] Candidate: We cached hot keys in Redis',
      '[00:01:20] Interviewer: How did you invalidate?',
      '[00:02:00] Candidate: Write-through on every update.',
      '[00:02:10] Interviewer: How would you shard a tenant table?',
      '[00:02:15] Candidate: [skipped]',
      '[00:02:20] Interviewer: Thanks, that is the end of our interview.',
    ]);
    expect(r.stdout).toContain('and cut p99 from 300 ms to 40 ms.');
    expect(r.stdout.indexOf('## Evaluation (AI judge: mistral)')).toBeGreaterThan(
      r.stdout.indexOf('end of our interview'),
    );
    expect(r.stdout).toContain('Overall: 63/100');
    expect(r.stdout).toContain('   What was missing: Eviction policy.');
  });
});

/** The raw rows the round-trip test compares the export with (the columns it reads). */
interface SessionRow {
  started_at: string;
  ended_at: string | null;
}
interface TranscriptRow {
  seq: number;
  speaker: string;
  kind: string;
  question_number: number | null;
  content: string;
  created_at: string;
  duration_ms: number | null;
  cancelled: number;
  audio_url: string | null;
  metrics_json: string | null;
  asked_by: string | null;
}
/** An ok AI evaluation's row: its JSON columns are set. */
interface EvaluationRow {
  id: number;
  dimension_scores_json: string;
  per_answer_json: string;
  created_at: string;
}

describe('export --format json', () => {
  it('round-trips: the parsed export equals the session read back from the database', async () => {
    const { home, aiId, env } = await fixture();
    const r = await runCli(['export', aiId, '--format', 'json'], { env });
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toEqual(JSON.parse(JSON.stringify(readDoc(home, aiId))));
    // And against the raw rows, independently of the exporter.
    const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
    const session = db.prepare('SELECT * FROM sessions WHERE id = ?').get(aiId) as SessionRow;
    const turns = db
      .prepare('SELECT * FROM transcripts WHERE session_id = ? ORDER BY seq')
      .all(aiId) as TranscriptRow[];
    const evaluation = db.prepare('SELECT * FROM evaluations WHERE session_id = ?').get(aiId) as EvaluationRow;
    db.close();
    expect(doc).toMatchObject({
      schemaVersion: 1,
      id: aiId,
      role: { id: 'backend', title: 'Backend Engineer' },
      difficulty: 'hard',
      plannedQuestions: 2,
      interviewer: 'ollama',
      model: 'mistral',
      host: 'http://127.0.0.1:11434',
      inputMode: 'text',
      status: 'completed',
      endReason: 'finished',
      startedAt: session.started_at,
      endedAt: session.ended_at,
      durationMs: 150_000,
      retryOf: null,
      retryQuestion: null,
    });
    expect(doc.transcript).toEqual(
      turns.map((t) => ({
        seq: t.seq,
        speaker: t.speaker,
        kind: t.kind,
        questionNumber: t.question_number,
        content: t.content,
        createdAt: t.created_at,
        durationMs: t.duration_ms,
        cancelled: t.cancelled === 1,
        audioUrl: t.audio_url,
        metrics: t.metrics_json ? JSON.parse(t.metrics_json) : null,
        askedBy: t.asked_by,
      })),
    );
    expect(doc.transcript[2]).toMatchObject({
      seq: 3,
      audioUrl: 'answer-1.wav',
      metrics: { wpm: 142, fillers: 1 },
      durationMs: 58_000,
    });
    expect(doc.evaluation).toMatchObject({
      id: evaluation.id,
      kind: 'ai',
      status: 'ok',
      overallScore: 63,
      dimensions: JSON.parse(evaluation.dimension_scores_json),
      perAnswer: JSON.parse(evaluation.per_answer_json),
      strengths: ['Quantified the latency win.'],
      createdAt: evaluation.created_at,
      // 63 at hard: at or over 63, the score of a mean grade of 3.5 (README, "What the score means").
      band: 'above',
    });
  });

  it('--all dumps every session, newest first, in one document', async () => {
    const { home, aiId, offlineId, env } = await fixture();
    const r = await runCli(['export', '--all', '--format', 'json'], { env });
    expect(r.exitCode).toBe(0);
    const all = JSON.parse(r.stdout) as ExportAllJson;
    expect(Object.keys(all)).toEqual(['schemaVersion', 'exportedAt', 'sessions']);
    expect(all.schemaVersion).toBe(1);
    expect(Math.abs(Date.parse(all.exportedAt) - Date.now())).toBeLessThan(60_000);
    expect(all.sessions.map((s) => s.id)).toEqual([offlineId, aiId]);
    expect(all.sessions[1]).toEqual(JSON.parse(JSON.stringify(readDoc(home, aiId))));
    expect(all.sessions[0]!.evaluation).toMatchObject({ kind: 'heuristic', overallScore: null, band: null });
  });

  it('--all with no database prints an empty list and creates nothing', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-export-empty-'));
    const r = await runCli(['export', '--all', '--format', 'json'], { env: { INTERVIEW_COACH_HOME: home } });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: 1, sessions: [] });
    expect(existsSync(join(home, 'interview-coach.db'))).toBe(false);
  });
});

describe('export --all as md or txt', () => {
  it('puts the sessions one after another, separated by a rule', async () => {
    const { aiId, offlineId, env } = await fixture();
    const md = await runCli(['export', '--all'], { env });
    expect(md.exitCode).toBe(0);
    const parts = md.stdout.split('\n---\n\n');
    expect(parts).toHaveLength(2);
    expect(parts[0]).toContain(`\`${offlineId}\``);
    expect(parts[1]).toContain(`\`${aiId}\``);
    const txt = await runCli(['export', '--all', '--format', 'txt'], { env });
    const texts = txt.stdout.split(`\n${'='.repeat(72)}\n\n`);
    expect(texts.map((t) => t.split('\n')[1]?.slice(8, 16))).toEqual([offlineId.slice(0, 8), aiId.slice(0, 8)]);
  });
});

describe('export -o', () => {
  it('writes the file (mode 0600), prints nothing on stdout, replaces an existing file, leaves no temp file', async () => {
    const { aiId, env } = await fixture();
    const dir = mkdtempSync(join(tmpdir(), 'ic-out-'));
    const file = join(dir, 'interview.md');
    writeFileSync(file, 'old content', { mode: 0o644 });
    const r = await runCli(['export', aiId, '-o', file], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Exported session ${aiId.slice(0, 8)} to ${file}`);
    const stdout = await runCli(['export', aiId], { env });
    expect(readFileSync(file, 'utf8')).toBe(stdout.stdout);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['interview.md']);
    const dash = await runCli(['export', aiId, '--format', 'json', '-o', '-'], { env });
    expect(JSON.parse(dash.stdout).id).toBe(aiId);
  });

  it('a nonexistent directory: one line, exit 1, nothing written', async () => {
    const { aiId, env } = await fixture();
    const dir = mkdtempSync(join(tmpdir(), 'ic-out-'));
    const r = await runCli(['export', aiId, '-o', join(dir, 'missing', 'x.md')], { env });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `✖ Cannot write ${join(dir, 'missing', 'x.md')}: the directory ${join(dir, 'missing')} does not exist; nothing was written.`,
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  /** Exports to `target` and checks the refusal: one line naming it and a next step, exit 2, nothing written. */
  async function refused(target: string, kind: string) {
    const { aiId, env } = await fixture();
    const r = await runCli(['export', aiId, '-o', target], { env });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `✖ Not writing to ${target}: it is ${kind}, not a regular file; nothing was written. Give a new file name, or \`-o -\` for stdout.`,
    ]);
  }

  it('a directory as the target is refused and left as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-out-'));
    mkdirSync(join(dir, 'taken.md'));
    await refused(join(dir, 'taken.md'), 'a directory');
    expect(readdirSync(dir)).toEqual(['taken.md']);
    expect(readdirSync(join(dir, 'taken.md'))).toEqual([]);
  });

  it('a symlink, even to a regular file, is refused: neither the link nor the file it points to changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-out-'));
    writeFileSync(join(dir, 'real.md'), 'kept');
    symlinkSync('real.md', join(dir, 'link.md'));
    await refused(join(dir, 'link.md'), 'a symbolic link');
    expect(lstatSync(join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.md'), 'utf8')).toBe('kept');
    expect(readdirSync(dir).sort()).toEqual(['link.md', 'real.md']);
  });

  it('a fifo is refused (not opened, not replaced)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-out-'));
    const fifo = join(dir, 'pipe');
    await execa('mkfifo', [fifo]);
    await refused(fifo, 'a named pipe (fifo)');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });

  it('a device (/dev/null) is refused and stays a device', async () => {
    // As root a regression would replace the machine's /dev/null with a plain file, so root
    // tests the same kind of file on a private copy of the device node instead.
    let device = '/dev/null';
    if (process.getuid?.() === 0) {
      device = join(mkdtempSync(join(tmpdir(), 'ic-out-')), 'null');
      await execa('mknod', [device, 'c', '1', '3']);
    }
    await refused(device, 'a character device');
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a read-only directory: one line, exit 1, no temp file', async () => {
    const { home, aiId } = await fixture();
    const dir = mkdtempSync(join(tmpdir(), 'ic-ro-'));
    chmodSync(dir, 0o555);
    // Root ignores permissions: run the CLI as nobody then, with a data dir nobody owns.
    const asRoot = process.getuid?.() === 0;
    let dataDir = home;
    if (asRoot) {
      dataDir = mkdtempSync(join(tmpdir(), 'ic-nobody-'));
      for (const name of readdirSync(home)) writeFileSync(join(dataDir, name), readFileSync(join(home, name)));
      for (const name of ['', ...readdirSync(dataDir)]) chownSync(join(dataDir, name), 65534, 65534);
    }
    const r = await execa(process.execPath, [BIN, 'export', aiId, '-o', join(dir, 'x.md')], {
      env: { INTERVIEW_COACH_HOME: dataDir, NO_COLOR: '1' },
      reject: false,
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(r.exitCode).toBe(1);
    expect(String(r.stderr).trimEnd().split('\n')).toEqual([
      `✖ Cannot write ${join(dir, 'x.md')}: permission denied in ${dir}; nothing was written.`,
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a path under a regular file (ENOTDIR) fails in one line too', async () => {
    const { aiId, env } = await fixture();
    const dir = mkdtempSync(join(tmpdir(), 'ic-out-'));
    writeFileSync(join(dir, 'file'), '');
    const r = await runCli(['export', aiId, '-o', join(dir, 'file', 'x.md')], { env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `✖ Cannot write ${join(dir, 'file', 'x.md')}: ${join(dir, 'file')} is not a directory; nothing was written.`,
    ]);
  });

  it('says "disk full" for ENOSPC', () => {
    const err = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(atomicWriteMessage(err, 'out/x.json')).toBe('Disk full while writing out/x.json; nothing was written.');
  });
});

describe('export: bad usage', () => {
  it('an unknown id exits 2; an ambiguous one lists the candidates', async () => {
    const { env } = await fixture();
    const unknown = await runCli(['export', 'ffffffff'], { env });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^✖ No session id starts with "ffffffff"\./);
    const home = mkdtempSync(join(tmpdir(), 'ic-ambiguous-'));
    const db = openDatabase(join(home, 'interview-coach.db'));
    const a = aiSession(db, '2026-11-01T10:00:00Z');
    const b = aiSession(db, '2026-11-02T10:00:00Z');
    db.pragma('foreign_keys = OFF');
    for (const [id, n] of [
      [a, '1'],
      [b, '2'],
    ] as const) {
      const newId = `abcd${n}${id.slice(5)}`;
      db.prepare('UPDATE transcripts SET session_id = ? WHERE session_id = ?').run(newId, id);
      db.prepare('UPDATE evaluations SET session_id = ? WHERE session_id = ?').run(newId, id);
      db.prepare('UPDATE sessions SET id = ? WHERE id = ?').run(newId, id);
    }
    db.close();
    const ambiguous = await runCli(['export', 'abcd'], { env: { INTERVIEW_COACH_HOME: home } });
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.stderr).toMatch(/"abcd" matches 2 sessions: abcd2[0-9a-f]{3} \(backend, .*\), abcd1/);
  });

  it('no session and no --all, both, a bad format, or nothing saved yet: exit 2', async () => {
    const { env } = await fixture();
    for (const args of [['export'], ['export', 'last', '--all'], ['export', 'last', '--format', 'pdf']]) {
      const r = await runCli(args, { env });
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^✖ /);
      expect(r.stdout).toBe('');
    }
    const empty = mkdtempSync(join(tmpdir(), 'ic-export-empty-'));
    const none = await runCli(['export', 'last'], { env: { INTERVIEW_COACH_HOME: empty } });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/no saved sessions yet/);
    expect(existsSync(join(empty, 'interview-coach.db'))).toBe(false);
  });
});

describe('export in a pipe', () => {
  it('a reader that closes early (| head -1) ends it quietly, without a stack trace', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-export-big-'));
    const db = openDatabase(join(home, 'interview-coach.db'));
    for (let i = 0; i < 40; i++) {
      const id = aiSession(db, new Date(Date.UTC(2026, 10, 1, 9, i)).toISOString());
      db.prepare(
        "UPDATE transcripts SET content = ? WHERE session_id = ? AND speaker = 'candidate' AND kind = 'answer'",
      ).run('A long answer. '.repeat(2000), id);
    }
    db.close();
    const child = spawn(process.execPath, [BIN, 'export', '--all', '--format', 'md'], {
      env: { ...process.env, INTERVIEW_COACH_HOME: home, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let chunks = 0;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => {
      chunks++;
      child.stdout.destroy();
    });
    const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await waitFor(() => chunks > 0, 'the first chunk');
    const code = await exit;
    expect(stderr).not.toMatch(/Error|at .*\.js:\d+/);
    expect(code).toBe(0);
  });
});

describe('session formats', () => {
  it('keeps answers from changing the document structure', () => {
    expect(
      markdownText('# not a heading\n> not a quote\n- not a list\n1. not a list\n---\n<script>x</script>\n```'),
    ).toBe(
      '\\# not a heading  \n\\> not a quote  \n\\- not a list  \n1\\. not a list  \n\\---  \n\\<script>x\\</script>  \n\\```',
    );
    expect(markdownText('Plain *emphasis* and snake_case stay.\n\nSecond paragraph.')).toBe(
      'Plain *emphasis* and snake_case stay.\n\nSecond paragraph.',
    );
    expect(markdownText('red \u001b[31mtext\u001b[0m')).toBe('red text');
  });

  it('a failed evaluation says how to retry and shows no score; a missing one says how to evaluate', () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-formats-'));
    const db = openDatabase(join(home, 'interview-coach.db'));
    const id = aiSession(db, '2026-11-20T09:00:00.000Z');
    const doc = sessionDocument(db, id);
    db.close();
    const failed = {
      ...doc,
      evaluation: {
        ...doc.evaluation!,
        status: 'failed' as const,
        overallScore: null,
        dimensions: [],
        strengths: [],
        areas: [],
        perAnswer: [],
        error: 'judge gave no JSON after 3 attempts',
      },
    };
    const md = sessionToMarkdown(failed);
    expect(md).toContain('| **Score** | evaluation failed |');
    expect(md).toContain('## Evaluation\n\nEvaluation failed, no score was given: judge gave no JSON after 3 attempts');
    expect(md).toMatch(
      new RegExp(`Retry with: interview-coach evaluate ${id.slice(0, 8)} \\(--host \\\\<url> or --model`),
    );
    expect(md).not.toContain('--offline');
    expect(md).not.toMatch(/\d+\/100|Feedback on Q/);
    const none = { ...doc, evaluation: null };
    expect(sessionToMarkdown(none)).toContain(
      `## Evaluation\n\nNot evaluated. Run \`interview-coach evaluate ${id.slice(0, 8)}\`.`,
    );
    expect(sessionToText(none).trimEnd().split('\n').at(-1)).toBe(
      `Not evaluated. Run: interview-coach evaluate ${id.slice(0, 8)}`,
    );
  });
});
