import type { Command } from 'commander';
import { addInterviewFlags } from './interview-flags.js';
import { lazyAction } from './lazy-action.js';

export function register(program: Command): void {
  addInterviewFlags(
    program
      .command('resume <session>')
      .description('Continue an interrupted session where it stopped: same role, same planned questions.'),
  )
    .option(
      '--force',
      'take over a session that looks alive (its process runs, or it ran on another machine); warns first',
    )
    .addHelpText(
      'after',
      `
The saved turns are shown again, then the interview goes on from the question that was
waiting for an answer (or with the interviewer's reply to your last answer). A session that
was killed (kill -9, a crash, a closed terminal) counts as interrupted. A session counts as
still running while its process runs on this machine (same pid, same start time), or when it
ran on another machine (the database on a shared disk): --force takes it over anyway.

Examples:
  $ interview-coach resume last
  $ interview-coach resume 3f9a
  $ printf 'my answer\\n' | interview-coach resume 3f9a --offline`,
    )
    .action(lazyAction(() => import('../app/handlers/resume.js'), 'resumeCommand'));
}
