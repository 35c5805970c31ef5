import type { Command } from 'commander';
import { PLAYERS } from '../model/voice-options.js';
import { lazyAction } from './lazy-action.js';
import { BASE_URL_HELP, providerOption } from './interview-flags.js';
import { modelName, oneOf } from './parsers.js';

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
    .option('--no-sound', 'do not play the short test tone (the player is then only looked for)')
    .option('--voice-input <wav>', 'check this file as the answers input instead of the microphone')
    .option(
      '--voice-output <player>',
      `check this player instead of the player setting: ${PLAYERS.join(', ')}, or file:<dir>`,
      oneOf(PLAYERS, true),
    )
    .addHelpText(
      'after',
      `
Marks: ✓ ready, ! works with a fallback or needs a look, ✗ missing (voice mode needs it).

The microphone is recorded for 1 s (nothing is kept) and its level shown; a microphone that
records only silence (muted, or macOS without permission) is flagged with the fix. A 0.3 s
tone is played through the player voice mode uses; --no-sound skips it.

Examples:
  $ interview-coach doctor
  $ interview-coach doctor --voice && interview-coach start --role backend --voice
  $ interview-coach doctor --base-url http://gpu-box:8000/v1 --model Qwen/Qwen2.5-7B-Instruct
  $ interview-coach doctor --no-sound --json | jq '.checks[] | select(.status != "ok")'
  $ interview-coach doctor --voice-input answers.wav --voice-output file:./spoken`,
    )
    .action(lazyAction(() => import('../app/handlers/doctor.js'), 'doctorCommand'));
}
