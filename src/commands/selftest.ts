import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { BASE_URL_HELP, providerOption } from './interview-flags.js';
import { modelName, wholeNumber } from './parsers.js';

export function register(program: Command): void {
  program
    .command('selftest')
    .description('Measure your own models on your own Ollama: how well they judge answers and run an interview.')
    .option('-m, --model <name>', 'interviewer model (default: config, else mistral)', modelName)
    .option('--judge-model <name>', 'judge model (default: config judgeModel, or the interviewer model)', modelName)
    .option('--host <url>', 'Ollama host (default: config, OLLAMA_HOST, http://127.0.0.1:11434)')
    .addOption(providerOption())
    .option('--base-url <url>', BASE_URL_HELP)
    .option('--runs <n>', 'how many times each calibration answer is judged (1-10, default 3)', wholeNumber(1, 10))
    .option('--json', 'print the figures and the verdict as one JSON object')
    .addHelpText(
      'after',
      `
Three parts, with answers shipped in the package:
  A. the judge grades answers written at levels 1-5 (and adversarial twists: padding,
     confident nonsense, injections) and is compared with grades set by hand;
  B. the interviewer runs a short interview against a scripted candidate;
  C. the interviewer model plays a strong, an average and a weak candidate, and the
     judge must rank them in that order.
Each figure is printed with its threshold, then a verdict: "usable", "usable with care"
or "not recommended as judge". A default run makes about 142 model calls (102 of them
judge calls): minutes with a GPU, an hour or more on a CPU; --runs 1 is a third as long.
Results are stored with each model's digest; the next run says what changed.

Examples:
  $ interview-coach selftest
  $ interview-coach selftest --model llama3.1 --judge-model qwen2.5:14b
  $ interview-coach selftest --runs 1
  $ interview-coach selftest --base-url http://gpu-box:8000/v1 --model Qwen/Qwen2.5-7B-Instruct
  $ interview-coach selftest --json | jq .judge.orderAccuracy`,
    )
    .action(lazyAction(() => import('../app/handlers/selftest.js'), 'selftestCommand'));
}
