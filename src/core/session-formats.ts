/**
 * A saved session as a document: Markdown, plain text or JSON. Pure functions of a
 * SessionDocument (see session-document.ts), used by `export`, headless `replay` and the
 * replay viewer (offsets, labels, per-answer feedback).
 */
import type { AnswerFeedback, DimensionScore, Evaluation, HeuristicAnswer } from '../model/evaluation.js';
import {
  answerGrade,
  answerQuote,
  dimensionGrade,
  dimensionVerified,
  hasScore,
  overallText,
  scoreBasis,
} from './evaluation/grade-text.js';
import { formatEvaluation } from './evaluation/format-evaluation.js';
import { evaluationFailedMessage, laterFailureNote, retryEvaluationHint } from './evaluation/failure-message.js';
import { describeFacts } from './evaluation/describe-facts.js';
import { HEURISTIC_LABEL } from './evaluation/heuristic-evaluation.js';
import { clock, duration, localDateTime, plural, shortId, utcOffset } from '../shared/format.js';
import { cleanText } from '../shared/sanitize.js';
import { jsonArrayChunks } from '../shared/text-chunks.js';
import {
  SESSION_SCHEMA_VERSION,
  type DocumentRound,
  type SessionDocument,
  type SessionTurn,
} from './session-document.js';
import { statusLabel } from './status-label.js';
import type { SessionDocumentRef } from '../model/grounding.js';
import { isUnreadable } from '../model/unreadable.js';

/* ------------------------------------------------------------------------------------------ */
/* Shared pieces (also used by the replay viewer)                                             */
/* ------------------------------------------------------------------------------------------ */

/** How long after the start of the session a turn was complete, in ms. */
export function turnOffsetMs(doc: Pick<SessionDocument, 'startedAt'>, turn: Pick<SessionTurn, 'createdAt'>): number {
  const ms = Date.parse(turn.createdAt) - Date.parse(doc.startedAt);
  return Number.isFinite(ms) ? Math.max(0, ms) : 0;
}

/** The status as history shows it ("completed, not evaluated" included). */
export function documentStatus(doc: Pick<SessionDocument, 'status' | 'transcript' | 'evaluation'>): string {
  const answers = doc.transcript.filter((t) => t.kind === 'answer').length;
  return statusLabel({ status: doc.status, answers, evaluated: doc.evaluation !== null });
}

/** `text`, `voice`, plus the interviewer: `text · AI interviewer (mistral)`, `text · question bank (offline)`. */
export function modeLabel(doc: Pick<SessionDocument, 'inputMode' | 'interviewer' | 'model'>): string {
  return doc.interviewer === 'question-bank'
    ? `${doc.inputMode} · question bank (offline)`
    : `${doc.inputMode} · AI interviewer${doc.model ? ` (${doc.model})` : ''}`;
}

/** One word, as in `history`: `text`, `voice` or `offline` (question bank). */
export function shortMode(doc: Pick<SessionDocument, 'inputMode' | 'interviewer'>): string {
  return doc.interviewer === 'question-bank' ? 'offline' : doc.inputMode;
}

/**
 * The score as a person reads it, with its band at the session's difficulty ("63/100, above the
 * bar at hard"); never a number unless an AI evaluation succeeded and tested something.
 */
export function scoreLabel(e: Evaluation | null, difficulty?: string | null): string {
  if (!e) return 'not evaluated';
  if (e.status === 'failed') return 'evaluation failed';
  if (e.status === 'unreadable') return 'evaluation unreadable';
  if (e.kind === 'heuristic') return 'heuristic feedback (no score)';
  return overallText(e, difficulty);
}

/**
 * `Note: latest attempt failed …; showing the 12:03 evaluation`, when an attempt made after the
 * evaluation shown failed; else null.
 */
export function evaluationNote(doc: Pick<SessionDocument, 'evaluation'>): string | null {
  const e = doc.evaluation;
  return e?.laterFailure ? `Note: ${laterFailureNote(e.laterFailure, e.createdAt, true)}` : null;
}

