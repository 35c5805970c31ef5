import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/** Numbered, append-only. Never edit a migration that has shipped: add a new one. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'seed schema: sessions, transcripts, role_templates, evaluations',
    up(db) {
      db.exec(`
        CREATE TABLE role_templates (
          id             TEXT PRIMARY KEY,
          title          TEXT NOT NULL,
          description    TEXT NOT NULL,
          family         TEXT NOT NULL,
          difficulty     TEXT NOT NULL,
          skills_json    TEXT NOT NULL,
          keywords_json  TEXT NOT NULL,
          questions_json TEXT NOT NULL,
          builtin        INTEGER NOT NULL DEFAULT 1,
          source         TEXT,
          updated_at     TEXT NOT NULL
        );
        CREATE TABLE sessions (
          id                TEXT PRIMARY KEY,
          role_id           TEXT NOT NULL,
          role_title        TEXT NOT NULL,
          difficulty        TEXT NOT NULL,
          planned_questions INTEGER NOT NULL,
          plan_json         TEXT NOT NULL,
          model             TEXT,
          host              TEXT,
          input_mode        TEXT NOT NULL DEFAULT 'text' CHECK (input_mode IN ('text', 'voice')),
          interviewer       TEXT NOT NULL CHECK (interviewer IN ('ollama', 'question-bank')),
          offline_reason    TEXT,
          status            TEXT NOT NULL DEFAULT 'in_progress'
                            CHECK (status IN ('in_progress', 'completed', 'interrupted')),
          end_reason        TEXT,
          started_at        TEXT NOT NULL,
          ended_at          TEXT,
          duration_ms       INTEGER
        );
        CREATE INDEX sessions_started_at ON sessions (started_at DESC);
        CREATE TABLE transcripts (
          id              INTEGER PRIMARY KEY,
          session_id      TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
          seq             INTEGER NOT NULL,
          speaker         TEXT NOT NULL CHECK (speaker IN ('interviewer', 'candidate')),
          kind            TEXT NOT NULL,
          question_number INTEGER,
          content         TEXT NOT NULL,
          created_at      TEXT NOT NULL,
          duration_ms     INTEGER,
          cancelled       INTEGER NOT NULL DEFAULT 0,
          audio_url       TEXT,
          metrics_json    TEXT,
          UNIQUE (session_id, seq)
        );
        CREATE TABLE evaluations (
          id                    INTEGER PRIMARY KEY,
          session_id            TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
          kind                  TEXT NOT NULL CHECK (kind IN ('ai', 'heuristic')),
          status                TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
          overall_score         INTEGER,
          dimension_scores_json TEXT,
          strengths_json        TEXT,
          areas_json            TEXT,
          per_answer_json       TEXT,
          detailed_feedback     TEXT,
          error                 TEXT,
          model                 TEXT,
          created_at            TEXT NOT NULL
        );
        CREATE INDEX evaluations_session ON evaluations (session_id, created_at DESC);
      `);
    },
  },
  {
    version: 2,
    name: 'evaluations: rubric, attempts, duration, evidence note',
    up(db) {
      db.exec(`
        ALTER TABLE evaluations ADD COLUMN rubric TEXT;
        ALTER TABLE evaluations ADD COLUMN attempts INTEGER;
        ALTER TABLE evaluations ADD COLUMN duration_ms INTEGER;
        ALTER TABLE evaluations ADD COLUMN evidence_note TEXT;
      `);
    },
  },
  {
    version: 3,
    name: 'full-text search over transcripts, session pid and retry link, history indexes',
    up(db) {
      db.exec(`
        ALTER TABLE sessions ADD COLUMN pid INTEGER;
        ALTER TABLE sessions ADD COLUMN retry_of TEXT REFERENCES sessions (id) ON DELETE SET NULL;
        ALTER TABLE sessions ADD COLUMN retry_question INTEGER;
        CREATE INDEX sessions_role_started ON sessions (role_id, started_at DESC);
        CREATE VIRTUAL TABLE transcripts_fts USING fts5 (content, content = 'transcripts', content_rowid = 'id', tokenize = 'porter unicode61');
        INSERT INTO transcripts_fts (rowid, content) SELECT id, content FROM transcripts;
        CREATE TRIGGER transcripts_fts_insert AFTER INSERT ON transcripts BEGIN
          INSERT INTO transcripts_fts (rowid, content) VALUES (new.id, new.content);
        END;
        CREATE TRIGGER transcripts_fts_delete AFTER DELETE ON transcripts BEGIN
          INSERT INTO transcripts_fts (transcripts_fts, rowid, content) VALUES ('delete', old.id, old.content);
        END;
        CREATE TRIGGER transcripts_fts_update AFTER UPDATE OF content ON transcripts BEGIN
          INSERT INTO transcripts_fts (transcripts_fts, rowid, content) VALUES ('delete', old.id, old.content);
          INSERT INTO transcripts_fts (rowid, content) VALUES (new.id, new.content);
        END;
      `);
    },
  },
  {
    version: 4,
    name: 'calls log (llm_calls) and who asked each interviewer turn',
    up(db) {
      db.exec(`
        CREATE TABLE llm_calls (
          id             INTEGER PRIMARY KEY,
          session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
          purpose        TEXT NOT NULL CHECK (purpose IN ('interviewer', 'judge', 'warm-up')),
          attempt        INTEGER NOT NULL DEFAULT 1,
          model          TEXT NOT NULL,
          host           TEXT NOT NULL,
          options_json   TEXT NOT NULL,
          messages_json  TEXT NOT NULL,
          reply          TEXT NOT NULL,
          thinking       TEXT NOT NULL DEFAULT '',
          done_reason    TEXT,
          prompt_tokens  INTEGER,
          output_tokens  INTEGER,
          load_ms        INTEGER,
          prompt_ms      INTEGER,
          eval_ms        INTEGER,
          total_ms       INTEGER NOT NULL,
          near_context_limit INTEGER NOT NULL DEFAULT 0,
          error          TEXT,
          started_at     TEXT NOT NULL
        );
        CREATE INDEX llm_calls_session ON llm_calls (session_id, id);
        ALTER TABLE transcripts ADD COLUMN asked_by TEXT CHECK (asked_by IN ('model', 'app', 'model+app'));
      `);
    },
  },
  {
    version: 5,
    name: "selftest runs: figures of a model as interviewer and judge, with the models' digests",
    up(db) {
      db.exec(`
        CREATE TABLE selftest_runs (
          id           INTEGER PRIMARY KEY,
          created_at   TEXT NOT NULL,
          model        TEXT NOT NULL,
          model_digest TEXT,
          judge_model  TEXT NOT NULL,
          judge_digest TEXT,
          num_ctx      INTEGER,
          result_json  TEXT NOT NULL,
          verdict      TEXT NOT NULL
        );
        CREATE INDEX selftest_runs_models ON selftest_runs (model, judge_model, id DESC);
      `);
    },
  },
  {
    version: 6,
    name: 'sessions: paused_ms, the time between an interruption and its resume (not practice time)',
    up(db) {
      db.exec(`ALTER TABLE sessions ADD COLUMN paused_ms INTEGER NOT NULL DEFAULT 0;`);
    },
  },
  {
    version: 7,
    name: "sessions: the owner process's start time and host, so a reused pid is not taken for a live session",
    up(db) {
      db.exec(`
        ALTER TABLE sessions ADD COLUMN process_start TEXT;
        ALTER TABLE sessions ADD COLUMN hostname TEXT;
      `);
    },
  },
  {
    version: 8,
    name: 'sessions remember their judge model; each evaluation its host and samples',
    up(db) {
      db.exec(`
        ALTER TABLE sessions ADD COLUMN judge_model TEXT;
        ALTER TABLE evaluations ADD COLUMN host TEXT;
        ALTER TABLE evaluations ADD COLUMN samples INTEGER;
        -- A session graded before: the model of its latest successful AI evaluation is its judge.
        UPDATE sessions SET judge_model = (
          SELECT e.model FROM evaluations e
           WHERE e.session_id = sessions.id AND e.kind = 'ai' AND e.status = 'ok' AND e.model IS NOT NULL
           ORDER BY e.id DESC LIMIT 1);
      `);
    },
  },
  {
    version: 9,
    name: 'sessions keep the job description and résumé they were grounded in; the calls log takes derive-questions',
    up(db) {
      db.exec(`
        -- Title and sha256 always; the text unless the session was started with --no-store.
        ALTER TABLE sessions ADD COLUMN jd_title TEXT;
        ALTER TABLE sessions ADD COLUMN jd_sha256 TEXT;
        ALTER TABLE sessions ADD COLUMN jd_text TEXT;
        ALTER TABLE sessions ADD COLUMN resume_title TEXT;
        ALTER TABLE sessions ADD COLUMN resume_sha256 TEXT;
        ALTER TABLE sessions ADD COLUMN resume_text TEXT;
        -- What the model read in them: {requirements, claims} (null with --no-store).
        ALTER TABLE sessions ADD COLUMN grounding_json TEXT;
        -- A CHECK cannot be altered: the calls log is copied into a table that allows the new purpose.
        CREATE TABLE llm_calls_v9 (
          id             INTEGER PRIMARY KEY,
          session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
          purpose        TEXT NOT NULL CHECK (purpose IN ('interviewer', 'judge', 'warm-up', 'derive-questions')),
          attempt        INTEGER NOT NULL DEFAULT 1,
          model          TEXT NOT NULL,
          host           TEXT NOT NULL,
          options_json   TEXT NOT NULL,
          messages_json  TEXT NOT NULL,
          reply          TEXT NOT NULL,
          thinking       TEXT NOT NULL DEFAULT '',
          done_reason    TEXT,
          prompt_tokens  INTEGER,
          output_tokens  INTEGER,
          load_ms        INTEGER,
          prompt_ms      INTEGER,
          eval_ms        INTEGER,
          total_ms       INTEGER NOT NULL,
          near_context_limit INTEGER NOT NULL DEFAULT 0,
          error          TEXT,
          started_at     TEXT NOT NULL
        );
        INSERT INTO llm_calls_v9 (id, session_id, purpose, attempt, model, host, options_json, messages_json, reply,
                                  thinking, done_reason, prompt_tokens, output_tokens, load_ms, prompt_ms, eval_ms,
                                  total_ms, near_context_limit, error, started_at)
          SELECT id, session_id, purpose, attempt, model, host, options_json, messages_json, reply,
                 thinking, done_reason, prompt_tokens, output_tokens, load_ms, prompt_ms, eval_ms,
                 total_ms, near_context_limit, error, started_at
            FROM llm_calls;
        DROP TABLE llm_calls;
        ALTER TABLE llm_calls_v9 RENAME TO llm_calls;
        CREATE INDEX llm_calls_session ON llm_calls (session_id, id);
      `);
    },
  },
  {
    version: 10,
    name: 'deep system-design round: the session keeps its problem and phase budgets; roles keep their design problems',
    up(db) {
      db.exec(`
        ALTER TABLE sessions ADD COLUMN round_json TEXT;
        ALTER TABLE role_templates ADD COLUMN problems_json TEXT;
      `);
    },
  },
];

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
