import type { Command } from 'commander';

/** Flags shared by every command that runs an interview (start, resume, retry). */
export function addInterviewFlags(command: Command): Command {
  return command
    .option('-m, --model <name>', "Ollama model for the interviewer (default: the session's, config, or mistral)")
    .option('--host <url>', 'Ollama host (default: config, OLLAMA_HOST, or http://127.0.0.1:11434)')
    .option('--offline', 'do not use Ollama: question bank only')
    .option('--no-evaluate', 'skip the evaluation at the end')
    .option('--json', 'piped mode: print the session as one JSON document at the end');
}

export interface InterviewFlags {
  model?: string;
  host?: string;
  offline?: boolean;
  evaluate?: boolean;
  json?: boolean;
}
