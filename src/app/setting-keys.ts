/** The settings a person can save with `interview-coach config set` (kept free of heavy imports for --help). */
export const SETTING_HELP = {
  model: 'Ollama model for the interviewer (default mistral)',
  judgeModel: 'Ollama model that grades the interview (default: the interviewer model)',
  host: 'Ollama host (default http://127.0.0.1:11434)',
  keepAlive:
    'how long Ollama keeps the model loaded after each call: 30m, 1h, 3600 (seconds), -1 = always (default 30m)',
  llmTimeoutSec:
    "seconds to wait for the model's first token, model load included, 1-3600 (default 120); between tokens half of it, a whole call at most 10 times it",
  role: 'role used when --role is not given',
  difficulty: 'easy | medium | hard (default medium)',
  questions: 'main questions per interview, 1-20 (default 5)',
  python: 'voice: Python that has faster-whisper (default python3)',
  sttModel: 'voice: Whisper model name or local model folder (default base.en)',
  sttDevice: 'voice: cpu | cuda | auto (default cpu)',
  sttComputeType: 'voice: CTranslate2 compute type (default int8; int8 is right on CPU)',
  language: 'voice: language spoken in answers (default en)',
  piper: 'voice: Piper command or path (default piper)',
  piperVoice: 'voice: Piper voice model, a .onnx file with its .onnx.json beside it',
  silenceMs: 'voice: trailing silence that ends a spoken answer, ms (default 700)',
  maxAnswerSec: 'voice: longest spoken answer, seconds (default 180)',
  player: 'voice: auto | aplay | play | afplay | ffplay | speaker (default auto)',
} as const;
