import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { speedFactor } from './parsers.js';

export function register(program: Command): void {
  program
    .command('replay <session>')
    .description("Step through a past session turn by turn, with each answer's feedback and the evaluation at the end.")
    .option(
      '-s, --speed <factor>',
      'auto-advance with the original pacing divided by <factor> (each gap capped at 10 s); keys still work',
      speedFactor,
    )
    .addHelpText(
      'after',
      `
<session> is \`last\` or any unique prefix of a session id (see \`interview-coach history\`).

Keys: → space j (next) · ← k (back) · Home/End (first turn / evaluation) · p (pause/play with
--speed) · a (play the answer's recorded audio, voice sessions) · q Esc Ctrl-C (quit).

When stdout is not a terminal, the whole session is printed as Markdown instead (the same
as \`export --format md\`), so it can be redirected to a file.

Examples:
  $ interview-coach replay last
  $ interview-coach replay 3f9a --speed 2
  $ interview-coach replay 3f9a > interview.md`,
    )
    .action(lazyAction(() => import('../app/handlers/replay.js'), 'replayCommand'));
}
