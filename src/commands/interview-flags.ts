import { Option, type Command } from 'commander';
import { DIFFICULTIES } from '../model/difficulty.js';
import { INTERVIEW_FORMATS } from '../model/design-round.js';
import { PLAYERS } from '../model/voice-options.js';
import { PROVIDERS } from '../app/setting-keys.js';
import { modelName, oneOf, wholeNumber } from './parsers.js';

/** Flags shared by every command that runs an interview: start, resume and retry. */
export function addInterviewFlags(command: Command): Command {
  return command
    .option(
      '-m, --model <name>',
      "Ollama model for the interviewer (default: the session's for resume/retry, config, or mistral)",
      modelName,
    )
    .option(
      '--judge-model <name>',
      "Ollama model that grades the interview at the end (default: the session's for resume/retry, config judgeModel, or the interviewer model)",
      modelName,
    )
    .option(
      '--samples <n>',
      'judge each part N times (1-9) and keep the median grade with its spread (default 1)',
      wholeNumber(1, 9),
    )
    .option(
      '--host <url>',
      "Ollama host (default: the session's for resume/retry, config, OLLAMA_HOST, or http://127.0.0.1:11434)",
    )
    .addOption(providerOption())
    .option('--base-url <url>', BASE_URL_HELP)
    .option('--offline', 'do not use a model: questions from the built-in question bank, no follow-ups')
    .option('--no-evaluate', 'skip the evaluation at the end (run `interview-coach evaluate` later)')
    .option('--json', 'piped mode: print the whole session (transcript + evaluation) as one JSON document at the end')
    .option('--verbose', "say when a prompt nears the model's context window; with --voice, the latency of each turn");
}

const PROVIDER_HELP =
  "where the model runs: ollama, or openai for an OpenAI-compatible server such as vLLM, llama-server or LM Studio (default: the session's for resume/retry, config provider, or ollama)";
export const BASE_URL_HELP =
  "OpenAI-compatible server base URL, implies --provider openai (default: the session's, config baseUrl, OPENAI_BASE_URL, or http://127.0.0.1:8000/v1); its API key is read from OPENAI_API_KEY (config apiKeyEnv names another variable), never saved";

/** --provider ollama|openai, shared by every command that talks to a model. */
export function providerOption(): Option {
  return new Option('--provider <name>', PROVIDER_HELP).choices(PROVIDERS);
}

/** What `start` adds: the role, its difficulty and length. */
export function addRoleFlags(command: Command): Command {
  return command
    .option('-r, --role <role>', 'role to interview for (see `interview-coach roles`)')
    .option('--role-file <path>', 'use your own role from a JSON or YAML file')
    .addOption(new Option('-d, --difficulty <level>', 'how hard (default: config, or medium)').choices(DIFFICULTIES))
    .option('-q, --questions <n>', 'number of main questions (default: config, or 5)', wholeNumber(1, 20))
    .addOption(
      new Option(
        '--format <format>',
        'questions: several questions (default); deep: one system-design problem worked through in timed phases',
      ).choices(INTERVIEW_FORMATS),
    )
    .option('--problem <id>', 'deep round: the design problem, e.g. chat (default: one not done lately)')
    .option('--minutes <n>', 'deep round: its length, shared among the phases (default 45)', wholeNumber(10, 180));
}

/** What `start` adds to ground the interview: a job description and a résumé. */
export function addGroundingFlags(command: Command): Command {
  return command
    .option(
      '--jd <file>',
      'job description (text, Markdown or PDF): some questions probe its requirements, and the judge grades against them',
    )
    .option('--resume <file>', 'your résumé (text, Markdown or PDF): some questions probe its claims')
    .option('--no-store', 'keep only the title and sha256 of --jd/--resume with the session, not their text');
}

export function addVoiceFlags(command: Command): Command {
  return command
    .option(
      '--voice',
      'speak and listen: questions are spoken, your spoken answers transcribed (see `interview-coach doctor`)',
    )
    .option('--push-to-talk', 'voice: Tab starts and stops recording instead of detecting the end of your answer')
    .option(
      '--barge-in',
      'voice: speaking while the interviewer talks stops it and starts your answer (use headphones; config bargeIn)',
    )
    .option('--no-barge-in', 'voice: the interviewer always finishes (overrides config bargeIn on)')
    .option(
      '--voice-input <wav>',
      'voice: read answers from a WAV file instead of the microphone (answers separated by silence)',
    )
    .option(
      '--voice-output <player>',
      `voice: ${PLAYERS.join(', ')}, or file:<dir> to save instead of playing`,
      oneOf(PLAYERS, true),
    )
    .option('--stt-model <name>', 'voice: Whisper model name or folder (default base.en)')
    .option('--piper-voice <onnx>', 'voice: Piper voice model (.onnx with its .onnx.json)')
    .option('--silence-ms <ms>', 'voice: trailing silence that ends an answer (default 1500)', wholeNumber(200, 5000))
    .option(
      '--grace-ms <ms>',
      'voice: after that, speech resuming within this long joins the same answer; 0 = off (default 2000)',
      wholeNumber(0, 10000),
    );
}
