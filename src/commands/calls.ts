import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

export function register(program: Command): void {
  program
    .command('calls <session>')
    .description('Show every call made to the model in a session: what was sent, the options, and the raw reply.')
    .option('--full', 'every message sent, all the options and the thinking (default: the last message and the reply)')
    .option('--json', 'print the calls as JSON (shape below)')
    .addHelpText(
      'after',
      `
<session> is \`last\` or any unique prefix of a session id (see \`interview-coach history\`).
One block per call, in order: purpose (warm-up, derive-questions, interviewer, judge), attempt, model and host,
the options that matter (num_ctx, num_predict, temperature, think, keep_alive, stop, format),
tokens in and out, Ollama's load, prompt and eval times and the total, done reason,
"near context limit" when the prompt came within num_predict tokens of num_ctx, the error;
then the last message sent (the instruction) and the reply exactly as the model wrote it
(control sequences stripped). Each text is stored up to 64 KB and says where it was cut.

JSON: an array of calls, in order (fields are only ever added):
  {id, sessionId, purpose ("warm-up" | "derive-questions" | "interviewer" | "judge"), attempt (1, then retries),
   model, host, startedAt (ISO 8601 UTC), options (everything sent besides the messages, as
   sent: think, keep_alive, format, Ollama's options {num_ctx, num_predict, ...}), messages[]
   {role, content}, reply and thinking (the model's output before any trimming, cleaned of
   control sequences when saved), doneReason ("stop" | "length" | ...
   | null), promptTokens, outputTokens, loadMs, promptMs, evalMs (Ollama's own, in ms; null
   when not reported), totalMs (measured by the app), nearContextLimit, error (null on success)}
  Damaged saved data is never guessed at: options or messages read {unreadable: "<reason>"}.
  A message of role "cut" stands for older messages left out to keep a call under 64 KB.

Examples:
  $ interview-coach calls last
  $ interview-coach calls 3f9a --full | less
  $ interview-coach calls last --json | jq '.[] | {purpose, promptTokens, totalMs}'`,
    )
    .action(lazyAction(() => import('../app/handlers/calls.js'), 'callsCommand'));
}
