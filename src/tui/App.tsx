import React, { useEffect, useState } from 'react';
import { Box, Text, useApp, useInput } from 'ink';
import type { Interview } from '../core/interview/interview.js';
import { useInterview } from './use-interview.js';
import { Header } from './components/Header.js';
import { Transcript } from './components/Transcript.js';
import { AnswerBox } from './components/AnswerBox.js';
import { Spinner } from './components/Spinner.js';
import { Help } from './components/Help.js';

export interface AppProps {
  interview: Interview;
  offlineReason: string | null;
  offlineHint?: string;
  onDone(result: { status: 'completed' | 'interrupted'; sessionId: string } | { error: Error }): void;
}

/** The interview screen: header, finished turns, the reply streaming now, the answer box. */
export function App({ interview, offlineReason, offlineHint, onDone }: AppProps) {
  const { view, submit, cancelReply, interrupt } = useInterview(interview);
  const [help, setHelp] = useState(false);
  const { exit } = useApp();

  useInput((input, key) => {
    if (key.ctrl && input === 'c') interrupt();
    else if (key.escape) {
      if (!cancelReply()) setHelp(false);
    }
  });

  useEffect(() => {
    if (view.phase !== 'done') return;
    if (view.error) onDone({ error: view.error });
    else if (view.result) onDone(view.result);
    // Let Ink paint the last frame before unmounting.
    const timer = setTimeout(() => exit(), 0);
    return () => clearTimeout(timer);
  }, [view.phase]);

  return (
    <Box flexDirection="column">
      <Transcript turns={view.turns} />
      {offlineReason && view.phase !== 'done' ? (
        <Box flexDirection="column" marginBottom={1}>
          <Text color="yellow">⚠ {offlineReason}</Text>
          {offlineHint ? <Text dimColor>  {offlineHint}</Text> : null}
        </Box>
      ) : null}
      {help ? <Help /> : null}
      {view.phase === 'streaming' ? (
        <Box flexDirection="column" marginBottom={1}>
          <Text bold color="cyan">Interviewer</Text>
          <Text>{view.streamingText}</Text>
        </Box>
      ) : null}
      {view.phase === 'thinking' && view.thinkingSince ? (
        <Spinner label={`${view.model ?? 'interviewer'} is thinking…`} since={view.thinkingSince} />
      ) : null}
      {view.phase === 'done' ? (
        <Text dimColor>
          {view.error
            ? ''
            : `Session ${view.result?.sessionId.slice(0, 8)} saved (${view.result?.status}).`}
        </Text>
      ) : (
        <>
          <AnswerBox active={view.phase === 'answering'} onSubmit={(text) => submit(text, view.answerStartedAt ? Date.now() - view.answerStartedAt : 0)} onHelp={() => setHelp((h) => !h)} />
          <Header view={view} />
        </>
      )}
    </Box>
  );
}
