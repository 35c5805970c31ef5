import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const handlers = () => import('../app/handlers/voice.js');

export function register(program: Command): void {
  const voice = program
    .command('voice')
    .description('Install or remove the speech engines voice mode uses (faster-whisper and Piper).')
    .addHelpText(
      'after',
      `
Examples:
  $ interview-coach voice setup
  $ interview-coach voice remove`,
    );

  voice
    .command('setup')
    .description(
      'create a private Python environment under the data folder, install faster-whisper and piper-tts into it, download a Whisper model and a Piper voice, and point the settings at them',
    )
    .option(
      '--python <command>',
      'the Python 3.9+ that builds the environment (default: the python setting, else python3)',
    )
    .option('--model <name>', 'the Whisper model to download (default base.en)')
    .option('--voice <name>', 'the Piper voice to download (default en_US-lessac-medium)')
    .option('--force', 'redo every step, even those already done')
    .option('--verbose', "show every line of pip's and the downloads' output")
    .option('--json', 'print the steps and the saved settings as JSON on stdout')
    .addHelpText(
      'after',
      `
Everything goes into <data>/voice (\`interview-coach data path --json\` shows <data>): the
environment (venv/), the model (models/), the voice (piper/) and the last run's full output
(setup.log). The first run needs internet once (about 350 MB); nothing is downloaded during an
interview. A second run checks each step and skips what is complete; a stopped run (Ctrl-C)
leaves your settings unchanged and carries on next time. The settings python, sttModel, piper
and piperVoice are saved only at the end, when every step succeeded.

Progress goes to stderr. Exit 0 when set up, 1 when a step failed (with the fix), 2 for a bad
flag, 130 when stopped.

JSON: root, steps[] {step ("python" | "venv" | "packages" | "model" | "voice"), status ("done"
| "skipped"), detail}, settings {python, sttModel, piper, piperVoice}, log.

Examples:
  $ interview-coach voice setup
  $ interview-coach voice setup --model small.en --voice en_GB-alan-medium
  $ interview-coach voice setup --python python3.12 --force
  $ interview-coach voice setup --json | jq .settings`,
    )
    .action(lazyAction(handlers, 'voiceSetup'));

  voice
    .command('remove')
    .description('delete what `voice setup` installed and reset the settings that point at it')
    .addHelpText(
      'after',
      `
Deletes <data>/voice and resets python, sttModel, piper and piperVoice where they point into it
(settings you set to something else are kept). Your interviews and their audio are not touched.

Examples:
  $ interview-coach voice remove`,
    )
    .action(lazyAction(handlers, 'voiceRemove'));
}
