import { Text } from 'ink';
import InkSpinner from 'ink-spinner';
import { useNow } from '../use-now.js';

/** A spinner (ink-spinner) with elapsed seconds, for model loads that can take a while. One row, never wrapped. */
export function Spinner({ label, since, hint = 'Esc to cancel' }: { label: string; since: number; hint?: string }) {
  const now = useNow(1000);
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  return (
    <Text wrap="truncate">
      <Text color="cyan">
        <InkSpinner type="dots" />
      </Text>{' '}
      <Text dimColor>
        {label} {seconds}s · {hint}
      </Text>
    </Text>
  );
}
