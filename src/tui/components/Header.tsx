import { Box, Text } from 'ink';
import { duration } from '../../shared/format.js';
import { useNow } from '../use-now.js';
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
        ⏱ {elapsed(now - view.startedAt)}
        {answerMs !== null ? (
          <Text color={long ? 'yellow' : undefined}>
            {' '}
            answer {elapsed(answerMs)}
            {long ? ' · consider wrapping up' : ''}
          </Text>
        ) : null}
      </Text>
    </Box>
  );
}

/** A running clock shows whole seconds gone by (never rounds up to a second not yet reached). */
function elapsed(ms: number): string {
  return duration(Math.floor(ms / 1000) * 1000);
}
