import { Box, Text } from 'ink';
import type { Row } from '../text-layout.js';

/**
 * The interviewer's reply while it streams: its last `rows` rows (wrapped by the caller at the
 * terminal's width), so a long reply never makes the live region taller than the terminal.
 * The whole reply is printed in the transcript once it is done.
 */
export function StreamingReply({
  text,
  wrapped,
  rows,
  margin,
}: {
  text: string;
  wrapped: readonly Row[];
  rows: number;
  margin: boolean;
}) {
  const shown = wrapped.slice(-rows);
  const hidden = wrapped.length - shown.length;
  return (
    <Box flexDirection="column" marginBottom={margin ? 1 : 0}>
      <Text bold color="cyan" wrap="truncate">
        Interviewer{hidden > 0 ? ` (… ${hidden} more ${hidden === 1 ? 'row' : 'rows'} above)` : ''}
      </Text>
      {shown.map((row, i) => (
        <Text key={i} wrap="truncate">
          {text.slice(row.start, row.end) || ' '}
        </Text>
      ))}
    </Box>
  );
}
