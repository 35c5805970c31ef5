import { useRef, useState } from 'react';
import { useInput } from 'ink';
import { editorReducer, emptyEditor, keyToActions, type EditorAction, type EditorState } from './answer-editor.js';
import { commandOf, COMMAND_NAMES } from '../core/interview/answer-commands.js';

export interface AnswerEditorOptions {
  /**
   * Sends the answer (commands included); false when nothing awaits one now, and the text
   * stays in the box.
   */
  onSubmit: (text: string) => boolean;
  onHelp: () => void;
  /** The width the answer is wrapped at (↑ and ↓ move by row). */
  columns: number;
}

export interface AnswerEditor {
  state: EditorState;
  /** A one-line note about the last Enter (an unknown command, nothing asked yet); null when none. */
  notice: string | null;
}

/**
 * The answer box's keys. It listens the whole interview: text typed while the interviewer
 * speaks or streams stays in the box and is sent with the next Enter once a question is asked.
 * `/help` shows the keys; another `/word` that is not a command is not sent ("unknown command").
 */
export function useAnswerEditor({ onSubmit, onHelp, columns }: AnswerEditorOptions): AnswerEditor {
  // Ink hands over the keys of one chunk one by one, faster than React re-renders and gives
  // useInput the next handler: the handler works on refs updated at once, state only renders.
  const latest = useRef<EditorView>(nothingTyped);
  const [shown, setShown] = useState<EditorView>(nothingTyped);
  useInput((input, key) => {
    let { state, notice } = latest.current;
    const apply = (action: EditorAction) => {
      const next = editorReducer(state, action);
      if (next.text !== state.text) notice = null;
      state = next;
    };
    for (const result of keyToActions(input, key, columns)) {
      if (result !== 'submit') apply(result);
      else {
        const outcome = send(state.text, onSubmit, onHelp);
        if (outcome.sent) apply({ type: 'clear' });
        else notice = outcome.note;
      }
    }
    latest.current = { state, notice };
    setShown(latest.current);
  });
  const { state, notice } = shown;
  return { state, notice };
}

interface EditorView {
  state: EditorState;
  notice: string | null;
}

const nothingTyped: EditorView = { state: emptyEditor, notice: null };

type SendOutcome = { sent: true } | { sent: false; note: string | null };

/** What Enter does with the text: sent (the box empties), or not, with the note to show. */
function send(text: string, onSubmit: (text: string) => boolean, onHelp: () => void): SendOutcome {
  if (text.trim() === '') return { sent: false, note: null };
  const command = commandOf(text);
  if (command?.command === 'help') {
    onHelp();
    return { sent: true };
  }
  if (command && command.command === null) {
    return {
      sent: false,
      note: `Unknown command /${command.name} (not sent) · commands: ${COMMAND_NAMES.join(' ')}`,
    };
  }
  if (onSubmit(text)) return { sent: true };
  return { sent: false, note: 'Not sent: the interviewer has not asked yet (your text stays in the box).' };
}
