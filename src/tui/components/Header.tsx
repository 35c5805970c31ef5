import React from 'react';
import { Box, Text } from 'ink';
import { formatDuration, useNow } from '../use-now.js';
import type { InterviewView } from '../use-interview.js';

/** Role, question k of N, elapsed time and the live answer timer. Ticks once a second. */
export function Header({ view }: { view: InterviewView }) {
  const now = useNow(1000, view.phase !== 'done');
  const answerMs = view.answerStartedAt ? now - view.answerStartedAt : null;
  const long = answerMs !== null && answerMs > 120_000;
  return (
    <Box borderStyle="round" borderColor="cyan" paddingX={1} justifyContent="space-between">
      <Text bold>{view.roleTitle || 'Interview'}</Text>
      <Text>
        Question {Math.min(view.questionNumber, view.plannedQuestions || 1)} of {view.plannedQuestions || '?'}
        {view.followUp ? ' · follow-up' : ''}
      </Text>
      <Text dimColor>{view.model ?? 'question bank'}</Text>
      <Text>
        ⏱ {formatDuration(now - view.startedAt)}
        {answerMs !== null ? (
          <Text color={long ? 'yellow' : undefined}>
            {' '}
            answer {formatDuration(answerMs)}
            {long ? ' · consider wrapping up' : ''}
          </Text>
        ) : null}
      </Text>
    </Box>
  );
}
