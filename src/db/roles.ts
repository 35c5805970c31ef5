import { RoleTemplate } from '../model/role.js';
import type { Unreadable } from '../model/unreadable.js';
import { isUnreadable } from '../model/unreadable.js';
import { readJsonColumn, wrongShape } from './json-column.js';
import type { Db } from './open.js';
import { cleanJson, lineColumn, textColumn } from './clean-columns.js';

interface RoleRow {
  id: string;
  title: string;
  description: string;
  family: string;
  difficulty: string;
  skills_json: string;
  keywords_json: string;
  questions_json: string;
  /** The deep round's design problems (NULL: the role has none). */
  problems_json: string | null;
  builtin: number;
  source: string | null;
}

/** Writes roles into role_templates (built-ins on every start, so edits to the code reach old databases). */
export function upsertRoles(db: Db, roles: RoleTemplate[], builtin: boolean, source: string | null = null): void {
  const stmt = db.prepare<
    Omit<RoleRow, 'skills_json' | 'keywords_json' | 'questions_json' | 'problems_json'> & {
      skills: string;
      keywords: string;
      questions: string;
      problems: string | null;
      now: string;
    }
  >(
    `INSERT INTO role_templates (id, title, description, family, difficulty, skills_json, keywords_json, questions_json, problems_json, builtin, source, updated_at)
     VALUES (@id, @title, @description, @family, @difficulty, @skills, @keywords, @questions, @problems, @builtin, @source, @now)
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, family = excluded.family,
       difficulty = excluded.difficulty, skills_json = excluded.skills_json, keywords_json = excluded.keywords_json,
       questions_json = excluded.questions_json, problems_json = excluded.problems_json, builtin = excluded.builtin, source = excluded.source, updated_at = excluded.updated_at`,
  );
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const r of roles) {
      stmt.run({
        id: r.id,
        title: lineColumn(r.title),
        description: textColumn(r.description),
        family: r.family,
        difficulty: r.difficulty,
        skills: cleanJson(r.skills),
        keywords: cleanJson(r.keywords),
        questions: cleanJson(r.questions),
        problems: r.problems ? cleanJson(r.problems) : null,
        builtin: builtin ? 1 : 0,
        source: textColumn(source),
        now,
      });
    }
  })();
}

export interface StoredRole extends RoleTemplate {
  builtin: boolean;
  /** The role file it was saved from (custom roles). */
  source: string | null;
}

/** A saved role that cannot be read back: its id and where it came from, and why. */
export interface DamagedRole extends Unreadable {
  id: string;
  builtin: boolean;
  source: string | null;
}

export function listStoredRoles(db: Db): (StoredRole | DamagedRole)[] {
  return db.prepare<[], RoleRow>('SELECT * FROM role_templates ORDER BY builtin DESC, rowid').all().map(toStoredRole);
}

export function getStoredRole(db: Db, id: string): StoredRole | DamagedRole | undefined {
  const row = db.prepare<[string], RoleRow>('SELECT * FROM role_templates WHERE id = ?').get(id);
  return row && toStoredRole(row);
}

/** The row checked like a role file: JSON columns first (to name the column), then the whole role. */
function toStoredRole(r: RoleRow): StoredRole | DamagedRole {
  const saved = { builtin: r.builtin === 1, source: r.source };
  const skills = readJsonColumn(RoleTemplate.shape.skills, 'skills_json', r.skills_json);
  if (isUnreadable(skills)) return { id: r.id, ...saved, ...skills };
  const keywords = readJsonColumn(RoleTemplate.shape.keywords, 'keywords_json', r.keywords_json);
  if (isUnreadable(keywords)) return { id: r.id, ...saved, ...keywords };
  const questions = readJsonColumn(RoleTemplate.shape.questions, 'questions_json', r.questions_json);
  if (isUnreadable(questions)) return { id: r.id, ...saved, ...questions };
  const problems =
    r.problems_json === null
      ? undefined
      : readJsonColumn(RoleTemplate.shape.problems, 'problems_json', r.problems_json);
  if (isUnreadable(problems)) return { id: r.id, ...saved, ...problems };
  const role = RoleTemplate.safeParse({ ...r, skills, keywords, questions, problems });
  if (!role.success) return { id: r.id, ...saved, unreadable: wrongShape('the saved role', role.error) };
  return { ...role.data, ...saved };
}
