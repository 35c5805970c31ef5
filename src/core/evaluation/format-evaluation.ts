import type { Evaluation } from '../../model/evaluation.js';
import { describeFacts } from './describe-facts.js';
import { deliveryLine } from './delivery.js';
import { shortId } from '../../shared/format.js';
import { displayWidth, pad } from '../../shared/text.js';

/** The evaluation as plain text (stdout, files, pipes). The TUI renders the same record with colour. */
export function formatEvaluation(e: Evaluation, sessionId: string): string {
  const lines: string[] = [];
  const out = (s = '') => lines.push(s);
  if (e.status === 'failed') {
    out('## Evaluation failed');
    out();
    out(`No score was given: ${e.error}`);
    out(`Retry with: interview-coach evaluate ${shortId(sessionId)}${e.model ? ` --model ${e.model}` : ''}`);
    return lines.join('\n');
  }
  if (e.status === 'unreadable') {
    out('## Evaluation unreadable');
    out();
    out(`The saved evaluation is damaged, so nothing of it is shown: ${e.error}`);
    out(`Evaluate again with: interview-coach evaluate ${shortId(sessionId)}`);
    return lines.join('\n');
  }
  if (e.kind === 'heuristic') {
    out('## Feedback (heuristic, no AI)');
    out();
    out(e.detailedFeedback ?? '');
    if (e.evidenceNote) out(e.evidenceNote);
    out();
    for (const a of e.perAnswer) {
      out(`Q${a.questionNumber}. ${a.question}`);
      out(`   ${a.skipped ? 'skipped' : describeFacts(a.facts)}`);
      a.delivery?.forEach((d) => out(`   delivery: ${deliveryLine(d)}`));
    }
  } else {
    out(`## Evaluation (AI judge: ${e.model})`);
    out();
    out(`Overall: ${e.overallScore}/100 (from the ${e.dimensions.length} rubric scores below)`);
    if (e.evidenceNote) out(e.evidenceNote);
    out();
    const width = Math.max(...e.dimensions.map((d) => displayWidth(d.name)));
    for (const d of e.dimensions) {
      out(
        `  ${pad(d.name, width)}  ${d.score}/5  ${d.evidence ? `"${d.evidence}"` : '(no quote from your answers supports more)'}`,
      );
    }
  }
  out();
  out('Strengths:');
  if (e.strengths.length === 0) out('  - none identified from your answers');
  e.strengths.forEach((s) => out(`  - ${s}`));
  out();
  out('Areas for improvement:');
  e.areas.forEach((s) => out(`  - ${s}`));
  if (e.kind === 'ai') {
    for (const a of e.perAnswer) {
      out();
      out(`Q${a.questionNumber} (${a.score}/5). ${a.question}`);
      out(`   What landed: ${a.landed}`);
      out(`   What was missing: ${a.missing}`);
      out(`   A stronger answer, from what you said: ${a.strongerAnswer}`);
    }
    out();
    out(e.detailedFeedback ?? '');
  }
  return lines.join('\n');
}
