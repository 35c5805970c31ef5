import { Option, type Command } from 'commander';
import type { StartFlags } from '../app/start-options.js';
import { addVoiceFlags, type VoiceFlags } from '../app/voice-flags.js';

export function register(program: Command): void {
  const command = program
    .command('start')
    .description('Start a mock interview (an Ink TUI in a terminal; plain text when piped).')
    .option('-r, --role <role>', 'role to interview for (see `interview-coach roles`)')
    .option('--role-file <path>', 'use your own role from a JSON or YAML file')
    .addOption(new Option('-d, --difficulty <level>', 'easy, medium or hard (default: medium)'))
    .option('-q, --questions <n>', 'number of main questions, 1-20 (default: 5)')
    .option('-m, --model <name>', 'Ollama model for the interviewer (default: mistral)')
    .option('--host <url>', 'Ollama host (default: OLLAMA_HOST or http://127.0.0.1:11434)')
    .option('--offline', 'do not use Ollama: ask questions from the built-in question bank')
    .option('--no-evaluate', 'skip the evaluation at the end (run `interview-coach evaluate` later)')
    .option('--json', 'piped mode: print the whole session (transcript + evaluation) as one JSON document at the end')
    .configureHelp({ sortOptions: false });
  addVoiceFlags(command);
  command
    .addHelpText(
      'after',
      `
Keys in the interview:
  Enter            send your answer
  Ctrl-J, Alt-Enter  new line inside the answer (pasting several lines works too)
  Esc              stop the interviewer's reply while it is streaming
  /skip  /end  /help   type as your whole answer: skip the question, end the interview, show keys
  Ctrl-C           end the session now (saved as interrupted)
  Voice mode: speak your answer (or type it); Esc also stops the spoken question;
  Tab starts and stops recording with --push-to-talk. Check the setup with: interview-coach doctor

Piped (stdin or stdout not a terminal): questions and answers are printed as plain text on
stdout, then the evaluation; answers are read from stdin, one per paragraph (separated by a
blank line). A paragraph of just /skip or /end works as in the TUI; the end of stdin ends
the interview (and it is evaluated like any other).

At the end the interview is evaluated: by the AI judge when Ollama is available, otherwise
with heuristic feedback (clearly labelled, no score).

Examples:
  $ interview-coach start --role backend
  $ interview-coach start --role system-design --difficulty hard --questions 3
  $ interview-coach start --role behavioral --offline
  $ interview-coach start --role-file ./my-role.yaml --model llama3.1
  $ printf 'First answer\\n\\nSecond answer\\n' | interview-coach start --role frontend > transcript.txt
  $ interview-coach start --role backend --json < answers.txt | jq .evaluation.overallScore
  $ interview-coach start --role behavioral --voice
  $ interview-coach start --role backend --voice --push-to-talk --piper-voice ~/voices/en_US-lessac-medium.onnx`,
    )
    .action(async (flags: StartFlags & VoiceFlags) => {
      process.exitCode = await startCommand(flags);
    });
}

/** Validates everything, builds the dependencies, then runs the TUI or the plain printer. Returns the exit code. */
export async function startCommand(flags: StartFlags & VoiceFlags): Promise<number> {
  const { openSettings } = await import('../app/settings.js');
  const { resolveStartOptions } = await import('../app/start-options.js');
  const { resolveVoiceOptions } = await import('../app/voice-flags.js');
  const settings = openSettings().store;
  const options = {
    ...resolveStartOptions(flags, settings),
    voice: flags.voice ? resolveVoiceOptions(flags, settings) : null,
  };
  const { prepareInterview } = await import('../app/interview/prepare-interview.js');
  const { runPreparedInterview } = await import('../app/interview/run-interview.js');
  return runPreparedInterview(await prepareInterview(options));
}
