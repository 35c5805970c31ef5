import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./db-writer.mjs', import.meta.url));

export interface Writer {
  child: ChildProcess;
  /** What it printed so far, line by line (`committed N`, `holding N`). */
  lines: string[];
  exited: Promise<void>;
}

/** Starts test/support/db-writer.mjs: another process writing to the database (see its header). */
export function startWriter(file: string, mode: 'commit' | 'hold'): Writer {
  const child = spawn(process.execPath, [SCRIPT, file, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, lines, exited };
}
