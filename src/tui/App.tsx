import { useEffect, useEffectEvent, useMemo, useRef } from 'react';
import { Box, useApp, useInput } from 'ink';
import chalk from 'chalk';
import { useInterview, type NewItem } from './use-interview.js';
import { Header } from './components/Header.js';
import { Transcript } from './components/Transcript.js';
import { AnswerBox, answerTextColumns } from './components/AnswerBox.js';
import { Spinner } from './components/Spinner.js';
import { StreamingReply } from './components/StreamingReply.js';
import { VoiceStatus } from './components/VoiceStatus.js';
import { useAnswerEditor } from './use-answer-editor.js';
import { useTerminalSize } from './use-terminal-size.js';
import { liveLayout } from './live-layout.js';
import { wrapRows } from './text-layout.js';
import { limitAnswer } from '../core/interview/answer-limit.js';
import type { InterviewRun } from '../model/events.js';
import type { VoiceControl } from '../model/voice.js';
import { useEvaluation, type EvaluateFn, type EvaluationState } from './use-evaluation.js';
import { shortId } from '../shared/format.js';

const noEvaluation: EvaluateFn = () => Promise.resolve({ skipped: 'Evaluation is off.' });

function evaluationResult(state: EvaluationState): 'ok' | 'failed' | 'skipped' | 'cancelled' {
  if (state.phase === 'cancelled') return 'cancelled';
  if (state.phase !== 'finished' || 'skipped' in state.outcome) return 'skipped';
  return state.outcome.evaluation.status === 'ok' ? 'ok' : 'failed';
}

export type AppResult =
  | { status: 'completed' | 'interrupted'; sessionId: string; evaluation: 'ok' | 'failed' | 'skipped' | 'cancelled' }
  | { error: Error };

export interface AppProps {
  interview: InterviewRun;
  offlineReason: string | null;
  offlineHint?: string;
  /** Grades the finished session; omitted with --no-evaluate. */
  evaluate?: EvaluateFn;
  judgeModel?: string | null;
  /** Voice mode: speaks the questions and listens for answers (typing still works). */
  voice?: VoiceControl | null;
  pushToTalk?: boolean;
  verbose?: boolean;
  /** Aborted when the run is stopped from outside (SIGINT, SIGTERM, SIGHUP): ends it like Ctrl-C. */
  stop?: AbortSignal;
  /** When the answer timer suggests wrapping up (default two minutes). */
  answerNudgeMs?: number;
  /** Colours are off (NO_COLOR): the answer's cursor is drawn as a character. Default: from chalk. */
  plainCursor?: boolean;
  onDone: (result: AppResult) => void;
}

/**
 * The interview screen: finished turns printed once (the transcript), and below them the live
 * region: the reply streaming now, the answer box and the header, kept shorter than the
 * terminal (live-layout.ts) so Ink never clears the screen.
 */
