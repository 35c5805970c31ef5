import { Text } from 'ink';
import { useNow } from '../use-now.js';

const FRAMES = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

/** A spinner with elapsed seconds, for model loads that can take a while. */
export function Spinner({ label, since, hint = 'Esc to cancel' }: { label: string; since: number; hint?: string }) {
  const now = useNow(100);
  const frame = FRAMES[Math.floor(now / 100) % FRAMES.length];
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  return (
    <Text color="cyan">
      {frame}{' '}
      <Text dimColor>
        {label} {seconds}s · {hint}
      </Text>
    </Text>
  );
}
