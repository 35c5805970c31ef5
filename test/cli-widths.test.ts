/**
 * Every table fits the width: `history`, `roles`, `stats`, `doctor` and `config list` at
 * COLUMNS=80 (and at the 80 used when piped without COLUMNS), measured in terminal columns
 * (string-width: CJK characters and emoji take two) with long custom role ids and titles, long
 * model names and wide text. Cut cells end in '…'; nothing a person types (ids, commands) is lost.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open.js';
import { createSession, finishSession } from '../src/db/sessions.js';
import { appendTurn } from '../src/db/transcripts.js';
import { insertEvaluation } from '../src/db/evaluations.js';
import { runCli, runJson } from './support/cli.js';
import type { HistoryRowJson, RoleJson } from './support/cli-json.js';
import { startStandin, type Standin } from './support/ollama-standin.mjs';

const LONG_ID = 'platform-reliability-and-developer-experience-for-payments-teams';
const LONG_TITLE = `バックエンド開発者 🚀 ${'Platform Reliability Engineer for Payments '.repeat(2)}`.trim();
const LONG_MODEL = 'hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M';
const WIDE_ANSWER =
  '私たちは retries と指数バックオフを使いました 🎉 and then we measured p95 latency before and after';
const WIDE_QUESTION = `日本語の質問: how would you migrate ${'a very '.repeat(8)}large session store without downtime? 🤔`;

const width = (line: string) => stringWidth(line);
/** What history's SCORE column says for a row of `history --json` (README: — none, failed, unreadable, a number). */
const scoreCell = (row: HistoryRowJson) =>
  row.score !== null
    ? String(row.score)
    : !row.evaluation
      ? '—'
      : row.evaluation.status === 'ok'
        ? 'h'
        : row.evaluation.status;
const widest = (text: string) => Math.max(...text.split('\n').map(width));

let home = '';
let standin: Standin | undefined;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'ic-widths-'));
  const env = { INTERVIEW_COACH_HOME: home };
  const file = join(home, 'role.yaml');
  writeFileSync(
    file,
    [
      `id: ${LONG_ID}`,
      `title: ${LONG_TITLE}`,
      `description: 決済チームのためのプラットフォーム 💳 reliability, on-call and developer experience for payments.`,
      'family: technical',
      'skills: [APIs, databases]',
      'questions:',
      '  - text: How would you design an idempotent payment API?',
      '  - text: How do you choose an index for a slow query?',
      '  - text: How do you roll out a schema change safely?',
      '',
    ].join('\n'),
  );
  const started = await runCli(['start', '--role-file', file, '--offline', '--questions', '1', '--no-evaluate'], {
    input: `${WIDE_ANSWER}\n`,
    env,
  });
  if (started.exitCode !== 0) throw new Error(started.stderr);
  const settings: [key: string, value: string][] = [
    ['model', LONG_MODEL],
    ['piperVoice', join(home, 'ボイス', 'en_US-lessac-medium-with-a-rather-long-file-name.onnx')],
  ];
  for (const [key, value] of settings) {
    const r = await runCli(['config', 'set', key, value], { env });
    if (r.exitCode !== 0) throw new Error(r.stderr);
  }
  seedSessions(home);
  standin = await startStandin({ models: ['mistral:latest', `${LONG_MODEL}`, 'qwen2.5-coder:32b-instruct-q8_0'] });
});

afterAll(async () => {
  await standin?.close();
});

