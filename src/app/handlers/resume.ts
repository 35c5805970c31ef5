import { openDatabase } from '../../db/open.js';
import { effectiveStatus } from '../../db/sessions.js';
import { databasePath } from '../../shared/paths.js';
import { UsageError } from '../../shared/errors.js';
import { openSettings } from '../settings.js';
import { resolveLlmTarget, type StartOptions } from '../start-options.js';
import type { Difficulty } from '../../model/role.js';
import type { InterviewFlags } from '../../commands/interview-flags.js';
import { prepareInterview } from '../interview/prepare-interview.js';
import { runPreparedInterview } from '../interview/run-interview.js';
import { resolveSession, sessionRole } from '../resolve-session.js';

export async function resumeCommand(ref: string, flags: InterviewFlags): Promise<number> {
  const db = openDatabase(databasePath());
  let handedOver = false;
  try {
    const session = resolveSession(db, ref);
    const short = session.id.slice(0, 8);
    const status = effectiveStatus(session);
    if (status === 'completed') {
      throw new UsageError(
        `Session ${short} is already completed.`,
        `Answer one of its questions again with: interview-coach retry ${short} --question 1`,
      );
    }
    if (status === 'in_progress') throw new UsageError(`Session ${short} is still running (process ${session.pid}).`);
    const role = await sessionRole(db, session);
    const target = resolveLlmTarget(
      flags,
      openSettings().store,
      process.env,
      session.interviewer === 'ollama' ? session.model : null,
    );
    const options: StartOptions = {
      role: role.id,
      roleFile: null,
      difficulty: session.difficulty as Difficulty,
      questions: session.planned_questions,
      ...target,
      offline: Boolean(flags.offline),
      evaluate: flags.evaluate !== false,
      json: Boolean(flags.json),
    };
    const prepared = await prepareInterview(options, { db, role, interview: { resumeSessionId: session.id } });
    handedOver = true;
    return await runPreparedInterview(prepared);
  } finally {
    if (!handedOver) db.close();
  }
}
