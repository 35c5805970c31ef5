import { Box, Text } from 'ink';

export const HELP_LINES: [string, string][] = [
  ['Enter', 'send your answer (type ahead while the interviewer speaks: it stays in the box)'],
  ['Alt-Enter, Ctrl-J', 'new line inside the answer (a pasted text keeps its lines)'],
  ['←/→ ↑/↓', 'move in the answer by character and by row'],
  ['Ctrl-A/Ctrl-E', 'start and end of the line; Delete or Ctrl-D deletes forward; Ctrl-U clears'],
  ['Esc', "stop the interviewer's reply while it is streaming"],
  ['/skip', 'skip this question'],
  ['/end, /quit, /exit', 'end the interview now (it is saved)'],
  ['/help', 'show these keys'],
  ['Ctrl-C', 'leave at once (saved as interrupted)'],
];

export function Help() {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="gray" paddingX={1} marginBottom={1}>
      <Text bold>Keys</Text>
      {HELP_LINES.map(([key, what]) => (
        <Text key={key}>
          <Text color="cyan">{key.padEnd(20)}</Text>
          {what}
        </Text>
      ))}
    </Box>
  );
}