/** Who speaks and what the turn is: `Interviewer · Q2 follow-up`, `Candidate · Q2`. */
export function turnLabel(turn: SessionTurn, candidate = 'Candidate'): string {
  if (turn.speaker === 'candidate') {
    const q = turn.questionNumber !== null ? ` · Q${turn.questionNumber}` : '';
    return `${candidate}${q}${turn.kind === 'skipped' ? ' (skipped)' : ''}`;
  }
  switch (turn.kind) {
    case 'question':
      return `Interviewer · Q${turn.questionNumber}`;
    case 'follow-up':
      return `Interviewer · Q${turn.questionNumber} follow-up`;
    case 'clarify':
      return `Interviewer · Q${turn.questionNumber} answers your question`;
    default:
      return 'Interviewer';
  }
}

/** A turn's text with terminal control sequences removed (model output is untrusted). */
export function turnText(turn: SessionTurn): string {
  return turn.kind === 'skipped' ? '[skipped]' : cleanText(turn.content);
}

/** Per-answer feedback from the evaluation, in one shape for both kinds of evaluation. */
export type AnswerNote =
  ({ kind: 'ai' } & AnswerFeedback) | ({ kind: 'heuristic' } & Omit<HeuristicAnswer, 'delivery'>);

export interface AnswerNotes {
  /** Keyed by the `seq` of the last candidate turn of the question (after a follow-up's answer, if any). */
  bySeq: Map<number, AnswerNote>;
  /** Feedback on questions with no candidate turn in the transcript. */
  unattached: AnswerNote[];
}

/** Places each question's per-answer feedback next to its (last) answer. */
export function answerNotes(doc: Pick<SessionDocument, 'transcript' | 'evaluation'>): AnswerNotes {
  const bySeq = new Map<number, AnswerNote>();
  const unattached: AnswerNote[] = [];
  const e = doc.evaluation;
  if (!e || e.status !== 'ok') return { bySeq, unattached };
  const lastAnswer = new Map<number, number>();
  for (const t of doc.transcript) {
    if (t.speaker === 'candidate' && t.questionNumber !== null) lastAnswer.set(t.questionNumber, t.seq);
  }
  for (const note of notesOf(e)) {
    const seq = lastAnswer.get(note.questionNumber);
    if (seq === undefined || bySeq.has(seq)) unattached.push(note);
    else bySeq.set(seq, note);
  }
  return { bySeq, unattached };
}

function notesOf(e: Extract<Evaluation, { status: 'ok' }>): AnswerNote[] {
  if (e.kind === 'ai') return e.perAnswer.map((a) => ({ kind: 'ai', ...a }));
  return e.perAnswer.map((a) => ({
    kind: 'heuristic',
    questionNumber: a.questionNumber,
    question: a.question,
    skipped: a.skipped,
    facts: a.facts,
  }));
}

/** The facts line of a heuristic note (`skipped` for a skipped question). */
export function noteFacts(note: Extract<AnswerNote, { kind: 'heuristic' }>): string {
  return note.skipped ? 'skipped' : describeFacts(note.facts);
}

const clean = (s: string | null | undefined) => cleanText(s ?? '');

/** The deep round, when the session is one and its record reads back; else null. */
function roundOf(doc: Pick<SessionDocument, 'round'>): DocumentRound | null {
  return doc.round && !isUnreadable(doc.round) ? doc.round : null;
}

/** `URL shortener (45 min in 6 phases)`, or why the round cannot be shown. */
export function roundLabel(doc: Pick<SessionDocument, 'round'>): string | null {
  if (!doc.round) return null;
  if (isUnreadable(doc.round)) return `unreadable (${doc.round.unreadable})`;
  const minutes = Math.round(doc.round.phases.reduce((sum, p) => sum + p.budgetSec, 0) / 60);
  return `${cleanText(doc.round.problem.title)} (${minutes} min in ${plural(doc.round.phases.length, 'phase')})`;
}

