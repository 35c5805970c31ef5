import { createInterface } from 'node:readline/promises';
import { UsageError } from '../shared/errors.js';

/**
 * Asks y/N on a terminal. Without a terminal there is nobody to ask: refuse unless --yes,
 * so a script never deletes by accident.
 */
export async function confirm(question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY)
    throw new UsageError('Refusing to delete without confirmation when not at a terminal.', 'Pass --yes to confirm.');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
