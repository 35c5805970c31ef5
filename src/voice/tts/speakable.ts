/**
 * What a TTS engine may be given. Engines read one sentence per line (Piper) or per argument,
 * so a sentence is first made one line with shared/text `singleLine` (collapsing other
 * whitespace changes nothing that is heard).
 */

/** True when the text has something to say (a letter or a digit): other lines make no audio, and Python piper fails on them. */
export function isSpeakable(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
