import { hostname } from 'node:os';
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
import { warn } from '../output.js';
import { cleanLine } from '../../shared/sanitize.js';
import type { Session } from '../../model/session.js';

/** Where a session that looks alive runs, as the end of a sentence. */
function runningWhere(s: Session): string {
  if (s.hostname !== null && s.hostname !== hostname()) {
    return `was started on another machine (${cleanLine(s.hostname)}, process ${s.pid}) and may still be running there`;
  }
  return `is still running (process ${s.pid})`;
}

export interface ResumeFlags extends InterviewFlags {
  /** Take over a session that looks alive. */
  force?: boolean;
}

export async function resumeCommand(ref: string, flags: ResumeFlags): Promise<ExitCode> {
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
    if (status === 'in_progress') {
      const where = runningWhere(session);
      if (!flags.force) {
        throw new UsageError(
          `Session ${short} ${where}.`,
          `If it is not (a process that reused its pid, a machine that is off), take it over with: interview-coach resume ${short} --force`,
        );
      }
      warn(
        `Taking over session ${short}, which ${where}: if it still runs, both will write to it.`,
        'Stop the other one if it is still there.',
      );
    }
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