/* ------------------------------------------------------------------------------------------ */
/* JSON                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/** The session as stable JSON (2-space indent, trailing newline). Fields: see SessionDocument. */
export function sessionToJson(doc: SessionDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Every session: `{ schemaVersion, exportedAt, sessions: [...] }`, sessions newest first, in
 * pieces (one per session) that join to what JSON.stringify(…, null, 2) gives for the whole.
 */
export function* sessionsToJsonChunks(docs: Iterable<SessionDocument>, exportedAt = new Date()): Generator<string> {
  yield `{\n  "schemaVersion": ${JSON.stringify(SESSION_SCHEMA_VERSION)},\n  "exportedAt": ${JSON.stringify(exportedAt.toISOString())},\n  "sessions": `;
  yield* jsonArrayChunks(docs, 1);
  yield '\n}\n';
}

/* ------------------------------------------------------------------------------------------ */
/* Markdown                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/**
 * Text inside Markdown without changing its structure: a line that would start a heading,
 * quote, list, fence, rule or code block is escaped; raw HTML is shown as text; lines keep
 * their breaks. Inline emphasis is left alone so the text still reads well unrendered.
 */
export function markdownText(text: string): string {
  return (
    cleanText(text)
      .split('\n')
      .map((line) => {
        let l = line
          .replace(/\t/g, '    ')
          .replace(/^ {4,}/, '   ')
          .replace(/\s+$/, '');
        l = l.replace(/<(?=[A-Za-z/!?])/g, '\\<');
        if (/^\s*(?:=+|-+|(?:\*\s*){3,}|(?:_\s*){3,}|(?:-\s*){3,})$/.test(l)) return l.replace(/^(\s*)/, '$1\\');
        return l
          .replace(/^(\s*)(#{1,6})(?=\s|$)/, '$1\\$2')
          .replace(/^(\s*)>/, '$1\\>')
          .replace(/^(\s*)([-+*])(?=\s|$)/, '$1\\$2')
          .replace(/^(\s*)(`{3,}|~{3,})/, '$1\\$2')
          .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
      })
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      // A single line break is a hard break (two trailing spaces); blank lines stay paragraph breaks.
      .replace(/([^\n])\n(?=[^\n])/g, '$1  \n')
  );
}

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return markdownText(text)
    .replace(/ {2}\n/g, ' ')
    .replace(/\n+/g, ' ')
    .replace(/\|/g, '\\|');
}

/** Quotes a Markdown block (every line prefixed with `> `). */
function quote(block: string): string {
  return block
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');
}

/** The whole session as a Markdown document that reads well on its own. */
export function sessionToMarkdown(doc: SessionDocument): string {
  const out: string[] = [];
  const e = doc.evaluation;
  out.push(`# Mock interview: ${cell(doc.role.title)} — ${localDateTime(doc.startedAt)}`, '');
  out.push('| Field | Value |', '|---|---|');
  const rows: [string, string][] = [
    ['ID', `\`${doc.id}\``],
    ['Role', `${cell(doc.role.title)} (\`${doc.role.id}\`)`],
    ['Difficulty', cell(doc.difficulty)],
    ['Mode', cell(modeLabel(doc))],
    ['Model', doc.model ? cell(doc.model) : '— (question bank)'],
    ['Status', cell(`${documentStatus(doc)}${doc.endReason ? ` (${doc.endReason})` : ''}`)],
    ['Duration', duration(doc.durationMs)],
    ['Started', `${localDateTime(doc.startedAt, { seconds: true })} (${utcOffset(doc.startedAt)})`],
    ['Questions', String(doc.plannedQuestions)],
    ['Score', cell(scoreLabel(e, doc.difficulty))],
  ];
  const round = roundLabel(doc);
  if (round) rows.push(['Deep round', cell(round)]);
  if (doc.offlineReason) rows.push(['Offline because', cell(doc.offlineReason)]);
  if (doc.retryOf)
    rows.push(['Retry of', `\`${shortId(doc.retryOf)}\`${doc.retryQuestion ? ` (Q${doc.retryQuestion})` : ''}`]);
  for (const [name, ref] of documentRefs(doc)) rows.push([name, cell(documentLabel(ref))]);
  for (const [k, v] of rows) out.push(`| **${k}** | ${v} |`);
  out.push(...markdownGrounding(doc));
  out.push('', '## Transcript', '');
  const notes = answerNotes(doc);
  if (doc.transcript.length === 0) out.push('*No turns were recorded.*', '');
  for (const turn of doc.transcript) {
    const label = turnLabel(turn);
    const flags = [turn.cancelled ? 'cancelled' : '', turn.audioUrl ? 'audio recorded' : ''].filter(Boolean);
    out.push(`**\`${clock(turnOffsetMs(doc, turn))}\` ${label}**${flags.length ? ` *(${flags.join(', ')})*` : ''}`, '');
    out.push(turn.kind === 'skipped' ? '*[skipped]*' : markdownText(turn.content) || '*(empty)*', '');
    const note = notes.bySeq.get(turn.seq);
    if (note) out.push(markdownNote(note), '');
  }
  out.push(markdownEvaluation(doc, notes.unattached));
  for (const [name, ref] of documentRefs(doc)) {
    if (ref.text !== null) out.push('', `## ${name}: ${cell(ref.title)}`, '', markdownText(ref.text));
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** The documents a session was grounded in, named as a person reads them. */
export function documentRefs(doc: Pick<SessionDocument, 'jd' | 'resume'>): [string, SessionDocumentRef][] {
  const refs: [string, SessionDocumentRef | null | undefined][] = [
    ['Job description', doc.jd],
    ['Résumé', doc.resume],
  ];
  return refs.filter((r): r is [string, SessionDocumentRef] => Boolean(r[1]));
}

/** `Senior Backend Engineer (sha256 3f2a9c1e…)`, and `, text not stored` after --no-store. */
export function documentLabel(ref: SessionDocumentRef): string {
  return `${cleanText(ref.title)} (sha256 ${ref.sha256.slice(0, 12)}…${ref.text === null ? ', text not stored' : ''})`;
}

/** The requirements and claims the interview probed, under the session's table. */
function markdownGrounding(doc: Pick<SessionDocument, 'grounding'>): string[] {
  const g = doc.grounding;
  if (!g) return [];
  if (isUnreadable(g)) return ['', `*What was read in the documents is damaged (${cell(g.unreadable)}).*`];
  const list = (title: string, items: string[]) =>
    items.length ? ['', `**${title}**`, '', ...items.map((i) => `- ${cell(i)}`)] : [];
  return [...list('Job requirements', g.requirements), ...list('Résumé claims', g.claims)];
}

/** Feedback on one answer, as a quote under it. */
export function markdownNote(note: AnswerNote): string {
  if (note.kind === 'heuristic')
    return quote(`**Facts on Q${note.questionNumber}** (heuristic, no AI): ${markdownText(noteFacts(note))}`);
  const words = answerQuote(note);
  return quote(
    [
      `**Feedback on Q${note.questionNumber}: ${cell(answerGrade(note))}**`,
      '',
      ...(words ? [`- **Your words:** “${cell(words)}”`] : []),
      `- **What landed:** ${cell(note.landed)}`,
      `- **What was missing:** ${cell(note.missing)}`,
      `- **A stronger answer, from what you said:** ${cell(note.strongerAnswer)}`,
    ].join('\n'),
  );
}

function markdownEvaluation(doc: SessionDocument, unattached: AnswerNote[]): string {
  const e = doc.evaluation;
  const out: string[] = [];
  if (!e) {
    out.push('## Evaluation', '', `Not evaluated. Run \`interview-coach evaluate ${shortId(doc.id)}\`.`);
    return out.join('\n');
  }
  // Under the heading of the evaluation shown: a later attempt that failed.
  const note = evaluationNote(doc);
  const noted = (heading: string) => out.push(heading, '', ...(note ? [`> ${markdownText(note)}`, ''] : []));
  if (e.status === 'unreadable') {
    noted('## Evaluation unreadable');
    out.push(`The saved evaluation is damaged, so nothing of it is shown: ${markdownText(e.error)}`, '');
    out.push(`Evaluate again with \`interview-coach evaluate ${shortId(doc.id)}\`.`);
    return out.join('\n');
  }
  if (e.status === 'failed') {
    out.push('## Evaluation', '', markdownText(evaluationFailedMessage(e.error)), '');
    out.push(markdownText(retryEvaluationHint(doc.id)));
    return out.join('\n');
  }
  if (e.kind === 'heuristic') {
    noted('## Feedback (heuristic, no AI)');
    out.push(markdownText(e.detailedFeedback ?? HEURISTIC_LABEL), '');
    if (e.evidenceNote) out.push(`*${cell(e.evidenceNote)}*`, '');
  } else {
    noted(`## Evaluation (AI judge: ${cell(e.model ?? 'unknown')})`);
    out.push(
      hasScore(e)
        ? `**Overall: ${cell(overallText(e, doc.difficulty))}** (${scoreBasis(e)})`
        : `**Overall: ${cell(overallText(e, doc.difficulty))}**`,
      '',
    );
    if (e.evidenceNote) out.push(`*${cell(e.evidenceNote)}*`, '');
    if (e.dimensions.length) {
      out.push('| Dimension | Score | Evidence from your answers |', '|---|---|---|');
      for (const d of e.dimensions) out.push(`| ${cell(d.name)} | ${cell(dimensionGrade(d))} | ${evidenceCell(d)} |`);
      out.push('');
    }
  }
  const phases = roundOf(doc)?.phases ?? [];
  if (phases.length) {
    out.push('### Phases', '', '| Phase | Budget | Result |', '|---|---|---|');
    for (const p of phases)
      out.push(`| ${p.number}. ${cell(p.title)} | ${Math.round(p.budgetSec / 60)} min | ${cell(p.result ?? '—')} |`);
    out.push('');
  }
  out.push('### Strengths', '');
  out.push(
    ...(e.strengths.length ? e.strengths.map((s) => `- ${cell(s)}`) : ['- *none identified from your answers*']),
    '',
  );
  out.push('### Areas for improvement', '');
  const noAreas = e.kind === 'heuristic' ? '- *none these counts can point to*' : '- —';
  out.push(...(e.areas.length ? e.areas.map((s) => `- ${cell(s)}`) : [noAreas]), '');
  if (unattached.length) {
    out.push('### Other questions', '');
    for (const note of unattached)
      out.push(`**Q${note.questionNumber}. ${cell(note.question)}**`, '', markdownNote(note), '');
  }
  if (e.kind === 'ai' && e.detailedFeedback) out.push('### Summary', '', markdownText(e.detailedFeedback), '');
  return out.join('\n');
}

/** A dimension's evidence: the candidate's quote, or why there is none. */
function evidenceCell(d: DimensionScore): string {
  if (d.score === null) return '*not tested by these questions*';
  if (d.evidence) return `“${cell(d.evidence)}”`;
  return dimensionVerified(d) ? '—' : '*not verified: no quote from your answers supports this grade*';
}

/** Several sessions one after another, separated by a rule; one piece per session. */
export function sessionsToMarkdownChunks(docs: Iterable<SessionDocument>): Generator<string> {
  return separated(docs, sessionToMarkdown, '\n---\n\n');
}

/* ------------------------------------------------------------------------------------------ */
/* Plain text                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/** The transcript as `start` prints it when piped, with timestamps, then the evaluation. */
export function sessionToText(doc: SessionDocument): string {
  const out: string[] = [];
  const n = doc.plannedQuestions;
  out.push(
    `# Mock interview: ${clean(doc.role.title)} (${doc.difficulty}, ${plural(n, 'question')}, ${doc.model && doc.interviewer === 'ollama' ? `model ${doc.model}` : 'question bank'})`,
  );
  out.push(
    `Session ${shortId(doc.id)} · ${localDateTime(doc.startedAt)} · ${doc.status.replace('_', ' ')} · duration ${duration(doc.durationMs)} · ${scoreLabel(doc.evaluation, doc.difficulty)}`,
  );
  const round = roundLabel(doc);
  if (round) out.push(`Deep round: ${clean(round)}`);
  for (const [name, ref] of documentRefs(doc)) out.push(`${name}: ${clean(documentLabel(ref))}`);
  out.push('');
  for (const turn of doc.transcript) {
    const who = turn.speaker === 'interviewer' ? 'Interviewer' : 'Candidate';
    out.push(
      `[${clock(turnOffsetMs(doc, turn))}] ${who}: ${turnText(turn)}${turn.cancelled ? ' [cancelled]' : ''}`,
      '',
    );
  }
  const phases = roundOf(doc)?.phases.map((p) => p.title) ?? null;
  if (doc.evaluation) out.push(clean(formatEvaluation(doc.evaluation, doc.id, doc.difficulty, phases)));
  else out.push(`Not evaluated. Run: interview-coach evaluate ${shortId(doc.id)}`);
  return `${out.join('\n').trimEnd()}\n`;
}

/** Several sessions one after another, separated by a rule; one piece per session. */
export function sessionsToTextChunks(docs: Iterable<SessionDocument>): Generator<string> {
  return separated(docs, sessionToText, `\n${'='.repeat(72)}\n\n`);
}

/** Each document rendered, with `separator` between two (as Array.join would place it). */
function* separated(
  docs: Iterable<SessionDocument>,
  render: (doc: SessionDocument) => string,
  separator: string,
): Generator<string> {
  let first = true;
  for (const doc of docs) {
    yield first ? render(doc) : `${separator}${render(doc)}`;
    first = false;
  }
}
