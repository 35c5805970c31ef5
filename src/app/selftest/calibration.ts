/**
 * Part A: the judge grades each calibration fixture `runs` times, through the same code that
 * grades a real session (evaluateSession), from a session written into the throwaway database.
 */
import { finishSession, createSession } from '../../db/sessions.js';
import { appendTurn } from '../../db/transcripts.js';
import { evaluateSession } from '../../core/evaluation/evaluate-session.js';
import { findRole } from '../../core/roles/catalog.js';
import type { CalibrationFixture } from '../../core/selftest/fixtures/index.js';
import { judgementOf, type Judgement } from '../../core/selftest/judged.js';
import type { Db } from '../../db/open.js';
import type { SelftestContext } from './context.js';

/** A finished session holding the fixture's questions and answers, as an interview would have saved them. */
export function fixtureSession(db: Db, fixture: CalibrationFixture, model: string, host: string): string {
  const role = findRole(fixture.roleId);
  const id = createSession(db, {
    roleId: role.id,
    roleTitle: role.title,
    difficulty: 'medium',
    plan: fixture.answers.map((a) => ({ text: a.question, difficulty: 'medium', topics: a.topics })),
    model,
    host,
    inputMode: 'text',
    interviewer: 'ollama',
    offlineReason: null,
  });
  fixture.answers.forEach((a, i) => {
    appendTurn(db, id, {
      speaker: 'interviewer',
      kind: 'question',
      questionNumber: i + 1,
      content: a.question,
      askedBy: 'app',
    });
    appendTurn(db, id, { speaker: 'candidate', kind: 'answer', questionNumber: i + 1, content: a.answer });
  });
  finishSession(db, id, 'completed', 'finished');
  return id;
}

export async function judgeFixtures(
  ctx: SelftestContext,
  fixtures: readonly CalibrationFixture[],
  runs: number,
): Promise<Judgement[]> {
  const judgements: Judgement[] = [];
  for (const fixture of fixtures) {
    const role = findRole(fixture.roleId);
    const sessionId = fixtureSession(ctx.db, fixture, ctx.interviewer.llm.model, ctx.host);
    for (let run = 0; run < runs; run++) {
      const outcome = await evaluateSession(
        ctx.db,
        sessionId,
        role,
        { kind: 'ai', llm: ctx.judge.llm },
        { signal: ctx.signal },
      );
      ctx.step(`judging ${fixture.id}`);
      if ('evaluation' in outcome) judgements.push(judgementOf(fixture.id, run, outcome.evaluation));
    }
  }
  return judgements;
}
