import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text, useApp, useInput } from 'ink';
import type { SessionDocument, SessionTurn } from '../../core/session-document.js';
import {
  answerNotes,
  evaluationNote,
  noteFacts,
  scoreLabel,
  shortMode,
  turnLabel,
  turnOffsetMs,
  turnText,
  type AnswerNote,
} from '../../core/session-formats.js';
import { errorMessage } from '../../shared/errors.js';
import { cleanText as clean } from '../../shared/sanitize.js';
import { EvaluationView } from '../components/EvaluationView.js';
import { answerQuote, answerVerified, gradeNotes, gradeValue } from '../../core/evaluation/grade-text.js';
import {
  autoAdvanceDelay,
  initialReplayState,
  keyToReplayCommand,
  replayReducer,
  type ReplayAction,
} from './replay-state.js';
import { clock, localDateTime, plural, shortId } from '../../shared/format.js';
import { useTerminalSize } from '../use-terminal-size.js';
import { replayDocumentLines } from './replay-documents.js';

export interface ReplayViewerProps {
  doc: SessionDocument;
  /** `--speed`: auto-advance with the original pacing divided by this factor; off when absent. */
  speed?: number | null;
  /** Plays a turn's recorded audio; resolves when it has finished. */
  playAudio?: (turn: SessionTurn) => Promise<void>;
  onQuit?: () => void;
}

/** A past session, one turn at a time, with each answer's feedback and the evaluation at the end. */
export function ReplayViewer({ doc, speed, playAudio, onQuit }: ReplayViewerProps) {
  const { exit } = useApp();
  const turns = doc.transcript;
  // Keys can arrive before React has re-rendered (a chunk like "jja", or a key right after a
  // step): the handler reads and updates this ref at once; the state copy only drives rendering.
  const [state, setState] = useState(() => initialReplayState(turns.length, Boolean(speed)));
  const latest = useRef(state);
  const dispatch = useCallback((action: ReplayAction) => {
    latest.current = replayReducer(latest.current, action);
    setState(latest.current);
  }, []);
  const notes = useMemo(() => answerNotes(doc), [doc]);
  const { columns, rows } = useTerminalSize();
  const documentLines = replayDocumentLines(doc, columns, rows);
  const times = useMemo(
    () => [...turns.map((t) => t.createdAt), doc.endedAt ?? doc.evaluation?.createdAt ?? null],
    [doc, turns],
  );
  const turn: SessionTurn | undefined = turns[state.index];
  const note = turn ? notes.bySeq.get(turn.seq) : undefined;

  useEffect(() => {
    if (!state.playing || !speed) return;
    const delay = autoAdvanceDelay(times, state.index, speed);
    if (delay === null) return;
    const timer = setTimeout(() => dispatch({ type: 'tick' }), delay);
    return () => clearTimeout(timer);
  }, [state.index, state.playing, speed, times, dispatch]);

  function handle(input: string, key: Parameters<typeof keyToReplayCommand>[1]) {
    const command = keyToReplayCommand(input, key);
    if (command === null) return;
    if (command === 'quit') {
      onQuit?.();
      exit();
      return;
    }
    if (command === 'audio') {
      const at = latest.current.index;
      const turn = turns[at];
      if (!turn || turn.speaker !== 'candidate')
        return dispatch({ type: 'notice', text: 'Audio is recorded for answers only.' });
      if (!turn.audioUrl || !playAudio) return dispatch({ type: 'notice', text: 'no audio for this answer' });
      dispatch({ type: 'notice', text: '▶ playing the answer’s audio…' });
      playAudio(turn).then(
        () => latest.current.index === at && dispatch({ type: 'notice', text: null }),
        (err: unknown) => latest.current.index === at && dispatch({ type: 'notice', text: `✖ ${errorMessage(err)}` }),
      );
      return;
    }
    if (command.type === 'toggle-play' && !speed)
      return dispatch({
        type: 'notice',
        text: 'Auto-play needs --speed (e.g. interview-coach replay last --speed 2).',
      });
    dispatch(command);
  }

  useInput((input, key) => {
    // Keys typed quickly (or held down) can arrive as one chunk: "jjj" is three steps.
    if (input.length > 1 && !key.ctrl && !key.meta) {
      for (const ch of input) handle(ch, key);
      return;
    }
    handle(input, key);
  });

  const previous = turn && turn.speaker === 'candidate' ? turns[state.index - 1] : undefined;
  const atEnd = state.index === state.steps - 1;
  return (
    <Box flexDirection="column">
      <Box borderStyle="round" borderColor="cyan" paddingX={1}>
        <Text>
          <Text bold>{doc.role.title}</Text> · {localDateTime(doc.startedAt)} ·{' '}
          <Text dimColor>
            {shortMode(doc)}
            {doc.interviewer === 'ollama' && doc.model ? ` (${doc.model})` : ''}
          </Text>{' '}
          · <Text bold>{scoreLabel(doc.evaluation, doc.difficulty)}</Text>
        </Text>
      </Box>
      {documentLines.map((line, i) => (
        <Text key={i} dimColor wrap="truncate">
          {line}
        </Text>
      ))}
      <Text dimColor>
        {atEnd
          ? `Evaluation · end of the replay (${plural(turns.length, 'turn')})`
          : `Turn ${state.index + 1} of ${turns.length}`}
        {speed && state.playing ? `  ▶ auto ${speed}×` : ''}
        {speed && !state.playing && !atEnd ? '  ⏸ paused (p to play)' : ''}
      </Text>
      {previous && previous.speaker === 'interviewer' ? <TurnView doc={doc} turn={previous} dim /> : null}
      {turn ? <TurnView doc={doc} turn={turn} /> : null}
      {note ? <NoteView note={note} /> : null}
      {atEnd ? <EndPage doc={doc} /> : null}
      {state.notice ? <Text color="yellow">{state.notice}</Text> : null}
      <Box marginTop={1}>
        <Text dimColor>
          ←/k back · →/space/j next · Home/End · {turn?.audioUrl ? 'a audio · ' : ''}
          {speed ? 'p pause · ' : ''}q quit
        </Text>
      </Box>
    </Box>
  );
}

