import { Box, Text } from 'ink';

export const HELP_LINES: [string, string][] = [
  ['Enter', 'send your answer'],
  ['Alt-Enter, Ctrl-J', 'new line inside the answer (pasting several lines also works)'],
  ['←/→, Ctrl-A/Ctrl-E', 'move in the answer; Ctrl-U clears it'],
  ['Esc', "stop the interviewer's reply while it is streaming"],
  ['/skip', 'skip this question'],
  ['/end', 'end the interview now (it is saved)'],
  ['/help', 'show or hide this help'],
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
