import { useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { editorReducer, emptyEditor, keyToAction, type EditorAction } from '../answer-editor.js';
import { ANSWER_CHAR_LIMIT, limitAnswer } from '../../core/interview/answer-limit.js';

interface Props {
  active: boolean;
  onSubmit: (text: string) => void;
  onHelp: () => void;
}

/** Multi-line answer input: Enter sends, Alt-Enter / Ctrl-J add a line, pastes keep their lines. */
export function AnswerBox({ active, onSubmit, onHelp }: Props) {
  // Keys can arrive faster than React re-renders (a paste then Enter, tmux send-keys), so the
  // handler works on a ref that is updated at once; the state copy only drives rendering.
  const latest = useRef(emptyEditor);
  const [state, setState] = useState(emptyEditor);
  const dispatch = (action: EditorAction) => {
    latest.current = editorReducer(latest.current, action);
    setState(latest.current);
  };
  useInput(
    (input, key) => {
      const action = keyToAction(input, key);
      if (action === null) return;
      if (action === 'submit') {
        const text = latest.current.text.trim();
        if (text === '') return;
        if (text.toLowerCase() === '/help') onHelp();
        else onSubmit(latest.current.text);
        dispatch({ type: 'clear' });
        return;
      }
      dispatch(action);
    },
    { isActive: active },
  );
  const before = state.text.slice(0, state.cursor);
  const at = state.text.slice(state.cursor, state.cursor + 1);
  const after = state.text.slice(state.cursor + 1);
  return (
    <Box flexDirection="column" borderStyle="single" borderColor={active ? 'green' : 'gray'} paddingX={1}>
      <Text>
        {before}
        {active ? <Text inverse>{at === '' || at === '\n' ? ' ' : at}</Text> : at}
        {at === '\n' ? '\n' : ''}
        {after}
        {!active && state.text === '' ? <Text dimColor>…</Text> : null}
      </Text>
      {limitAnswer(state.text).cut ? (
        <Text color="yellow">
          ⚠ Over {ANSWER_CHAR_LIMIT.toLocaleString('en-US')} characters: only the first{' '}
          {ANSWER_CHAR_LIMIT.toLocaleString('en-US')} will be kept.
        </Text>
      ) : null}
      <Text dimColor>
        {active ? 'Enter send · Alt-Enter/Ctrl-J new line · /skip · /end · /help' : 'the interviewer is speaking…'}
      </Text>
    </Box>
  );
}
