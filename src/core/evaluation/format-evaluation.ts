import type { Evaluation, LaterFailure } from '../../model/evaluation.js';
import { describeFacts } from './describe-facts.js';
import { evaluationFailedMessage, laterFailureNote, retryEvaluationHint } from './failure-message.js';
import { deliveryLine } from './delivery.js';
import { shortId } from '../../shared/format.js';
import { displayWidth, pad, wrap } from '../../shared/text.js';
import { phaseResult } from './phase-results.js';
import { answerGrade, answerQuote, dimensionGrade, hasScore, overallText, scoreBasis } from './grade-text.js';

/** Plain text is read in terminals and pipes: the parts we lay out stay within 80 columns. */
const COLUMNS = 80;

/**
 * The evaluation as plain text (stdout, files, pipes). The TUI renders the same record with colour.
 * `difficulty`: the session's, for the band next to the score (none without it).
 */
export function formatEvaluation(
  e: Evaluation & { laterFailure?: LaterFailure | null },
  sessionId: string,
  difficulty?: string | null,
  /** Deep round: the phases' titles in order (each phase is graded as one question; null: questions). */
  phases?: readonly string[] | null,
): string {
  const lines: string[] = [];
  const out = (s = '') => lines.push(s);
  // Under the heading of the evaluation shown: a later attempt that failed.
  const heading = (text: string) => {
    out(text);
    out();
    if (e.laterFailure) {
      wrap(`Note: ${laterFailureNote(e.laterFailure, e.createdAt, true)}`, COLUMNS).forEach((l) => out(l));
      out();
    }
  };
  if (e.status === 'failed') {
    out('## Evaluation');
    out();
    out(evaluationFailedMessage(e.error));
    out(retryEvaluationHint(sessionId));
    return lines.join('\n');
  }
  if (e.status === 'unreadable') {
    heading('## Evaluation unreadable');
    out(`The saved evaluation is damaged, so nothing of it is shown: ${e.error}`);
    out(`Evaluate again with: interview-coach evaluate ${shortId(sessionId)}`);
    return lines.join('\n');
  }
  if (e.kind === 'heuristic') {
    heading('## Feedback (heuristic, no AI)');
    out(e.detailedFeedback ?? '');
    if (e.evidenceNote) out(e.evidenceNote);
    out();
    for (const a of e.perAnswer) {
      out(`Q${a.questionNumber}. ${a.question}`);
      out(`   ${a.skipped ? 'skipped' : describeFacts(a.facts)}`);
      a.delivery?.forEach((d) => out(`   delivery: ${deliveryLine(d)}`));
    }
  } else {
    heading(`## Evaluation (AI judge: ${e.model})`);
    out(`Overall: ${overallText(e, difficulty)}${hasScore(e) ? ` (${scoreBasis(e)})` : ''}`);
    if (e.evidenceNote) out(e.evidenceNote);
    out();
    const width = Math.max(0, ...e.dimensions.map((d) => displayWidth(d.name)));
    for (const d of e.dimensions) {
      const head = `  ${pad(d.name, width)}  ${dimensionGrade(d)}`;
      const quote = d.score !== null && d.evidence ? `"${d.evidence}"` : '';
      // The quote follows on the same line when it fits, else on its own lines below.
      if (!quote) out(head);
      else if (displayWidth(`${head}  ${quote}`) <= COLUMNS) out(`${head}  ${quote}`);
      else {
        out(head);
        wrap(quote, COLUMNS - 6).forEach((l) => out(`      ${l}`));
      }
    }
  }
  if (phases?.length) {
    out();
    out('Phases:');
    const width = Math.max(...phases.map((t) => displayWidth(t)));
    phases.forEach((title, i) =>
      out(`  ${i + 1}. ${pad(title, width)}  ${phaseResult(e, i + 1)?.result ?? 'not reached'}`),
    );
  }
  out();
  out('Strengths:');
  if (e.strengths.length === 0) out('  - none identified from your answers');
  e.strengths.forEach((s) => out(`  - ${s}`));
  out();
  out('Areas for improvement:');
  if (e.areas.length === 0) out(`  - ${e.kind === 'heuristic' ? 'none these counts can point to' : 'none given'}`);
  e.areas.forEach((s) => out(`  - ${s}`));
  if (e.kind === 'ai') {
    for (const a of e.perAnswer) {
      out();
      out(`Q${a.questionNumber} (${answerGrade(a)}). ${a.question}`);
      const quote = answerQuote(a);
      if (quote) out(`   Your words: "${quote}"`);
      out(`   What landed: ${a.landed}`);
      out(`   What was missing: ${a.missing}`);
      out(`   A stronger answer, from what you said: ${a.strongerAnswer}`);
    }
    out();
    out(e.detailedFeedback ?? '');
  }
  return lines.join('\n');
}
