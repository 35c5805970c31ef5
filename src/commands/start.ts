import type { Command } from 'commander';
import { addGroundingFlags, addInterviewFlags, addRoleFlags, addVoiceFlags } from './interview-flags.js';
import { lazyAction } from './lazy-action.js';

export function register(program: Command): void {
  const command = program
    .command('start')
    .description('Start a mock interview (an Ink TUI in a terminal; plain text when piped).')
    .configureHelp({ sortOptions: false });
  addRoleFlags(command);
  addGroundingFlags(command);
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
  Tab starts and stops recording with --push-to-talk; with --barge-in (headphones advised),
  speaking stops the interviewer. Check the setup with: interview-coach doctor

Piped (stdin or stdout not a terminal): questions and answers are printed as plain text on
stdout, then the evaluation; answers are read from stdin, one per paragraph (separated by a
blank line). A paragraph of just /skip or /end (/quit, /exit) works as in the TUI; the end
of stdin ends the interview (and it is evaluated like any other).

With --jd and/or --resume, the model reads the documents once at the start: up to half the
questions probe the job's requirements and your résumé's claims (each checked: one question,
no repeats, within the role), the rest come from the role's pool. Text, Markdown or PDF (a
scanned PDF without text is refused); files up to 200 KB of text or 5 MB of PDF, and the first
20,000 characters are used. The session keeps each document's title, sha256 and text (with
--no-store: only the title and sha256). Offline, the questions come from the pool.

The deep round (--format deep): one design problem in six timed phases (requirements and
clarifying questions 5 min, estimates 5, API and data model 8, high-level design 12, deep
dive 10, bottlenecks and trade-offs 5; --minutes scales them). Ask a clarifying question
("What's the read/write ratio?") and the interviewer states assumptions from the problem's
facts. Problems: url-shortener, news-feed, chat, rate-limiter, ride-hailing.

At the end the interview is evaluated: by the AI judge when the model is available, otherwise
with heuristic feedback (clearly labelled, no score).

The model runs on Ollama, or on an OpenAI-compatible server (vLLM, llama-server, LM Studio)
with --base-url; that server's API key is read from OPENAI_API_KEY (config apiKeyEnv names
another variable) and never saved.

Examples:
  $ interview-coach start --role backend
  $ interview-coach start --role system-design --difficulty hard --questions 3
  $ interview-coach start --role system-design --format deep
  $ interview-coach start --role system-design --format deep --problem rate-limiter --minutes 60
  $ interview-coach start --role behavioral --offline
  $ interview-coach start --role-file ./my-role.yaml --model llama3.1
  $ interview-coach start --role backend --base-url http://gpu-box:8000/v1 --model Qwen/Qwen2.5-7B-Instruct
  $ OPENAI_API_KEY=sk-… interview-coach start --role backend --provider openai --base-url http://127.0.0.1:8080/v1 --model qwen2.5-7b
  $ printf 'First answer\\n\\nSecond answer\\n' | interview-coach start --role frontend > transcript.txt
  $ interview-coach start --role backend --json < answers.txt | jq .evaluation.overallScore
  $ interview-coach start --role backend --jd job.md --resume cv.pdf
  $ interview-coach start --role engineering-manager --resume cv.pdf --no-store
  $ interview-coach start --role behavioral --voice
  $ interview-coach start --role behavioral --voice --barge-in
  $ interview-coach start --role behavioral --voice --silence-ms 2000 --grace-ms 3000   # long thinking pauses
  $ interview-coach start --role backend --voice --push-to-talk --piper-voice ~/voices/en_US-lessac-medium.onnx`,
    )
    .action(lazyAction(() => import('../app/handlers/start.js'), 'startCommand'));
}
