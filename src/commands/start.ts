import type { Command } from 'commander';
import { addInterviewFlags, addRoleFlags, addVoiceFlags } from './interview-flags.js';
import { lazyAction } from './lazy-action.js';

export function register(program: Command): void {
  const command = program
    .command('start')
    .description('Start a mock interview (an Ink TUI in a terminal; plain text when piped).')
    .configureHelp({ sortOptions: false });
  addRoleFlags(command);
  addInterviewFlags(command);
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
                       (/quit and /exit end it too; another /word is not sent: "unknown command")
  Ctrl-C           end the session now (saved as interrupted)
  Voice mode: speak your answer (or type it); Esc also stops the spoken question;
  Tab starts and stops recording with --push-to-talk. Check the setup with: interview-coach doctor

Piped (stdin or stdout not a terminal): questions and answers are printed as plain text on
stdout, then the evaluation; answers are read from stdin, one per paragraph (separated by a
blank line). A paragraph of just /skip or /end (/quit, /exit) works as in the TUI; the end
of stdin ends the interview (and it is evaluated like any other).

At the end the interview is evaluated: by the AI judge when the model is available, otherwise
with heuristic feedback (clearly labelled, no score).

The model runs on Ollama, or on an OpenAI-compatible server (vLLM, llama-server, LM Studio)
with --base-url; that server's API key is read from OPENAI_API_KEY (config apiKeyEnv names
another variable) and never saved.

Examples:
  $ interview-coach start --role backend
  $ interview-coach start --role system-design --difficulty hard --questions 3
  $ interview-coach start --role behavioral --offline
  $ interview-coach start --role-file ./my-role.yaml --model llama3.1
  $ interview-coach start --role backend --base-url http://gpu-box:8000/v1 --model Qwen/Qwen2.5-7B-Instruct
  $ OPENAI_API_KEY=sk-… interview-coach start --role backend --provider openai --base-url http://127.0.0.1:8080/v1 --model qwen2.5-7b
  $ printf 'First answer\\n\\nSecond answer\\n' | interview-coach start --role frontend > transcript.txt
  $ interview-coach start --role backend --json < answers.txt | jq .evaluation.overallScore
  $ interview-coach start --role behavioral --voice
  $ interview-coach start --role backend --voice --push-to-talk --piper-voice ~/voices/en_US-lessac-medium.onnx`,
    )
    .action(lazyAction(() => import('../app/handlers/start.js'), 'startCommand'));
}
