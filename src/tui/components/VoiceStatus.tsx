import { Text } from 'ink';
import type { VoiceState } from '../../model/voice.js';
import { levelBar } from './level-bar.js';

const LABELS: Record<VoiceState, string> = {
  idle: 'press Tab to record your answer (or type it)',
  listening: 'listening… speak your answer (or type it)',
  recording: 'recording… pause to finish (Enter: done)',
  'still-listening': 'still listening… go on, or press Enter if you are done',
  transcribing: 'transcribing…',
  speaking: 'speaking… Esc to stop',
};

export function VoiceStatus({ state, level, pushToTalk }: { state: VoiceState; level: number; pushToTalk: boolean }) {
  const live = state === 'listening' || state === 'recording' || state === 'still-listening';
  const label = state === 'recording' && pushToTalk ? 'recording… press Tab to finish' : LABELS[state];
  // One row, never wrapped: the live region's height is counted in rows.
  return (
    <Text wrap="truncate">
      <Text color={state === 'recording' ? 'red' : 'cyan'}>{state === 'speaking' ? '🔊' : '🎙'} </Text>
      {live ? <Text color="green">{levelBar(level, 12)} </Text> : null}
      <Text dimColor>{label}</Text>
    </Text>
  );
}