/** Scored sessions over several roles, hour-long ones, failed and unreadable evaluations, wide questions. */
function seedSessions(dir: string): void {
  const db = openDatabase(join(dir, 'interview-coach.db'));
  try {
    const roles = ['engineering-manager', 'product-manager', LONG_ID, 'data-scientist'];
    const day = Date.parse('2026-09-01T09:00:00Z');
    for (let i = 0; i < 40; i++) {
      const role = roles[i % roles.length] ?? 'backend';
      const start = new Date(day + i * 86_400_000);
      const id = createSession(
        db,
        {
          roleId: role,
          roleTitle: role === LONG_ID ? LONG_TITLE : role,
          difficulty: 'hard',
          plan: [{ text: WIDE_QUESTION, difficulty: 'hard', topics: [] }],
          model: LONG_MODEL,
          host: null,
          inputMode: i % 3 === 0 ? 'voice' : 'text',
          interviewer: i % 5 === 0 ? 'question-bank' : 'ollama',
          offlineReason: null,
        },
        start,
      );
      appendTurn(db, id, { speaker: 'interviewer', kind: 'question', questionNumber: 12, content: WIDE_QUESTION });
      for (let a = 0; a < 12; a++)
        appendTurn(db, id, { speaker: 'candidate', kind: 'answer', questionNumber: 12, content: WIDE_ANSWER });
      finishSession(db, id, i % 7 === 0 ? 'interrupted' : 'completed', 'test', new Date(start.getTime() + 4_000_000));
      const common = {
        sessionId: id,
        strengths: [],
        areas: [],
        detailedFeedback: null,
        evidenceNote: null,
        model: LONG_MODEL,
        rubric: 'technical',
        attempts: 1,
        durationMs: 1,
      };
      if (i % 9 === 4) {
        insertEvaluation(db, {
          ...common,
          kind: 'ai',
          status: 'failed',
          overallScore: null,
          dimensions: [],
          perAnswer: [],
          error: 'the judge gave no JSON',
        });
        continue;
      }
      const { id: evaluationId } = insertEvaluation(db, {
        ...common,
        kind: 'ai',
        status: 'ok',
        overallScore: (i * 37) % 101,
        error: null,
        dimensions: [
          { id: 'technical_depth', name: 'Technical depth', score: 1 + (i % 5), evidence: 'quote', verified: true },
          {
            id: 'structured_reasoning',
            name: 'Structured reasoning',
            score: 1 + ((i + 2) % 5),
            evidence: '',
            verified: false,
          },
        ],
        perAnswer: [
          {
            questionNumber: 12,
            question: WIDE_QUESTION,
            score: 1 + (i % 3),
            landed: 'l',
            missing: 'm',
            strongerAnswer: 's',
          },
        ],
      });
      // One evaluation whose JSON is damaged: history shows "unreadable".
      if (i === 39) db.prepare('UPDATE evaluations SET strengths_json = ? WHERE id = ?').run('{not json', evaluationId);
    }
  } finally {
    db.close();
  }
}

const COMMANDS: [name: string, args: () => string[]][] = [
  ['history', () => ['history']],
  ['history -n 0', () => ['history', '-n', '0']],
  ['history --search', () => ['history', '--search', 'retries']],
  ['roles', () => ['roles']],
  ['stats', () => ['stats']],
  ['stats --role (a long custom role)', () => ['stats', '--role', LONG_ID]],
  ['doctor', () => ['doctor', '--host', standin?.url ?? 'http://127.0.0.1:9']],
  ['config list', () => ['config', 'list']],
];

