import { useState } from 'react';
import { Box, Text } from 'ink';
import type { EditorState } from '../answer-editor.js';
import { answerWindow } from '../answer-window.js';
import { firstThatFits, type Row } from '../text-layout.js';
import { ANSWER_CHAR_LIMIT, limitAnswer } from '../../core/interview/answer-limit.js';

interface Props {
  state: EditorState;
  /** The answer's rows, wrapped at answerTextColumns(columns). */
  wrapped: readonly Row[];
  /** An answer is awaited now (Enter sends); otherwise typing goes on, sending waits. */
  canSend: boolean;
  /** A note about the last Enter, shown instead of the key hints. */
  notice: string | null;
  /** The terminal's columns. */
  columns: number;
  /** Rows of text the box may show (it scrolls inside them). */
  maxRows: number;
  /** Whether there is room for the hint line and the over-limit warning. */
  hint: boolean;
  warning: boolean;
  /** Colours are off (NO_COLOR): inverse video shows nothing, so the cursor is drawn as a character. */
  plainCursor: boolean;
}

/** The block drawn before the character under the cursor when colours are off. */
export const PLAIN_CURSOR = '▌';

/** Columns the answer's text is wrapped at: the box's border and padding, and a column for the cursor at a row's end. */
export function answerTextColumns(columns: number): number {
  return Math.max(1, columns - 5);
}

const LIMIT = ANSWER_CHAR_LIMIT.toLocaleString('en-US');

/**
 * The answer being typed, in a box of at most `maxRows` rows that scrolls to keep the cursor's
 * row in view. Every row is wrapped here and drawn with wrap="truncate", so the box is exactly
 * as tall as computed: the live region never outgrows the terminal.
 */
export function AnswerBox({ state, wrapped, canSend, notice, columns, maxRows, hint, warning, plainCursor }: Props) {
  const width = answerTextColumns(columns);
  const inner = Math.max(1, columns - 4);
  const [top, setTop] = useState(0);
  const view = answerWindow(state, width, maxRows, top, wrapped);
  // Where the box is scrolled to follows the cursor (state adjusted while rendering, as React allows).
  if (view.top !== top) setTop(view.top);
  const scrolled = view.total > view.rows.length;
  const position = scrolled ? `↑↓ rows ${view.top + 1}–${view.top + view.rows.length} of ${view.total} · ` : '';
  return (
    <Box flexDirection="column" borderStyle="single" borderColor={canSend ? 'green' : 'gray'} paddingX={1}>
      {view.rows.map((row, i) =>
        i === view.cursorRow ? (
          <Text key={i} wrap="truncate">
            {view.before}
            {plainCursor ? `${PLAIN_CURSOR}${view.at}` : <Text inverse>{view.at === '' ? ' ' : view.at}</Text>}
            {view.after}
          </Text>
        ) : (
          <Text key={i} wrap="truncate">
            {row === '' ? ' ' : row}
          </Text>
        ),
      )}
      {warning && limitAnswer(state.text).cut ? (
        <Text color="yellow" wrap="truncate">
          {firstThatFits(
            [
              `⚠ Over ${LIMIT} characters: only the first ${LIMIT} will be kept.`,
              `⚠ Over ${LIMIT} characters: the rest is not kept.`,
            ],
            inner,
          )}
        </Text>
      ) : null}
      {hint ? (
        notice ? (
          <Text color="yellow" wrap="truncate">
            {notice}
          </Text>
        ) : (
          <Text dimColor wrap="truncate">
            {firstThatFits(canSend ? SEND_HINTS.map((h) => position + h) : WAIT_HINTS, inner)}
          </Text>
        )
      ) : null}
    </Box>
  );
}

const SEND_HINTS = [
  'Enter send · Alt-Enter/Ctrl-J new line · /skip · /end · /help',
  'Enter send · Ctrl-J new line · /skip /end /help',
  'Enter send · /help',
];

// "Enter send" appears only while Enter sends: the tests (and a person) read it as "answer now".
const WAIT_HINTS = [
  'the interviewer is speaking… type ahead, it is sent once you are asked',
  'the interviewer is speaking… you can type ahead',
  'the interviewer is speaking…',
];