function TurnView({ doc, turn, dim = false }: { doc: SessionDocument; turn: SessionTurn; dim?: boolean }) {
  const interviewer = turn.speaker === 'interviewer';
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text dimColor={dim}>
        <Text dimColor>[{clock(turnOffsetMs(doc, turn))}] </Text>
        <Text bold color={dim ? undefined : interviewer ? 'cyan' : 'green'}>
          {turnLabel(turn, 'You')}
        </Text>
        {turn.audioUrl ? <Text dimColor> ♪</Text> : null}
      </Text>
      <Text dimColor={dim || turn.kind === 'skipped'}>
        {turnText(turn)}
        {turn.cancelled ? <Text dimColor> [cancelled]</Text> : null}
      </Text>
    </Box>
  );
}

function NoteView({ note }: { note: AnswerNote }) {
  if (note.kind === 'heuristic') {
    return (
      <Box flexDirection="column" marginTop={1} borderStyle="single" borderColor="yellow" paddingX={1}>
        <Text bold>
          Facts on Q{note.questionNumber} <Text color="yellow">(heuristic, no AI)</Text>
        </Text>
        <Text dimColor>{noteFacts(note)}</Text>
      </Box>
    );
  }
  const color = note.score >= 4 ? 'green' : note.score >= 2 ? 'yellow' : 'red';
  const notes = gradeNotes(note, answerVerified(note));
  const words = answerQuote(note);
  return (
    <Box flexDirection="column" marginTop={1} borderStyle="single" borderColor="magenta" paddingX={1}>
      <Text bold>
        Feedback on Q{note.questionNumber} <Text color={color}>({gradeValue(note.score)}</Text>
        {notes.length ? <Text color={answerVerified(note) ? undefined : 'yellow'}>, {notes.join(', ')}</Text> : null}
        <Text color={color}>)</Text>
      </Text>
      {words ? (
        <Text>
          <Text color="magenta">Your words: </Text>
          <Text dimColor>“{clean(words)}”</Text>
        </Text>
      ) : null}
      <Text>
        <Text color="green">Landed: </Text>
        {clean(note.landed)}
      </Text>
      <Text>
        <Text color="yellow">Missing: </Text>
        {clean(note.missing)}
      </Text>
      <Text>
        <Text color="cyan">Stronger, from what you said: </Text>
        {clean(note.strongerAnswer)}
      </Text>
    </Box>
  );
}

function EndPage({ doc }: { doc: SessionDocument }) {
  if (!doc.evaluation) {
    return (
      <Box marginTop={1}>
        <Text dimColor>Not evaluated. Run: interview-coach evaluate {shortId(doc.id)}</Text>
      </Box>
    );
  }
  const note = evaluationNote(doc);
  return (
    <Box flexDirection="column">
      {note ? (
        <Box marginTop={1}>
          <Text color="yellow">⚠ {note}</Text>
        </Box>
      ) : null}
      <EvaluationView evaluation={doc.evaluation} sessionId={doc.id} difficulty={doc.difficulty} />
    </Box>
  );
}
