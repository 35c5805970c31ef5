/**
 * How the interviewer model behaves under the app's protocol, from one scripted interview: the
 * turns that followed each scripted answer, what the reply checks had to cut (their notices),
 * and the calls log of the interviewer model. Pure.
 */
import type { AskedBy, InterviewerTurnKind } from '../../model/turn.js';

/** How a scripted answer should be treated: a strong one needs no probing, a weak one does. */
export type ScriptedAnswerKind = 'strong' | 'weak' | 'other';

export interface ProtocolObservation {
  /** Each scripted answer, and the kind of interviewer turn that came right after it (null: none). */
  answers: { kind: ScriptedAnswerKind; followedBy: InterviewerTurnKind | null }[];
  /** Every interviewer turn: who worded what was stored, and the notices the checks gave. */
  replies: { askedBy: AskedBy; notices: string[] }[];
  /** The interviewer model's calls (warm-up left out), in order. */
  calls: { reply: string; thinking: string; doneReason: string | null; totalMs: number; loadMs: number | null }[];
}

export interface InterviewerFigures {
  followUpAfterWeak: number | null;
  followUpAfterStrong: number | null;
  /** Replies that went on after their question (another question, or answering it themselves): the checks cut them. */
  multiQuestionReplies: number | null;
  /** Of those, the ones that went on with statements rather than another question, as far as they were read. */
  selfAnswers: number | null;
  /** Turns where the model's reply could not be used as it was: the app asked in its own words, or added the planned question. */
  appWorded: number | null;
  /** Replies with a line written as the candidate (cut by the checks). */
  transcriptLines: number | null;
  /** Calls where the model reasoned (a thinking field, or <think> in the text). */
  thinkingSeen: number | null;
  /** Calls cut off at num_predict (done_reason "length"). */
  cutOff: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  /** load_duration of the model's first call in this run: the cold load when it was not loaded yet. */
  coldLoadMs: number | null;
  replies: number;
}

/** The notices reply-filter.ts gives (core/interview/reply-filter.ts). */
export const WENT_ON_NOTICE = 'Kept the first question of the reply and left out what followed it.';
export const SPEAKER_LINE_NOTICE = 'Left out a line the model wrote as the candidate.';

function share<T>(items: readonly T[], test: (item: T) => boolean): number | null {
  return items.length ? items.filter(test).length / items.length : null;
}

/** The value below which `p` of the sorted values lie (nearest rank). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

/** After its first question, the reply says more, and none of it is a question. */
export function wentOnWithStatements(reply: string): boolean {
  const at = reply.indexOf('?');
  if (at === -1) return false;
  const rest = reply.slice(at + 1).trim();
  return rest !== '' && !rest.includes('?');
}

export function interviewerFigures(o: ProtocolObservation): InterviewerFigures {
  const after = (kind: ScriptedAnswerKind) =>
    share(
      o.answers.filter((a) => a.kind === kind),
      (a) => a.followedBy === 'follow-up',
    );
  const wentOn = o.replies.filter((r) => r.notices.includes(WENT_ON_NOTICE)).length;
  const statementCalls = o.calls.filter((c) => wentOnWithStatements(c.reply)).length;
  const latencies = o.calls.map((c) => c.totalMs);
  return {
    followUpAfterWeak: after('weak'),
    followUpAfterStrong: after('strong'),
    multiQuestionReplies: o.replies.length ? wentOn / o.replies.length : null,
    selfAnswers: o.replies.length ? Math.min(wentOn, statementCalls) / o.replies.length : null,
    appWorded: share(o.replies, (r) => r.askedBy !== 'model'),
    transcriptLines: share(o.replies, (r) => r.notices.includes(SPEAKER_LINE_NOTICE)),
    thinkingSeen: share(o.calls, (c) => c.thinking.trim() !== '' || c.reply.includes('<think>')),
    cutOff: share(o.calls, (c) => c.doneReason === 'length'),
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP95Ms: percentile(latencies, 0.95),
    coldLoadMs: o.calls[0]?.loadMs ?? null,
    replies: o.replies.length,
  };
}
