/**
 * Role files are untrusted input: size caps, ids that would shadow a built-in, escape
 * sequences in the text, and a saved custom role used again with --role, all through the CLI.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, runJson } from './support/cli.js';
import { writePlatformRole } from './support/fixtures.js';

const home = () => mkdtempSync(join(tmpdir(), 'ic-role-limits-'));
const ESC = '\u001b';

/** A valid role (as an object), with `patch` applied on top. */
function role(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'platform',
    title: 'Platform Engineer',
    description: 'Builds the internal platform other teams ship on.',
    family: 'technical',
    skills: ['kubernetes'],
    questions: [
      { text: 'How would you roll out a cluster upgrade safely?' },
      { text: 'How do you keep CI pipelines fast as a monorepo grows?' },
      { text: 'What would you put in a golden path for new services?' },
    ],
    ...patch,
  };
}

function writeRole(dir: string, content: Record<string, unknown>): string {
  const file = join(dir, 'role.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const question = (text: string, extra: Record<string, unknown> = {}) => ({ text, ...extra });
/** Every row of every table as JSON text (JSON.stringify writes an ESC as \u001b). */
const wholeDatabase = (dir: string) => {
  const db = new Database(join(dir, 'interview-coach.db'), { readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    return JSON.stringify(tables.map(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all()));
  } finally {
    db.close();
  }
};

describe('role file caps', () => {
  it('refuses a file over 256 KB before parsing it, in one line, exit 2', async () => {
    const dir = home();
    // Valid YAML whose description alone is 300 KB: the size is what is refused, not the shape.
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, `id: huge\ntitle: Huge\ndescription: ${'x'.repeat(300 * 1024)}\nfamily: technical\n`);
    const r = await runCli(['start', '--role-file', file, '--offline'], { env: { INTERVIEW_COACH_HOME: dir } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`Role file ${file} is larger than 256 KB.`);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2); // the error and its hint
  });

  const long = (n: number) => 'a'.repeat(n);
  const threeQuestions = role().questions as { text: string }[];
  it.each([
    ['title', role({ title: long(101) }), 'title: at most 100 characters allowed'],
    ['description', role({ description: long(2001) }), 'description: at most 2000 characters allowed'],
    [
      'question text',
      role({ questions: [question(`${long(2001)}?`), ...threeQuestions] }),
      'questions.0.text: at most 2000 characters allowed',
    ],
    ['one skill', role({ skills: [long(101)] }), 'skills.0: at most 100 characters allowed'],
    [
      'number of skills',
      role({ skills: Array.from({ length: 101 }, (_, i) => `s${i}`) }),
      'skills: at most 100 entries',
    ],
    [
      'a topic',
      role({ questions: [question('A question of enough length?', { topics: [long(101)] }), ...threeQuestions] }),
      'questions.0.topics.0: at most 100 characters allowed',
    ],
    [
      'number of questions',
      role({ questions: Array.from({ length: 201 }, (_, i) => question(`Question number ${i} about platforms?`)) }),
      'questions: at most 200 questions allowed',
    ],
  ])('refuses a too long %s, naming the field and the limit, exit 2', async (_name, content, message) => {
    const dir = home();
    const file = writeRole(dir, content);
    const r = await runCli(['start', '--role-file', file, '--offline'], { env: { INTERVIEW_COACH_HOME: dir } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`Role file ${file} is invalid: ${message}`);
  });

  it('accepts a role at the limits', async () => {
    const dir = home();
    const file = writeRole(
      dir,
      role({
        title: long(100),
        description: long(2000),
        questions: Array.from({ length: 200 }, (_, i) => question(`Question number ${i} about platforms?`)),
      }),
    );
    const r = await runCli(['start', '--role-file', file, '--offline', '--questions', '1', '--no-evaluate'], {
      env: { INTERVIEW_COACH_HOME: dir },
      input: 'An answer.\n',
    });
    expect(r.exitCode, r.stderr).toBe(0);
  });
});

describe('role file ids', () => {
  it.each(['sre', 'ml', 'pm', 'backend', 'SRE'])('refuses the id "%s", which names a built-in role', async (id) => {
    const dir = home();
    const file = writeRole(dir, role({ id }));
    const r = await runCli(['start', '--role-file', file, '--offline'], { env: { INTERVIEW_COACH_HOME: dir } });
    expect(r.exitCode).toBe(2);
    // Upper case is refused by the id's own rule; the others by the clash.
    expect(r.stderr).toMatch(
      id === 'SRE' ? /id: id must be lower-case/ : `uses the id "${id}", which already names a built-in role`,
    );
  });
});

describe('escape sequences in a role file', () => {
  it('are stripped before the role is stored, shown by roles, or exported', async () => {
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir };
    const file = writeRole(
      dir,
      role({
        title: `${ESC}]0;pwned${ESC}\\Evil ${ESC}[31mTitle${ESC}[0m\u0007`,
        description: `Builds the platform.${ESC}[2J${ESC}[H Clears your screen.`,
        skills: [`kube${ESC}[1mrnetes`],
        questions: [
          question(`How would you roll out ${ESC}[5man upgrade${ESC}[0m safely?`, { topics: [`up${ESC}[4mgrades`] }),
          question('How do you keep CI pipelines fast as a monorepo grows?'),
          question('What would you put in a golden path for new services?'),
        ],
      }),
    );
    const start = await runCli(['start', '--role-file', file, '--offline', '--questions', '1', '--no-evaluate'], {
      env,
      input: 'An answer about canaries.\n',
    });
    expect(start.exitCode, start.stderr).toBe(0);
    expect(start.stdout + start.stderr).not.toContain(ESC);
    expect(start.stdout).toContain('Evil Title');

    const roles = await runCli(['roles'], { env });
    expect(roles.stdout + roles.stderr).not.toContain(ESC);
    expect(roles.stdout).toMatch(/platform\s+Evil Title/);
    const json = await runJson<{ id: string; title: string; description: string }[]>(['roles', '--json'], { env });
    expect(json.find((r) => r.id === 'platform')).toMatchObject({
      title: 'Evil Title',
      description: 'Builds the platform. Clears your screen.',
    });

    const stored = wholeDatabase(dir);
    expect(stored).not.toContain('\\u001b');
    expect(stored).toContain('Evil Title');
    expect(stored).toContain('How would you roll out an upgrade safely?');

    const exported = await runCli(['export', '--all', '--format', 'md'], { env });
    expect(exported.exitCode, exported.stderr).toBe(0);
    expect(exported.stdout).not.toContain(ESC);
  });

  it('a role saved raw by an older version is shown clean', async () => {
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir };
    const first = await runCli(
      ['start', '--role-file', writePlatformRole(dir), '--offline', '--questions', '1', '--no-evaluate'],
      {
        env,
        input: 'An answer.\n',
      },
    );
    expect(first.exitCode, first.stderr).toBe(0);
    const db = new Database(join(dir, 'interview-coach.db'));
    try {
      db.prepare("UPDATE role_templates SET title = ? WHERE id = 'platform'").run(
        `${ESC}]0;pwned${ESC}\\Old ${ESC}[31mTitle`,
      );
    } finally {
      db.close();
    }
    const roles = await runCli(['roles'], { env });
    expect(roles.stdout).not.toContain(ESC);
    expect(roles.stdout).toMatch(/platform\s+Old Title/);
  });
});

describe('a custom role saved by --role-file', () => {
  it('is found again by start --role <its id>', async () => {
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir };
    const first = await runCli(
      ['start', '--role-file', writePlatformRole(dir), '--offline', '--questions', '1', '--no-evaluate'],
      {
        env,
        input: 'An answer.\n',
      },
    );
    expect(first.exitCode, first.stderr).toBe(0);
    const again = await runCli(['start', '--role', 'platform', '--offline', '--questions', '3', '--no-evaluate'], {
      env,
      input: 'One.\n\nTwo.\n\nThree.\n',
    });
    expect(again.exitCode, again.stderr).toBe(0);
    // The three questions of the role file (see writePlatformRole), not a built-in pool.
    expect(again.stdout).toContain('How would you roll out a cluster upgrade safely?');
    expect(again.stdout).toContain('What would you put in a golden path for new services?');
    const history = await runJson<{ role: { id: string } }[]>(['history', '--json'], { env });
    expect(history.map((h) => h.role.id)).toEqual(['platform', 'platform']);
  });

  it('an unknown role lists the saved custom roles beside the built-ins', async () => {
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir };
    await runCli(['start', '--role-file', writePlatformRole(dir), '--offline', '--questions', '1', '--no-evaluate'], {
      env,
      input: 'An answer.\n',
    });
    const r = await runCli(['start', '--role', 'platfrom', '--offline'], { env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/Unknown role "platfrom"\. Valid roles: .*backend.*, platform\./);
  });

  it('a damaged saved role stops with the reason and how to save it again', async () => {
    const dir = home();
    const env = { INTERVIEW_COACH_HOME: dir };
    const roleFile = writePlatformRole(dir);
    await runCli(['start', '--role-file', roleFile, '--offline', '--questions', '1', '--no-evaluate'], {
      env,
      input: 'An answer.\n',
    });
    const db = new Database(join(dir, 'interview-coach.db'));
    try {
      db.prepare("UPDATE role_templates SET questions_json = ? WHERE id = 'platform'").run('[{"text": "too short"}]');
    } finally {
      db.close();
    }
    const r = await runCli(['start', '--role', 'platform', '--offline'], { env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      '✖ The saved role "platform" is damaged (questions_json has the wrong shape (0.text: a question needs at least 10 characters)).',
    );
    expect(r.stderr).toContain(`--role-file ${roleFile}`);
  });
});
