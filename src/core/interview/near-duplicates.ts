/**
 * Finds near-duplicate questions inside one pool (test/roles-content.test.ts), and a question
 * derived from a job description or a résumé that repeats a planned one (grounding/question-checks.ts): two questions that share most of their
 * content words ask the same thing in other words, which wastes a slot in a session.
 *
 * Content words: lower-cased words of three or more letters, minus common function words and
 * the stock openings every question shares ("tell me about a time", "how would you", "design"),
 * with a plural "s" dropped so "index" and "indexes" count once. Two questions are near
 * duplicates when the content words they share are at least NEAR_DUPLICATE_SHARE of the smaller
 * question's content words (at least MIN_SHARED words, so two short questions that share one
 * word are not flagged).
 */
export const NEAR_DUPLICATE_SHARE = 0.6;
export const MIN_SHARED = 3;

const STOP_WORDS = new Set(
  // prettier-ignore
  [
    'the', 'and', 'for', 'are', 'but', 'not', 'you', 'your', 'yours', 'with', 'that', 'this', 'these', 'those', 'from',
    'into', 'onto', 'over', 'than', 'then', 'them', 'they', 'their', 'there', 'what', 'when', 'where', 'which', 'who',
    'whom', 'whose', 'why', 'how', 'would', 'could', 'should', 'will', 'can', 'did', 'does', 'was', 'were', 'been',
    'being', 'have', 'has', 'had', 'its', 'our', 'out', 'all', 'any', 'each', 'every', 'some', 'one', 'two', 'who',
    'about', 'after', 'before', 'while', 'without', 'within', 'between', 'across', 'still', 'just', 'only', 'also',
    'more', 'most', 'much', 'very', 'so', 'too', 'own', 'other', 'another', 'such', 'same', 'both', 'either', 'make',
    'tell', 'time', 'describe', 'walk', 'through', 'design', 'way', 'get', 'use', 'using', 'what', 'yet', 'now',
    'whether', 'like', 'might', 'must', 'may', 'need', 'needs', 'someone', 'something', 'thing', 'things', 'instead',
  ],
);

export function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  return new Set(
    words
      .filter((w) => w.length >= 3 && !STOP_WORDS.has(w))
      .map((w) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w)),
  );
}

export interface NearDuplicate {
  a: string;
  b: string;
  shared: string[];
  share: number;
}

/** Every pair of texts whose shared content words reach the threshold, most similar first. */
export function nearDuplicates(texts: readonly string[]): NearDuplicate[] {
  const sets = texts.map(contentWords);
  const found: NearDuplicate[] = [];
  sets.forEach((a, i) => {
    sets.slice(i + 1).forEach((b, k) => {
      const shared = [...a].filter((w) => b.has(w));
      const share = shared.length / Math.max(1, Math.min(a.size, b.size));
      if (shared.length >= MIN_SHARED && share >= NEAR_DUPLICATE_SHARE)
        found.push({ a: texts[i] ?? '', b: texts[i + 1 + k] ?? '', shared, share });
    });
  });
  return found.sort((x, y) => y.share - x.share);
}
