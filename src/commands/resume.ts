import type { Command } from 'commander';
import { addInterviewFlags } from './interview-flags.js';
import { lazyAction } from './lazy-action.js';

export function register(program: Command): void {
  addInterviewFlags(
    program
      .command('resume <session>')
      .description('Continue an interrupted session where it stopped: same role, same planned questions.'),
  )
    .addHelpText(
      'after',
      `
The saved turns are shown again, then the interview goes on from the question that was
waiting for an answer (or with the interviewer's reply to your last answer). A session that
was killed (kill -9, a crash, a closed terminal) counts as interrupted.

Examples:
  $ interview-coach resume last
  $ interview-coach resume 3f9a
  $ printf 'my answer\\n' | interview-coach resume 3f9a --offline`,
    )
    .action(lazyAction(() => import('../app/handlers/resume.js'), 'resumeCommand'));
}