export function App({
  interview,
  offlineReason,
  offlineHint,
  evaluate,
  judgeModel,
  voice,
  pushToTalk = false,
  verbose = false,
  stop,
  answerNudgeMs,
  plainCursor = chalk.level === 0,
  onDone,
}: AppProps) {
  const { view, submit, cancelReply, interrupt, print } = useInterview(
    interview,
    voice,
    verbose,
    offlineReason ? { text: offlineReason, hint: offlineHint } : null,
    stop,
  );
  const { exit } = useApp();
  const evaluationInterrupted = useRef(false);
  const { columns, rows } = useTerminalSize();
  const completed = view.phase === 'done' && view.result?.status === 'completed' ? view.result.sessionId : null;
  const evaluation = useEvaluation(
    evaluate ?? noEvaluation,
    evaluate ? completed : null,
    view.result?.endedAt ?? 0,
    stop,
  );
  const editor = useAnswerEditor({
    onSubmit: (text) => submit(text, view.answerStartedAt ? Date.now() - view.answerStartedAt : 0),
    onHelp: () => print({ speaker: 'help' }),
    columns: answerTextColumns(columns),
  });

  useInput((input, key) => {
    if (evaluation.state.phase === 'running') {
      // During the evaluation, Esc or Ctrl-C skips it; the interview is already saved.
      // Esc is a choice (the evaluation is skipped, exit 0); Ctrl-C an interruption (exit 130).
      if (key.ctrl && input === 'c') evaluationInterrupted.current = true;
      if (key.escape || (key.ctrl && input === 'c')) evaluation.cancel();
      return;
    }
    if (key.ctrl && input === 'c') interrupt();
    else if (key.escape) {
      // Esc stops what is happening now: the spoken reply or the streaming reply.
      if (view.voiceState === 'speaking') voice?.stopSpeaking();
      else cancelReply();
    } else if (key.tab && voice && pushToTalk) voice.togglePushToTalk();
    else if (
      key.return &&
      voice &&
      !pushToTalk &&
      editor.state.text.trim() === '' &&
      (view.voiceState === 'recording' || view.voiceState === 'still-listening')
    )
      // Enter on an empty answer box: "I'm done", the spoken answer goes on now.
      voice.finishAnswer();
  });

  // The evaluation's outcome is printed under the transcript, once (the reducer prints the
  // session's end); the screen settles and exits only after, so the last lines are never lost.
  const printOutcome = useEffectEvent(() => {
    const outcome = evaluationOutcome(evaluation.state, completed, view.difficulty);
    if (outcome) print(outcome);
  });
  useEffect(() => {
    if (evaluation.state.phase === 'finished' || evaluation.state.phase === 'cancelled') printOutcome();
  }, [evaluation.state.phase]);
  const outcomePrinted = view.turns.some((t) => t.speaker === 'evaluation' || (t.speaker === 'status' && t.outcome));

  const settled =
    view.phase === 'done' &&
    (view.error !== null || !completed || !evaluate || evaluation.state.phase === 'error' || outcomePrinted);
  // Reports the outcome as it is when the screen settles (an event, not something to re-run).
  const report = useEffectEvent(() => {
    if (view.error) onDone({ error: view.error });
    else if (evaluation.state.phase === 'error') onDone({ error: evaluation.state.error });
    else if (view.result) {
      const result = evaluationResult(evaluation.state);
      const skipped = result === 'cancelled' && !evaluationInterrupted.current && !stop?.aborted;
      onDone({ ...view.result, evaluation: skipped ? 'skipped' : result });
    }
  });
  useEffect(() => {
    if (!settled) return;
    report();
    // Let Ink paint the last frame before unmounting.
    const timer = setTimeout(() => exit(), 0);
    return () => clearTimeout(timer);
  }, [settled, exit]);

  const streamText = view.phase === 'streaming' ? view.streamingText.replace(/\t/g, '    ') : '';
  const streamRows = useMemo(() => wrapRows(streamText, columns), [streamText, columns]);
  const answerWrapped = useMemo(
    () => wrapRows(editor.state.text, answerTextColumns(columns)),
    [editor.state.text, columns],
  );
  const thinking = view.phase === 'thinking' && view.thinkingSince !== null;
  const voiceLine = Boolean(voice && view.voiceState);
  const layout = liveLayout({
    rows,
    answerRows: answerWrapped.length,
    answerWarning: limitAnswer(editor.state.text).cut,
    streamRows: streamText === '' ? 0 : streamRows.length,
    statusLines: (thinking ? 1 : 0) + (voiceLine ? 1 : 0),
  });

  return (
    <Box flexDirection="column">
      <Transcript turns={view.turns} />
      {view.phase === 'done' ? (
        evaluation.state.phase === 'running' ? (
          <Spinner
            label={judgeModel ? `Evaluating with ${judgeModel}… ${evaluation.state.tokens} tokens ·` : 'Evaluating…'}
            since={evaluation.state.since}
            hint="Esc to skip"
          />
        ) : null
      ) : (
        <>
          {layout.streamRows > 0 ? (
            <StreamingReply
              text={streamText}
              wrapped={streamRows}
              rows={layout.streamRows}
              margin={layout.streamMargin}
            />
          ) : null}
          {view.phase === 'thinking' && view.thinkingSince !== null && layout.statusLines > 0 ? (
            <Spinner label={`${view.model ?? 'interviewer'} is thinking…`} since={view.thinkingSince} />
          ) : null}
          {voice && view.voiceState && layout.statusLines > (thinking ? 1 : 0) ? (
            <VoiceStatus state={view.voiceState} level={view.level} pushToTalk={pushToTalk} />
          ) : null}
          <AnswerBox
            state={editor.state}
            wrapped={answerWrapped}
            canSend={view.phase === 'answering'}
            notice={editor.notice}
            columns={columns}
            maxRows={layout.answerRows}
            hint={layout.hint}
            warning={layout.warning}
            plainCursor={plainCursor}
          />
          {layout.header ? <Header view={view} columns={columns} nudgeAfterMs={answerNudgeMs} /> : null}
        </>
      )}
    </Box>
  );
}

/** What the finished evaluation prints (null while it runs, or when there is none to print). */
function evaluationOutcome(state: EvaluationState, sessionId: string | null, difficulty: string): NewItem | null {
  if (state.phase === 'cancelled') {
    return {
      speaker: 'status',
      tone: 'warn',
      outcome: true,
      text: `Evaluation skipped. Evaluate later with: interview-coach evaluate ${sessionId ? shortId(sessionId) : ''}`,
    };
  }
  if (state.phase !== 'finished') return null;
  if ('skipped' in state.outcome) return { speaker: 'status', tone: 'dim', outcome: true, text: state.outcome.skipped };
  return sessionId ? { speaker: 'evaluation', evaluation: state.outcome.evaluation, sessionId, difficulty } : null;
}
