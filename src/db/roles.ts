import type { RoleTemplate } from '../model/role.js';
import type { Db } from './open.js';

interface RoleRow {
  id: string;
  title: string;
  description: string;
  family: string;
  difficulty: string;
  skills_json: string;
  keywords_json: string;
  questions_json: string;
  builtin: number;
  source: string | null;
}

/** Writes roles into role_templates (built-ins on every start, so edits to the code reach old databases). */
export function upsertRoles(db: Db, roles: RoleTemplate[], builtin: boolean, source: string | null = null): void {
  const stmt = db.prepare(
    `INSERT INTO role_templates (id, title, description, family, difficulty, skills_json, keywords_json, questions_json, builtin, source, updated_at)
     VALUES (@id, @title, @description, @family, @difficulty, @skills, @keywords, @questions, @builtin, @source, @now)
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, family = excluded.family,
       difficulty = excluded.difficulty, skills_json = excluded.skills_json, keywords_json = excluded.keywords_json,
       questions_json = excluded.questions_json, builtin = excluded.builtin, source = excluded.source, updated_at = excluded.updated_at`,
  );
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const r of roles) {
      stmt.run({
        id: r.id,
        title: r.title,
        description: r.description,
        family: r.family,
        difficulty: r.difficulty,
        skills: JSON.stringify(r.skills),
        keywords: JSON.stringify(r.keywords),
        questions: JSON.stringify(r.questions),
        builtin: builtin ? 1 : 0,
        source,
        now,
      });
    }
  })();
}

export interface StoredRole extends RoleTemplate {
  builtin: boolean;
  source: string | null;
}

export function listStoredRoles(db: Db): StoredRole[] {
  const rows = db.prepare('SELECT * FROM role_templates ORDER BY builtin DESC, rowid').all() as RoleRow[];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    family: r.family as RoleTemplate['family'],
    difficulty: r.difficulty as RoleTemplate['difficulty'],
    skills: JSON.parse(r.skills_json),
    keywords: JSON.parse(r.keywords_json),
    questions: JSON.parse(r.questions_json),
    builtin: r.builtin === 1,
    source: r.source,
  }));
}

export function getStoredRole(db: Db, id: string): StoredRole | undefined {
  return listStoredRoles(db).find((r) => r.id === id);
}
