/**
 * Did the model ask the planned question, in its own words? The model is told to reword the
 * question without changing its meaning; a small model may swap in a favourite question of its
 * own instead, and the plan (and `retry --question N`) would no longer hold. A rewording keeps
 * the question's subject words (rate limiter, public API, schema change), so the check is how
 * many of the planned question's content words the reply uses, each compared by its first five
 * letters so "limiter" matches "limiting" and "designing" matches "design".
 */

/** Words that say how a question is asked, not what it is about. */
const FRAME = new Set(
  (
    'the and for with that this what how why when which who where would could should will can you your yours ' +
    'have has had was were are our their there then than into from about over under some any all one ' +
    'tell describe explain walk through give example time times talk discuss share think approach ' +
    'handle make made use used like just also more most very really please let lets'
  ).split(' '),
);

const STEM = 5;
/**
 * Share of the planned question's subject words a rewording must keep. Measured on the built-in
 * questions (test/on-plan.test.ts): ten model-style rewordings all pass, while another question
 * of the same role passes in 2 of 9,570 pairs.
 */
const MIN_SHARE = 0.5;

/** Subject words (numbers too: a rewording may write "10,000" as "ten thousand"), singular, cut to five letters. */
export function contentStems(text: string): Set<string> {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  return new Set(
    words.filter((w) => w.length >= 3 && !FRAME.has(w)).map((w) => w.replace(/(?<=...)s$/, '').slice(0, STEM)),
  );
}

/** True when `said` carries enough of the planned question's subject to be that question. */
export function asksPlannedQuestion(said: string, planned: string): boolean {
  const wanted = contentStems(planned);
  if (wanted.size === 0) return true;
  const have = contentStems(said);
  const found = [...wanted].filter((w) => have.has(w)).length;
  return found / wanted.size >= MIN_SHARE;
}

/**
 * Interview questions are often requests, not sentences with a question mark: "Tell me about a
 * time…", "Design a URL shortener…", "Walk me through…". A sentence asks when it has a question
 * mark or opens (after a word like "So," or "Now,") with one of those requests.
 */
const REQUEST =
  /^\s*(?:(?:so|now|next|okay|ok|alright|all right|and|then|first|finally|to start|to begin)[,.!]?\s+)*(?:please\s+)?(?:tell (?:me|us)|describe|design|walk (?:me|us) through|talk (?:me|us) through|take (?:me|us) through|explain|give (?:me|us)|share|sketch|outline|compare|estimate|imagine you|let'?s design|let us design)\b/i;

export function isAsking(sentence: string): boolean {
  return sentence.includes('?') || REQUEST.test(sentence);
}
