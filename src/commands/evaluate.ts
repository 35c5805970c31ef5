import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { BASE_URL_HELP, providerOption } from './interview-flags.js';
import { modelName, wholeNumber } from './parsers.js';

export function register(program: Command): void {
  program
    .command('evaluate <session>')
    .description('Evaluate (or re-evaluate) a saved session: `last` or any unique prefix of its id.')
    .option(
      '-m, --model <name>',
      "judge model on Ollama (default: the session's judge model, else config judgeModel, else the model that interviewed, else config model, else mistral)",
      modelName,
    )
    .option(
      '--samples <n>',
      'judge N times (1-9) at a low temperature: the median grade of each, with the spread shown (default 1)',
      wholeNumber(1, 9),
    )
    .option(
      '--host <url>',
      "Ollama host (default: the session's host, else config host, OLLAMA_HOST, http://127.0.0.1:11434)",
    )
    .addOption(providerOption())
    .option('--base-url <url>', BASE_URL_HELP)
    .option('--heuristic', 'no AI: observable facts per answer (length, examples, numbers, STAR, keywords, fillers)')
    .option('--list', 'grade nothing: list every evaluation attempt of the session (date, judge, host, result)')
    .option('--json', 'print the session with its new evaluation as JSON (with --list: the attempts)')
    .addHelpText(
      'after',
      `
The judge grades each rubric dimension 1-5 with a quote from your own words; the overall
0-100 score is computed from those grades. If the judge fails (Ollama down, invalid output
after 3 tries), the attempt is saved as failed and no score is given; an earlier result
stays the one that history, replay and stats show (they note the failed attempt).

A session remembers the host it ran on and its judge model (the one chosen at the start,
then the last one that graded it): evaluate goes there unless --host or --model says
otherwise, and says so on stderr when config names another.

Examples:
  $ interview-coach evaluate last
  $ interview-coach evaluate 3f9a --model llama3.1
  $ interview-coach evaluate last --base-url http://gpu-box:8000/v1 --model Qwen/Qwen2.5-32B-Instruct
  $ interview-coach evaluate 3f9a --heuristic
  $ interview-coach evaluate last --list
  $ interview-coach evaluate last --json | jq .evaluation.overallScore`,
    )
    .action(lazyAction(() => import('../app/handlers/evaluate.js'), 'evaluateCommand'));
}
