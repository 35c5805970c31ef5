import { openDatabase } from '../../db/open.js';
import { effectiveStatus } from '../../db/session-status.js';
import { databasePath } from '../../shared/paths.js';
import { UsageError, type ExitCode } from '../../shared/errors.js';
import { readSettings } from '../settings.js';
import { INTERVIEW_LLM_FLAGS, sayRemembered } from '../remembered-llm.js';
import { sessionInterviewOptions, type InterviewFlags } from '../start-options.js';
import { savedPlan } from '../../core/interview/plan.js';
import { prepareInterview } from '../interview/prepare-interview.js';
import { runPreparedInterview } from '../interview/run-interview.js';
import { resolveSession, sessionRole } from '../resolve-session.js';
import { shortId } from '../../shared/format.js';

export async function resumeCommand(ref: string, flags: InterviewFlags): Promise<ExitCode> {
  const db = openDatabase(databasePath());
  let handedOver = false;
  try {
    const session = resolveSession(db, ref);
    const short = shortId(session.id);
    const status = effectiveStatus(session);
    if (status === 'completed') {
      throw new UsageError(
        `Session ${short} is already completed.`,
        `Answer one of its questions again with: interview-coach retry ${short} --question 1`,
      );
    }
    if (status === 'in_progress') throw new UsageError(`Session ${short} is still running (process ${session.pid}).`);
    savedPlan(session); // a damaged plan stops here, before Ollama or the microphone start
    const role = await sessionRole(db, session);
    const settings = readSettings();
    if (!flags.offline) sayRemembered(flags, settings, process.env, session, INTERVIEW_LLM_FLAGS);
    const options = sessionInterviewOptions(session, session.plannedQuestions, flags, settings);
    const prepared = await prepareInterview(options, { db, role, interview: { resumeSessionId: session.id } });
    handedOver = true;
    return await runPreparedInterview(prepared);
  } finally {
    if (!handedOver) db.close();
  }
}
