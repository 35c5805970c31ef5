import { ParagraphAnswers } from '../../core/interview/paragraph-answers.js';
import type { AnswerSource } from '../../model/events.js';
import type { VoiceControl } from '../../model/voice.js';
import type { InterviewEvent } from '../../model/events.js';
import type { PreparedInterview } from './prepare-interview.js';
import { PassThrough } from 'node:stream';
import type { ExitCode } from '../../shared/errors.js';
import { stopReasonOf } from '../../model/stop-reason.js';
import { interviewExitCode, resumeHint } from './interview-outcome.js';
import { sessionDocument } from '../../core/session-document.js';
import { runEvaluation, type EvaluationResult } from './run-evaluation.js';
import { info, printLine, warn } from '../output.js';
import { StderrSpinner } from '../stderr-spinner.js';
import { printVoiceEvent } from './print-voice-event.js';
import { plural, shortId } from '../../shared/format.js';
import { cleanText } from '../../shared/sanitize.js';
import { phaseLine } from '../../core/interview/deep-phases.js';
import type { RoundView } from '../../model/events.js';

/**
 * The interview without a TUI: the transcript goes to stdout as plain text, answers come
 * from stdin paragraphs, and status goes to stderr. Works with pipes, files and `| head`.
 */
export async function runPlainInterview(prepared: PreparedInterview, stop: AbortSignal): Promise<ExitCode> {
  const json = prepared.options.json;
  // With --json the transcript is not printed as text: stdout holds one JSON document.
  const out: NodeJS.WritableStream = json ? new PassThrough().resume() : process.stdout;
  let sessionId: string | null = null;
  let phases: string[] | null = null;
  const stdinIsTerminal = Boolean(process.stdin.isTTY);
  const spinner = new StderrSpinner();
  let streaming = false;
  let shown = '';
  let status: 'completed' | 'interrupted' = 'interrupted';
  const voice = prepared.voice;
  const answers = answerSource(voice);
  voice?.setListener((e) => printVoiceEvent(e, prepared.options.verbose));
  try {
    for await (const event of prepared.interview.run(answers.source, stop)) {
      voice?.observe(event);
      if (event.type !== 'thinking') spinner.stop();
      status = handle(event) ?? status;
    }
  } finally {
    spinner.stop();
    // An open stdin pipe would keep the process alive after an interrupted interview.
    answers.close();
    process.stdin.destroy();
  }
  const reason = stopReasonOf(stop.reason);
  if (status !== 'completed' || !sessionId) return interviewExitCode(null, reason);
  let result: EvaluationResult = 'skipped';
  // A reader that left has no use for an evaluation; the session reads "not evaluated" until one is run.
  if (prepared.options.evaluate && reason?.kind !== 'output-closed') {
    const id = sessionId;
    result = await runEvaluation(
      (signal, onProgress) => prepared.evaluate(id, signal, onProgress),
      { model: prepared.judgeModel, sessionId: id, print: !json, difficulty: prepared.options.difficulty, phases },
      stop,
    );
  }
  if (json) printLine(process.stdout, JSON.stringify(sessionDocument(prepared.db, sessionId), null, 2));
  return interviewExitCode({ sessionId, status, evaluation: result }, reason);

  function handle(event: InterviewEvent): 'completed' | 'interrupted' | void {
    switch (event.type) {
      case 'started':
        sessionId = event.sessionId;
        phases = event.round ? event.round.phases.map((p) => p.title) : null;
        printLine(
          out,
          event.round
            ? `# Mock interview: ${event.roleTitle}, deep round: ${event.round.problemTitle} (${roundMinutes(event.round)} min in ${event.round.phases.length} phases, ${event.model ? `model ${event.model}` : 'question bank'})`
            : `# Mock interview: ${event.roleTitle} (${event.difficulty}, ${plural(event.plannedQuestions, 'question')}, ${event.model ? `model ${event.model}` : 'question bank'})`,
        );
        printLine(out);
        return;
      case 'resumed':
        info(`Resuming session ${sessionId ? shortId(sessionId) : ''} where it stopped.`);
        // Saved turns are clean since they were stored; a database from before that may not be.
        for (const t of event.turns) {
          printLine(
            out,
            t.speaker === 'interviewer'
              ? `Interviewer: ${indentContinuation(cleanText(t.content))}`
              : t.kind === 'skipped'
                ? 'Candidate: [skipped]'
                : `Candidate: ${indentContinuation(cleanText(t.content))}`,
          );
          printLine(out);
        }
        return;
      case 'phase':
        printLine(out, `## ${phaseLine(event)}`);
        printLine(out);
        return;
      case 'notice':
        if (streaming) printLine(out);
        streaming = false;
        if (event.level === 'warning') warn(event.message, event.hint);
        else info(event.message);
        return;
      case 'thinking':
        spinner.start(`Waiting for ${prepared.options.model}…`, event.since);
        return;
      case 'question-delta':
        out.write(streaming ? indentContinuation(event.text) : `Interviewer: ${indentContinuation(event.text)}`);
        streaming = true;
        shown += event.text;
        return;
      case 'question-accepted':
        return;
      case 'question':
        out.write(storedAfterShown(event.text, streaming ? shown : null));
        if (event.cancelled) out.write(' [cancelled]');
        streaming = false;
        shown = '';
        printLine(out);
        printLine(out);
        return;
      case 'awaiting-answer':
        if (stdinIsTerminal)
          info(`Your answer to question ${event.questionNumber} (finish with an empty line; /skip, /end):`);
        return;
      case 'answer':
        printLine(out, event.skipped ? 'Candidate: [skipped]' : `Candidate: ${indentContinuation(event.text)}`);
        printLine(out);
        return;
      case 'done':
        sessionId = event.sessionId;
        info(`Session ${shortId(event.sessionId)} saved (${event.status}).`);
        if (event.status === 'interrupted') info(resumeHint(event.sessionId));
        return event.status;
    }
  }
}

/** The round's length: its phases' budgets added up, in minutes. */
function roundMinutes(round: RoundView): number {
  return Math.round(round.phases.reduce((sum, p) => sum + p.budgetSec, 0) / 60);
}

/**
 * What ends an interviewer line that was streamed as it came: all of it when nothing was
 * streamed; the rest when the stored text continues what was shown (the app added the planned
 * question); else the shown words are marked withdrawn and the stored text follows on a line of
 * its own, so the transcript never leaves words that were not kept looking as if they were.
 */
export function storedAfterShown(stored: string, shown: string | null): string {
  if (shown === null) return `Interviewer: ${indentContinuation(stored)}`;
  const visible = shown.trimEnd();
  if (stored.startsWith(visible)) return indentContinuation(stored.slice(visible.length));
  return ` [withdrawn]\nInterviewer: ${indentContinuation(stored)}`;
}

/**
 * Only a turn's first line starts at the left edge, after its speaker; the lines after it are
 * indented, so text in a turn (a model's "Candidate: I agree" that slipped past the reply
 * filter, e.g. behind a zero-width space, or a line typed in an answer) can never pass for a
 * turn of its own. Only the printed transcript changes; the stored text is as it was said.
 * Works on streamed pieces too: each line break carries its own indent.
 */
export function indentContinuation(text: string): string {
  return text.replace(/\n/g, '\n  ');
}

/** Spoken answers come from the voice session; only typed ones are read from stdin. */
function answerSource(voice: VoiceControl | null): { source: AnswerSource; close: () => void } {
  if (voice) return { source: voice.answers(), close: () => {} };
  const typed = new ParagraphAnswers(process.stdin);
  return { source: typed, close: () => typed.close() };
}
