/** The settings a person can save with `interview-coach config set` (kept free of heavy imports for --help). */
export const SETTING_HELP = {
  model: 'Ollama model for the interviewer (default mistral)',
  host: 'Ollama host (default http://127.0.0.1:11434)',
  role: 'role used when --role is not given',
  difficulty: 'easy | medium | hard (default medium)',
  questions: 'main questions per interview, 1-20 (default 5)',
} as const;
