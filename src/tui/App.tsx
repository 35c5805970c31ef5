import { useEffect, useEffectEvent, useState } from 'react';
import { Box, Text, useApp, useInput } from 'ink';
import { useInterview } from './use-interview.js';
import { Header } from './components/Header.js';
import { Transcript } from './components/Transcript.js';
import { AnswerBox } from './components/AnswerBox.js';
import { Spinner } from './components/Spinner.js';
import { Help } from './components/Help.js';
import { EvaluationView } from './components/EvaluationView.js';
import { VoiceStatus } from './components/VoiceStatus.js';
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
  onDone: (result: AppResult) => void;
}

/** The interview screen: header, finished turns, the reply streaming now, the answer box. */
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
  onDone,
}: AppProps) {
  const { view, submit, cancelReply, interrupt } = useInterview(interview, voice, verbose, stop);
  const [help, setHelp] = useState(false);
  const { exit } = useApp();
  const completed = view.phase === 'done' && view.result?.status === 'completed' ? view.result.sessionId : null;
  const evaluation = useEvaluation(
    evaluate ?? noEvaluation,
    evaluate ? completed : null,
    view.result?.endedAt ?? 0,
    stop,
  );

  useInput((input, key) => {
    if (evaluation.state.phase === 'running') {
      // During the evaluation, Esc or Ctrl-C skips it; the interview is already saved.
      if (key.escape || (key.ctrl && input === 'c')) evaluation.cancel();
      return;
    }
    if (key.ctrl && input === 'c') interrupt();
    else if (key.escape) {
      // Esc stops what is happening now: the spoken reply, the streaming reply, or the help.
      if (view.voiceState === 'speaking') voice?.stopSpeaking();
      else if (!cancelReply()) setHelp(false);
    } else if (key.tab && voice && pushToTalk) voice.togglePushToTalk();
  });

  const settled =
    view.phase === 'done' &&
    (view.error !== null ||
      !completed ||
      !evaluate ||
      ['finished', 'cancelled', 'error'].includes(evaluation.state.phase));
  // Reports the outcome as it is when the screen settles (an event, not something to re-run).
  const report = useEffectEvent(() => {
    if (view.error) onDone({ error: view.error });
    else if (evaluation.state.phase === 'error') onDone({ error: evaluation.state.error });
    else if (view.result) onDone({ ...view.result, evaluation: evaluationResult(evaluation.state) });
  });
  useEffect(() => {
    if (!settled) return;
    report();
    // Let Ink paint the last frame before unmounting.
    const timer = setTimeout(() => exit(), 0);
    return () => clearTimeout(timer);
  }, [settled, exit]);

  return (
    <Box flexDirection="column">
      <Transcript turns={view.turns} />
      {offlineReason && view.phase !== 'done' ? (
        <Box flexDirection="column" marginBottom={1}>
          <Text color="yellow">⚠ {offlineReason}</Text>
          {offlineHint ? <Text dimColor> {offlineHint}</Text> : null}
        </Box>
      ) : null}
      {help ? <Help /> : null}
      {view.phase === 'streaming' ? (
        <Box flexDirection="column" marginBottom={1}>
          <Text bold color="cyan">
            Interviewer
          </Text>
          <Text>{view.streamingText}</Text>
        </Box>
      ) : null}
      {view.phase === 'thinking' && view.thinkingSince ? (
        <Spinner label={`${view.model ?? 'interviewer'} is thinking…`} since={view.thinkingSince} />
      ) : null}
      {view.phase === 'done' ? (
        <Box flexDirection="column">
          <Text dimColor>
            {view.error
              ? ''
              : view.result
                ? `Session ${shortId(view.result.sessionId)} saved (${view.result.status}).`
                : ''}
          </Text>
          {evaluation.state.phase === 'running' ? (
            <Spinner
              label={judgeModel ? `Evaluating with ${judgeModel}… ${evaluation.state.tokens} tokens ·` : 'Evaluating…'}
              since={evaluation.state.since}
              hint="Esc to skip"
            />
          ) : null}
          {evaluation.state.phase === 'finished' && 'skipped' in evaluation.state.outcome ? (
            <Text dimColor>{evaluation.state.outcome.skipped}</Text>
          ) : null}
          {evaluation.state.phase === 'finished' && 'evaluation' in evaluation.state.outcome && completed ? (
            <EvaluationView
              evaluation={evaluation.state.outcome.evaluation}
              sessionId={completed}
              difficulty={view.difficulty}
            />
          ) : null}
          {evaluation.state.phase === 'cancelled' ? (
            <Text color="yellow">
              Evaluation skipped. Evaluate later with: interview-coach evaluate {completed ? shortId(completed) : ''}
            </Text>
          ) : null}
        </Box>
      ) : (
        <>
          {voice && view.voiceState ? (
            <VoiceStatus state={view.voiceState} level={view.level} pushToTalk={pushToTalk} />
          ) : null}
          <AnswerBox
            active={view.phase === 'answering'}
            onSubmit={(text) => submit(text, view.answerStartedAt ? Date.now() - view.answerStartedAt : 0)}
            onHelp={() => setHelp((h) => !h)}
          />
          <Header view={view} />
        </>
      )}
    </Box>
  );
}
