import { Box, Text } from 'ink';
import { useNow } from '../use-now.js';
import type { InterviewView } from '../use-interview.js';
import { headerParts, type HeaderPartName } from '../header-line.js';

/** After this long on one answer the timer suggests wrapping up. */
export const ANSWER_NUDGE_MS = 120_000;

/**
 * Role, question k of N, the model (or "question bank"), elapsed time and the live answer
 * timer, fitted into one row of the terminal's width (header-line.ts). Ticks once a second.
 * `nudgeAfterMs`: when the answer timer suggests wrapping up.
 */
export function Header({
  view,
  columns,
  nudgeAfterMs = ANSWER_NUDGE_MS,
}: {
  view: InterviewView;
  columns: number;
  nudgeAfterMs?: number;
}) {
  const now = useNow(1000, view.phase !== 'done');
  const answerMs = view.answerStartedAt ? now - view.answerStartedAt : null;
  const nudge = answerMs !== null && answerMs > nudgeAfterMs;
  const parts = headerParts(
    {
      role: view.round ? view.round.problemTitle : view.roleTitle,
      questionNumber: view.questionNumber,
      plannedQuestions: view.plannedQuestions,
      followUp: view.followUp,
      model: view.model,
      elapsedMs: now - view.startedAt,
      answerMs,
      nudge,
      phases: view.round?.phases ?? null,
    },
    // The border and padding take four columns.
    columns - 4,
  );
  return (
    <Box borderStyle="round" borderColor="cyan" paddingX={1} justifyContent="space-between">
      {parts.map((part) => (
        <Text
          key={part.name}
          wrap="truncate"
          {...STYLES[part.name]}
          color={nudge && NUDGED.has(part.name) ? 'yellow' : undefined}
        >
          {part.text}
        </Text>
      ))}
    </Box>
  );
}

const STYLES: Record<HeaderPartName, { bold?: boolean; dimColor?: boolean }> = {
  role: { bold: true },
  question: {},
  model: { dimColor: true },
  timer: {},
  nudge: {},
};

const NUDGED = new Set<HeaderPartName>(['timer', 'nudge']);
