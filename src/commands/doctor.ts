import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { BASE_URL_HELP, providerOption } from './interview-flags.js';
import { modelName } from './parsers.js';

export function register(program: Command): void {
  program
    .command('doctor')
    .description(
      'Check everything interviews need (Ollama, microphone, speech engines, playback) and how to fix what is missing.',
    )
    .option('--json', 'print the checks as JSON')
    .option('--voice', 'exit 1 unless voice mode is ready')
    .option('-m, --model <name>', 'the model to look for', modelName)
    .option('--host <url>', 'the Ollama host to check')
    .addOption(providerOption())
    .option('--base-url <url>', BASE_URL_HELP)
    .addHelpText(
      'after',
      `
Marks: ✓ ready, ! works with a fallback, ✗ missing (voice mode needs it).

Examples:
  $ interview-coach doctor
  $ interview-coach doctor --voice && interview-coach start --role backend --voice
  $ interview-coach doctor --base-url http://gpu-box:8000/v1 --model Qwen/Qwen2.5-7B-Instruct
  $ interview-coach doctor --json | jq '.checks[] | select(.status != "ok")'`,
    )
    .action(lazyAction(() => import('../app/handlers/doctor.js'), 'doctorCommand'));
}