describe('every table fits 80 columns', () => {
  it.each(COMMANDS)(
    '%s: every line at most 80 columns at COLUMNS=80, the same as piped without COLUMNS',
    async (_, args) => {
      const at80 = await runCli(args(), { env: { INTERVIEW_COACH_HOME: home, COLUMNS: '80', TZ: 'UTC' } });
      expect(at80.exitCode, at80.stderr).toBe(0);
      expect(at80.stdout.trim()).not.toBe('');
      const over = at80.stdout.split('\n').filter((line) => width(line) > 80);
      expect(over).toEqual([]);
      const piped = await runCli(args(), { env: { INTERVIEW_COACH_HOME: home, COLUMNS: undefined, TZ: 'UTC' } });
      expect(piped.stdout).toBe(at80.stdout);
    },
  );

  it('a wider COLUMNS is used: history shows the long role id whole', async () => {
    const wide = await runCli(['history'], { env: { INTERVIEW_COACH_HOME: home, COLUMNS: '200' } });
    expect(widest(wide.stdout)).toBeGreaterThan(80);
    expect(wide.stdout).toContain(LONG_ID);
    const narrow = await runCli(['history'], { env: { INTERVIEW_COACH_HOME: home, COLUMNS: '80' } });
    expect(narrow.stdout).not.toContain(LONG_ID);
    expect(narrow.stdout).toContain(`${LONG_ID.slice(0, 8)}`);
    expect(narrow.stdout).toContain('…');
  });

  it('history at 80 columns keeps every session id, and every score and status readable', async () => {
    const rows = await runJson<HistoryRowJson[]>(['history', '--json'], { env: { INTERVIEW_COACH_HOME: home } });
    const text = await runCli(['history'], { env: { INTERVIEW_COACH_HOME: home, COLUMNS: '80' } });
    const lines = text.stdout.trimEnd().split('\n').slice(1);
    expect(lines).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      const cells = (lines[i] ?? '').split(/\s{2,}/);
      expect(cells[0]).toBe(row.shortId);
      expect(cells).toContain(scoreCell(row));
    });
    expect(text.stdout).toMatch(/\binterrupted$/m);
    expect(text.stdout).toMatch(/\bunreadable\b/);
  });

  it('roles: each role on two lines, the description and short names under it, then its design problems', async () => {
    const env = { INTERVIEW_COACH_HOME: home, COLUMNS: '80' };
    const roles = await runJson<(RoleJson & { aliases: string[]; problems?: { id: string }[] })[]>(
      ['roles', '--json'],
      { env },
    );
    const lines = (await runCli(['roles'], { env })).stdout.trimEnd().split('\n');
    // A block per role: its line (not indented), then the indented lines under it.
    const blocks: string[][] = [];
    for (const line of lines) {
      if (line.startsWith(' ')) blocks.at(-1)?.push(line);
      else blocks.push([line]);
    }
    expect(blocks).toHaveLength(roles.length);
    roles.forEach((role, i) => {
      const [head = '', about = '', ...more] = blocks[i] ?? [];
      const id = head.split(/\s{2,}/)[0] ?? '';
      // A built-in id is never cut; a 64-character custom one is, to its start and '…'.
      if (role.builtin) expect(id).toBe(role.id);
      else expect(id.endsWith('…') && role.id.startsWith(id.slice(0, -1))).toBe(true);
      expect(about.startsWith('  ')).toBe(true);
      // The description, or as much of it as fits (cut with '…').
      const shown = about.trim().replace(/…$/, '');
      expect(role.description.replace(/\s+/g, ' ')).toContain(shown.slice(shown.lastIndexOf('· ') + 1).trim());
      for (const alias of role.aliases) expect(about).toContain(alias);
      // Design problems are wrapped, not cut: every id is there, within the width.
      const problems = more.join(' ');
      if (role.problems?.length) expect(more[0]).toMatch(/^ {2}deep round \(--format deep --problem\): /);
      else expect(more).toEqual([]);
      for (const p of role.problems ?? []) expect(problems).toMatch(new RegExp(`\\b${p.id} \\(`));
      for (const line of more) expect(width(line)).toBeLessThanOrEqual(80);
    });
    const text = lines.join('\n');
    for (const short of ['sre', 'ml', 'pm', 'em']) expect(text).toMatch(new RegExp(`also (.*, )?${short}\\b`));
    // The first columns line up by display width, the wide custom title included.
    const roleLines = blocks.map((b) => b[0] ?? '');
    const questionsAt = new Set(roleLines.map((l) => width(l.slice(0, l.indexOf(' questions')))));
    expect([...questionsAt]).toHaveLength(1);
  });
});
