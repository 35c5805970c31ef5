/**
 * The longest answer kept: 20,000 characters, about half an hour of fast speech or a long
 * essay. Every answer (typed in the TUI, piped, spoken) is cut here when it is saved, so a
 * pasted log file cannot fill the database, the prompts and the screen.
 */
export const ANSWER_CHAR_LIMIT = 20_000;

/** The answer as it is kept: its first ANSWER_CHAR_LIMIT characters (never half of a surrogate pair). */
export function limitAnswer(text: string): { text: string; cut: boolean } {
  if (text.length <= ANSWER_CHAR_LIMIT) return { text, cut: false };
  let end = 0;
  let count = 0;
  for (const char of text) {
    if (count === ANSWER_CHAR_LIMIT) return { text: text.slice(0, end), cut: true };
    end += char.length;
    count++;
  }
  return { text, cut: false };
}

export const ANSWER_CUT_NOTICE = `Your answer was longer than ${ANSWER_CHAR_LIMIT.toLocaleString('en-US')} characters: only its first ${ANSWER_CHAR_LIMIT.toLocaleString('en-US')} are kept.`;
