import { useEffect, useState } from 'react';
import { useStdout } from 'ink';
import { terminalRows } from './ink-stdout.js';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** The terminal's size, re-read when the window is resized (Ink alone only recomputes its layout). */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));
  useEffect(() => {
    const onResize = () => setSize(sizeOf(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

function sizeOf(stdout: NodeJS.WriteStream): TerminalSize {
  // Not a terminal (tests, pipes): the classic 80x24.
  return { columns: stdout.columns || 80, rows: terminalRows(stdout) || 24 };
}
