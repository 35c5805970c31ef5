import { Box, Static, Text } from 'ink';
import type { FinishedTurn, SpokenTurn } from '../use-interview.js';

/** Finished turns are printed once (Ink's <Static>) and never re-rendered: no flicker on long interviews. */
export function Transcript({ turns }: { turns: FinishedTurn[] }) {
  return <Static items={turns}>{(turn) => <Turn key={turn.id} turn={turn} />}</Static>;
}

export function Turn({ turn }: { turn: FinishedTurn }) {
  if (turn.speaker === 'notice' && turn.info) {
    return (
      <Box marginBottom={1}>
        <Text dimColor>{turn.text}</Text>
      </Box>
    );
  }
  if (turn.speaker === 'notice') {
    return (
      <Box flexDirection="column" marginBottom={1}>
        <Text color="yellow">⚠ {turn.text}</Text>
        {turn.hint ? <Text dimColor> {turn.hint}</Text> : null}
      </Box>
    );
  }
  const interviewer = turn.speaker === 'interviewer';
  const label = interviewer ? interviewerLabel(turn) : 'You';
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text bold color={interviewer ? 'cyan' : 'green'}>
        {label}
      </Text>
      <Text>
        {turn.text}
        {turn.cancelled ? <Text dimColor> [cancelled]</Text> : null}
      </Text>
    </Box>
  );
}

function interviewerLabel(turn: SpokenTurn): string {
  if (turn.kind === 'question') return `Interviewer · Q${turn.questionNumber}`;
  if (turn.kind === 'follow-up') return `Interviewer · Q${turn.questionNumber} follow-up`;
  return 'Interviewer';
}
