import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { modelName, wholeNumber } from './parsers.js';

export function register(program: Command): void {
  program
    .command('evaluate <session>')
    .description('Evaluate (or re-evaluate) a saved session: `last` or any unique prefix of its id.')
    .option(
      '-m, --model <name>',
      'judge model on Ollama (default: config judgeModel, else the model that interviewed, else config model, else mistral)',
      modelName,
    )
    .option(
      '--samples <n>',
      'judge N times (1-9) at a low temperature: the median grade of each, with the spread shown (default 1)',
      wholeNumber(1, 9),
    )
    .option('--host <url>', 'Ollama host (default: config, OLLAMA_HOST, http://127.0.0.1:11434)')
    .option('--heuristic', 'no AI: observable facts per answer (length, examples, numbers, STAR, keywords, fillers)')
    .option('--json', 'print the session with its new evaluation as JSON')
    .addHelpText(
      'after',
      `
The judge grades each rubric dimension 1-5 with a quote from your own words; the overall
0-100 score is computed from those grades. If the judge fails (Ollama down, invalid output
after 3 tries), the evaluation is saved as failed and no score is shown.

Examples:
  $ interview-coach evaluate last
  $ interview-coach evaluate 3f9a --model llama3.1
  $ interview-coach evaluate 3f9a --heuristic
  $ interview-coach evaluate last --json | jq .evaluation.overallScore`,
    )
    .action(lazyAction(() => import('../app/handlers/evaluate.js'), 'evaluateCommand'));
}
