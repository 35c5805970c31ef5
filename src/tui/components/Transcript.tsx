import { Box, Static, Text } from 'ink';
import type { FinishedTurn, SpokenTurn } from '../use-interview.js';
import { Help } from './Help.js';
import { EvaluationView } from './EvaluationView.js';

/** Finished turns are printed once (Ink's <Static>) and never re-rendered: no flicker on long interviews. */
export function Transcript({ turns }: { turns: FinishedTurn[] }) {
  return <Static items={turns}>{(turn) => <Turn key={turn.id} turn={turn} />}</Static>;
}

export function Turn({ turn }: { turn: FinishedTurn }) {
  switch (turn.speaker) {
    case 'help':
      return <Help />;
    case 'status':
      return turn.tone === 'warn' ? <Text color="yellow">{turn.text}</Text> : <Text dimColor>{turn.text}</Text>;
    case 'evaluation':
      return <EvaluationView evaluation={turn.evaluation} sessionId={turn.sessionId} difficulty={turn.difficulty} />;
    case 'notice':
      return turn.info ? (
        <Box marginBottom={1}>
          <Text dimColor>{turn.text}</Text>
        </Box>
      ) : (
        <Box flexDirection="column" marginBottom={1}>
          <Text color="yellow">⚠ {turn.text}</Text>
          {turn.hint ? <Text dimColor> {turn.hint}</Text> : null}
        </Box>
      );
    case 'interviewer':
    case 'candidate':
      return <SpokenLine turn={turn} />;
  }
}

function SpokenLine({ turn }: { turn: SpokenTurn }) {
  const interviewer = turn.speaker === 'interviewer';
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text bold color={interviewer ? 'cyan' : 'green'}>
        {interviewer ? interviewerLabel(turn) : 'You'}
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
  if (turn.kind === 'clarify') return `Interviewer · Q${turn.questionNumber} answers your question`;
  return 'Interviewer';
}
