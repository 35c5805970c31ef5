/**
 * Candidate text goes into prompts only between two markers carrying a nonce. The nonce is
 * derived from the session (so every request of a session has the same prefix, which the
 * model server can reuse instead of reading the whole conversation again), and the fenced
 * text never contains it: any occurrence is replaced, so an answer cannot close its fence.
 */
import { createHash, randomBytes } from 'node:crypto';

/** 8 hex characters, the same for every request about this session. */
export function sessionNonce(seed: string): string {
  return createHash('sha256').update(`interview-coach fence ${seed}`).digest('hex').slice(0, 8);
}

/** 8 random hex characters, for a prompt that is not part of a session's conversation. */
export function randomNonce(): string {
  return randomBytes(4).toString('hex');
}

/** `<<<LABEL-nonce>>>` text `<<<END-LABEL-nonce>>>`, the nonce removed from the text itself. */
export function fence(text: string, nonce: string, label: string): string {
  const safe = text.split(nonce).join('[marker removed]');
  return `<<<${label}-${nonce}>>>\n${safe}\n<<<END-${label}-${nonce}>>>`;
}

/**
 * 8 hex characters for a judge prompt: the same for the same seed (the session id and its
 * transcript), so judging a session twice sends the same request, yet never found in any of
 * `texts` (the text to be fenced). When a candidate occurs in them, the next one is derived from
 * the same seed and a counter, so the choice stays deterministic.
 */
export function transcriptNonce(seed: string, texts: readonly string[]): string {
  for (let k = 0; ; k++) {
    const nonce = createHash('sha256').update(`interview-coach judge fence ${k} ${seed}`).digest('hex').slice(0, 8);
    if (!texts.some((t) => t.includes(nonce))) return nonce;
  }
}
