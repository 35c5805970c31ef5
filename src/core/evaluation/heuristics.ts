/**
 * Offline answer heuristics: cheap, deterministic facts about an answer that need no model.
 * Everything here is a pure function of its arguments (no I/O, no clock, no randomness).
 *
 * All matching works on the token sequence produced by `tokenize`, so punctuation never
 * glues words together ("um,like" is two tokens) and a phrase never matches inside a longer
 * word ("umbrella" is not "um", "likely" is not "like").
 */

import type { AnswerFacts, FillerCount } from '../../model/evaluation.js';

/* ------------------------------------------------------------------------------------------ */
/* Tokens                                                                                     */
/* ------------------------------------------------------------------------------------------ */

interface Span {
  token: string;
  start: number;
  end: number;
}

/**
 * A token is a run of letters/digits (with combining marks). An apostrophe between letters
 * stays inside the word ("don't"), and a '.' or ',' between two digits stays inside a number
 * ("3.5", "1,000"). Everything else splits.
 */
const TOKEN_RE = /[\p{L}\p{M}\p{N}]+(?:(?:'|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

/** Lower-cases, folds typographic apostrophes to ', and returns the string the spans index into. */
function normalize(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02BC\u2032]/g, "'")
    .toLowerCase();
}

function spansOf(normalized: string): Span[] {
  const spans: Span[] = [];
  for (const m of normalized.matchAll(TOKEN_RE)) {
    const start = m.index ?? 0;
    spans.push({ token: m[0], start, end: start + m[0].length });
  }
  return spans;
}

/** Lower-case word tokens. "Um,like" -> ['um', 'like']; "don't" stays one token; "40ms" -> '40ms'. */
export function tokenize(text: string): string[] {
  return spansOf(normalize(text)).map((s) => s.token);
}

/** True when only whitespace separates two adjacent spans (no comma, dash, full stop, ...). */
function joinedBySpace(normalized: string, a: Span, b: Span): boolean {
  return /^\s+$/.test(normalized.slice(a.end, b.start));
}

function phraseAt(tokens: readonly string[], i: number, phrase: readonly string[]): boolean {
  if (phrase.length === 0 || i + phrase.length > tokens.length) return false;
  for (let k = 0; k < phrase.length; k++) if (tokens[i + k] !== phrase[k]) return false;
  return true;
}

function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  for (let i = 0; i + phrase.length <= tokens.length; i++) if (phraseAt(tokens, i, phrase)) return true;
  return false;
}

function containsAny(tokens: readonly string[], phrases: readonly (readonly string[])[]): boolean {
  return phrases.some((p) => containsPhrase(tokens, p));
}

function compile(phrases: readonly string[]): string[][] {
  return phrases.map((p) => tokenize(p)).filter((t) => t.length > 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Fillers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

export const FILLER_PHRASES: readonly string[] = [
  'um',
  'uh',
  'erm',
  'hmm',
  'like',
  'you know',
  'sort of',
  'kind of',
  'kinda',
  'sorta',
  'basically',
  'i mean',
  'actually',
  'literally',
];

/** Drawn-out hesitations count as their short form: "ummm" -> um, "uhh" -> uh, "errm" -> erm, "hm" -> hmm. */
function canonicalHesitation(token: string): string {
  if (/^u+m+$/.test(token)) return 'um';
  if (/^u+h+$/.test(token)) return 'uh';
  if (/^e+r+m+$/.test(token)) return 'erm';
  if (/^h+m+$/.test(token)) return 'hmm';
  return token;
}

/**
 * Context where a filler word is being used literally. The exception only applies when the
 * previous token is separated by plain whitespace: "I like Go" is a verb, "I, like, built" is filler.
 *   like     after a subject, "would"/"'d", a perception verb or a noun that introduces examples
 *            ("I like", "I'd like", "looks like", "things like")
 *   kind of / sort of  after a determiner ("what kind of", "this sort of", "the kind of")
 *   you know after do/did/if ("do you know", "if you know")
 */
// prettier-ignore
const DETERMINERS: ReadonlySet<string> = new Set([
  'what', "what's", 'which', 'this', 'that', 'these', 'those', 'the', 'a', 'an', 'any', 'every', 'each',
  'same', 'different', 'one', 'another', 'other', 'all',
]);
// prettier-ignore
const LITERAL_BEFORE: Readonly<Record<string, ReadonlySet<string>>> = {
  like: new Set([
    'i', 'you', 'we', 'they', 'he', 'she', 'would', "i'd", "we'd", "you'd", "they'd", "he'd", "she'd",
    'look', 'looks', 'looked', 'looking', 'seem', 'seems', 'seemed', 'feel', 'feels', 'felt',
    'sound', 'sounds', 'sounded', 'something', 'anything', 'nothing', 'thing', 'things', 'stuff',
    'tools', 'languages', 'exactly', 'just', 'really', 'also', 'not', "don't", "didn't", "doesn't",
    'much', 'more', 'most',
  ]),
  'kind of': DETERMINERS,
  'sort of': DETERMINERS,
  'you know': new Set(['do', 'did', "don't", "didn't", 'if', 'whether']),
};

const FILLER_TOKENS = FILLER_PHRASES.map((p) => ({ phrase: p, tokens: tokenize(p) }))
  // Longest first so a multi-word phrase wins over a single word at the same position.
  .sort((a, b) => b.tokens.length - a.tokens.length);

/**
 * Counts filler phrases as whole tokens / consecutive tokens, left to right, without overlap.
 * byPhrase: only phrases seen, most frequent first (ties keep FILLER_PHRASES order).
 */
export function countFillers(text: string): { total: number; byPhrase: FillerCount[] } {
  const normalized = normalize(text);
  const spans = spansOf(normalized);
  const tokens = spans.map((s) => canonicalHesitation(s.token));
  const counts = new Map<string, number>();
  let i = 0;
  while (i < tokens.length) {
    const hit = FILLER_TOKENS.find(({ phrase, tokens: p }) => {
      if (!phraseAt(tokens, i, p)) return false;
      const literal = LITERAL_BEFORE[phrase];
      const before = tokens[i - 1];
      const [prevSpan, span] = [spans[i - 1], spans[i]];
      // "I like ..." is a verb, not a filler: the word before decides, when only a space separates them.
      return !(
        literal &&
        before !== undefined &&
        prevSpan &&
        span &&
        literal.has(before) &&
        joinedBySpace(normalized, prevSpan, span)
      );
    });
    if (hit) {
      counts.set(hit.phrase, (counts.get(hit.phrase) ?? 0) + 1);
      i += hit.tokens.length;
    } else {
      i += 1;
    }
  }
  const byPhrase = FILLER_PHRASES.filter((p) => counts.has(p))
    .map((phrase) => ({ phrase, count: counts.get(phrase) ?? 0 }))
    .sort((a, b) => b.count - a.count);
  return { total: byPhrase.reduce((sum, f) => sum + f.count, 0), byPhrase };
}

/* ------------------------------------------------------------------------------------------ */
/* Numbers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

// prettier-ignore
const SPELLED_NUMBERS = new Set([
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety',
  'hundred', 'hundreds', 'thousand', 'thousands', 'million', 'millions', 'billion', 'billions',
  'dozen', 'dozens', 'half',
]);

/** Words that make a spelled number a quantity ("ten minutes", "hundreds of users"). */
// prettier-ignore
const QUANTITY_UNITS = new Set([
  'ms', 'millisecond', 'milliseconds', 'second', 'seconds', 'sec', 'secs', 'minute', 'minutes',
  'hour', 'hours', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years',
  'percent', 'x', 'times', 'users', 'customers', 'clients', 'requests', 'queries', 'calls',
  'errors', 'incidents', 'tickets', 'bugs', 'engineers', 'people', 'developers', 'teams', 'services',
  'servers', 'nodes', 'instances', 'machines', 'hosts', 'dollars', 'euros', 'pounds', 'k',
  'gb', 'mb', 'kb', 'tb', 'gigabytes', 'megabytes', 'terabytes', 'rows', 'records', 'events',
  'messages', 'deploys', 'deployments', 'releases', 'points',
]);

const MULTIPLIER_WORDS = new Set(['doubled', 'halved', 'tripled', 'quadrupled', 'tenfold', 'twofold', 'threefold']);

/** A token that starts with a digit: "40", "40ms", "2x", "3.5", "1,000", "2023". Not "p99", "k8s", "s3". */
function isNumeric(token: string): boolean {
  return /^\p{N}/u.test(token);
}

/**
 * True when the answer quantifies something: any token that starts with a digit (so "15%",
 * "2x", "300 ms", "40ms"; but identifiers like "p99", "k8s", "ec2" do not count), a
 * multiplier word ("doubled", "halved"), or a spelled number ("two".."ninety", "hundred",
 * "thousands", "dozen", "half"; not "one") followed within two tokens by a unit word
 * ("ten minutes", "hundreds of users").
 */
export function hasNumbers(text: string): boolean {
  const tokens = tokenize(text);
  return tokens.some((t, i) => {
    if (isNumeric(t) || MULTIPLIER_WORDS.has(t)) return true;
    if (!SPELLED_NUMBERS.has(t)) return false;
    return tokens.slice(i + 1, i + 3).some((next) => QUANTITY_UNITS.has(next));
  });
}

/* ------------------------------------------------------------------------------------------ */
/* STAR                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/*
 * STAR cues. Each list is matched as whole consecutive tokens (case-insensitive).
 *
 * Situation: "when i was", "while i was", "at my last job/company", "at my last", "at my previous",
 *   "at my current", "in my last", "in my previous", "in my current", "we had a(n)", "the situation",
 *   "there was a(n)", "back when", "years ago", "months ago", "last year", "one time", "a while ago",
 *   "the context", "i was working", "our team was/had", "my team was/had", "i joined".
 * Task: "my task", "the task was", "my job was", "my role was", "my responsibility", "i was responsible",
 *   "i was asked to", "i was tasked", "i was in charge", "the goal was", "our goal was", "my goal was",
 *   "the aim was", "the objective", "i needed to", "we needed to", "i had to", "we had to",
 *   "the challenge was", "the problem was", "i owned", "i was supposed to".
 * Action: "i" or "i've" (optionally followed by one adverb such as "then", "first", "also",
 *   "personally") followed by a past-tense action verb (decided, built, led, implemented, wrote,
 *   proposed, designed, created, introduced, added, set, organized, refactored, migrated, rewrote,
 *   started, investigated, analyzed, profiled, automated, fixed, changed, moved, replaced, pushed,
 *   convinced, negotiated, mentored, paired, ran, drove, coordinated, split, prototyped, benchmarked,
 *   measured, tested, deployed, reviewed, documented, escalated, scheduled, met, talked, spoke,
 *   reached, asked, suggested, recommended, explained, presented, chose, took, worked, gathered,
 *   optimized, removed, added, ...); also "what i did", "my approach was", "i started by".
 *   "we built" deliberately does not count: the Action is what *you* did.
 * Result: "as a result", "the result", "in the end", "ended up", "resulting in", "which/this/that led to",
 *   "the outcome", "which reduced/cut/improved/saved/increased", "we cut/reduced/saved", "went from",
 *   "went down", "went up", "dropped from"; the words reduced, increased, improved, saved, decreased,
 *   dropped, halved, doubled, tripled, eliminated, shipped, launched, delivered; or a measured change:
 *   a percentage ("15%", "15 percent"), a multiplier ("2x", "3 times"), money ("$5k"), or a
 *   number with a time/size/rate unit ("300 ms", "40ms", "2 hours", "5 GB", "1,000 rps") that
 *   is not followed by "ago".
 */
// prettier-ignore
const SITUATION_CUES = compile([
  'when i was', 'while i was', 'at my last job', 'at my last company', 'at my last', 'at my previous',
  'at my current', 'in my last', 'in my previous', 'in my current', 'we had a', 'we had an',
  'the situation', 'there was a', 'there was an', 'back when', 'years ago', 'months ago', 'last year',
  'one time', 'a while ago', 'the context', 'i was working', 'our team was', 'our team had',
  'my team was', 'my team had', 'i joined',
]);

// prettier-ignore
const TASK_CUES = compile([
  'my task', 'the task was', 'my job was', 'my role was', 'my responsibility', 'i was responsible',
  'i was asked to', 'i was tasked', 'i was in charge', 'the goal was', 'our goal was', 'my goal was',
  'the aim was', 'the objective', 'i needed to', 'we needed to', 'i had to', 'we had to',
  'the challenge was', 'the problem was', 'i owned', 'i was supposed to',
]);

const ACTION_PHRASES = compile(['what i did', 'my approach was', 'i started by']);

const ACTION_SUBJECTS = new Set(['i', "i've"]);
// prettier-ignore
const ACTION_ADVERBS = new Set([
  'then', 'first', 'also', 'personally', 'eventually', 'immediately', 'quickly', 'finally', 'just', 'next',
]);
// prettier-ignore
const ACTION_VERBS = new Set([
  'decided', 'built', 'led', 'implemented', 'wrote', 'proposed', 'designed', 'created', 'introduced',
  'added', 'set', 'organized', 'organised', 'refactored', 'migrated', 'rewrote', 'started',
  'investigated', 'analyzed', 'analysed', 'profiled', 'automated', 'fixed', 'changed', 'moved',
  'replaced', 'pushed', 'convinced', 'negotiated', 'mentored', 'paired', 'ran', 'drove',
  'coordinated', 'split', 'prototyped', 'benchmarked', 'measured', 'tested', 'deployed', 'reviewed',
  'documented', 'escalated', 'scheduled', 'met', 'talked', 'spoke', 'reached', 'asked', 'suggested',
  'recommended', 'explained', 'presented', 'chose', 'took', 'worked', 'gathered', 'collected',
  'optimized', 'optimised', 'removed', 'redesigned', 'reworked', 'planned', 'prioritized',
  'prioritised', 'delegated', 'hired', 'trained', 'interviewed', 'volunteered', 'rolled', 'shipped',
  'launched', 'created', 'established', 'facilitated', 'initiated', 'owned', 'traced', 'debugged',
  'instrumented', 'monitored', 'cached', 'indexed', 'partitioned', 'sharded', 'rebuilt',
]);

// prettier-ignore
const RESULT_PHRASES = compile([
  'as a result', 'the result', 'in the end', 'ended up', 'resulting in', 'which led to', 'this led to',
  'that led to', 'the outcome', 'which reduced', 'which cut', 'which improved', 'which saved',
  'which increased', 'we cut', 'we reduced', 'we saved', 'went from', 'went down', 'went up',
  'dropped from',
]);
// prettier-ignore
const RESULT_WORDS = new Set([
  'reduced', 'increased', 'improved', 'saved', 'decreased', 'dropped', 'halved', 'doubled', 'tripled',
  'eliminated', 'shipped', 'launched', 'delivered',
]);

/** Units that make a number a measured outcome (people counts are context, not results). */
// prettier-ignore
const RESULT_UNITS = new Set([
  'percent', '%', 'x', 'times', 'ms', 'millisecond', 'milliseconds', 's', 'sec', 'secs', 'second', 'seconds',
  'min', 'mins', 'minute', 'minutes', 'h', 'hr', 'hrs', 'hour', 'hours', 'day', 'days', 'week', 'weeks',
  'month', 'months', 'kb', 'mb', 'gb', 'tb', 'rps', 'qps', 'tps', 'k', 'm',
]);

function hasMeasuredChange(raw: string, tokens: readonly string[]): boolean {
  if (/\p{N}\s*%/u.test(raw) || /[$€£]\s?\p{N}/u.test(raw)) return true;
  return tokens.some((t, i) => {
    if (!isNumeric(t)) return false;
    const attached = /^\p{N}+(?:[.,]\p{N}+)*([a-z%]+)$/u.exec(t)?.[1];
    const unit = attached ?? tokens[i + 1];
    if (unit === undefined || !RESULT_UNITS.has(unit)) return false;
    const after = attached ? tokens[i + 1] : tokens[i + 2];
    return after !== 'ago';
  });
}

function hasAction(tokens: readonly string[]): boolean {
  if (containsAny(tokens, ACTION_PHRASES)) return true;
  return tokens.some((t, i) => {
    if (!ACTION_SUBJECTS.has(t)) return false;
    const next = tokens[i + 1];
    if (next === undefined) return false;
    if (ACTION_VERBS.has(next)) return true;
    return ACTION_ADVERBS.has(next) && ACTION_VERBS.has(tokens[i + 2] ?? '');
  });
}

/** Which parts of a STAR story the answer appears to contain (cue lists above). */
export function detectStar(text: string): { situation: boolean; task: boolean; action: boolean; result: boolean } {
  const tokens = tokenize(text);
  return {
    situation: containsAny(tokens, SITUATION_CUES),
    task: containsAny(tokens, TASK_CUES),
    action: hasAction(tokens),
    result:
      containsAny(tokens, RESULT_PHRASES) ||
      tokens.some((t) => RESULT_WORDS.has(t)) ||
      hasMeasuredChange(normalize(text), tokens),
  };
}

/* ------------------------------------------------------------------------------------------ */
/* Concrete example                                                                           */
/* ------------------------------------------------------------------------------------------ */

/**
 * Cues: "for example", "for instance", "e.g."/"eg", "at my last", "at my previous", "at my current",
 * "in my previous", "in my last", "in my current", "at my company", "at our company", "when i",
 * "we had", "one time", "last year", "last quarter", "last month", "years ago", "months ago",
 * "i remember", "there was a time", "in one project", "on one project", "on a project", "in a project".
 */
// prettier-ignore
const EXAMPLE_CUES = compile([
  'for example', 'for instance', 'e.g', 'eg', 'at my last', 'at my previous', 'at my current',
  'in my previous', 'in my last', 'in my current', 'at my company', 'at our company', 'when i',
  'we had', 'one time', 'last year', 'last quarter', 'last month', 'years ago', 'months ago',
  'i remember', 'there was a time', 'in one project', 'on one project', 'on a project', 'in a project',
]);

export function hasConcreteExample(text: string): boolean {
  return containsAny(tokenize(text), EXAMPLE_CUES);
}

/* ------------------------------------------------------------------------------------------ */
/* Keywords                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/** Endings accepted after a keyword word of 4+ characters ("cache" -> "caches", "cached"). */
// prettier-ignore
const SUFFIXES = [
  's', 'es', 'd', 'ed', 'ing', 'er', 'ers', 'ly', 'ful', 'able', 'ability', 'ation', 'ations',
  'ion', 'ions', 'ment', 'ments', 'ness', 'ity', 'ive', "'s",
];
/** Endings that replace a final 'e' ("cache" -> "caching", "scale" -> "scalable"). */
const E_DROP_SUFFIXES = ['ing', 'ed', 'er', 'ers', 'able', 'ability', 'ation', 'ations', 'ion', 'ions', 'ity', 'ive'];
/** Endings that replace a final consonant+'y' ("latency" -> "latencies", "retry" -> "retried"). */
const Y_SUFFIXES = ['ies', 'ied', 'ier', 'iers'];

/**
 * Does text token `t` count as keyword word `k`?
 *  - words of 1-3 characters ("api", "dns", "dom"): the same token or its plural + 's' only,
 *    so "dom" never matches "domain";
 *  - words of 4+ characters: the same token or the word plus an inflection / derivation ending
 *    (SUFFIXES; final 'e' dropped before ing/ed/able/...; final 'y' -> ies/ied; a keyword
 *    ending in a single 's' also matches its singular: "metrics" matches "metric").
 *    "cache" matches caches, cached, caching; "index" matches indexes, indexing, indexed but NOT
 *    "indexless" or "reindex" (only the listed endings, never a free prefix).
 */
function tokenMatches(t: string, k: string): boolean {
  if (matchesForm(t, k)) return true;
  // A keyword written inflected ("caching", "retries") also matches its other forms ("cache",
  // "cached", "retry"): each base it can be read back to, of 4+ characters, is tried too.
  return keywordBases(k).some((base) => matchesForm(t, base));
}

/** The words `k` is an inflection of: "caching" -> cach, cache; "retries" -> retry; "indexes" -> index. */
function keywordBases(k: string): string[] {
  const bases: string[] = [];
  for (const suffix of SUFFIXES) if (k.endsWith(suffix)) bases.push(k.slice(0, -suffix.length));
  for (const suffix of E_DROP_SUFFIXES) if (k.endsWith(suffix)) bases.push(`${k.slice(0, -suffix.length)}e`);
  for (const suffix of Y_SUFFIXES) if (k.endsWith(suffix)) bases.push(`${k.slice(0, -suffix.length)}y`);
  return bases.filter((b) => b.length >= 4 && b !== k);
}

function matchesForm(t: string, k: string): boolean {
  if (t === k) return true;
  if (k.length < 4) return t === `${k}s`;
  if (!t.startsWith(k.slice(0, -1))) return false;
  if (SUFFIXES.some((s) => t === k + s)) return true;
  if (k.endsWith('e') && E_DROP_SUFFIXES.some((s) => t === k.slice(0, -1) + s)) return true;
  if (/[^aeiou]y$/.test(k) && Y_SUFFIXES.some((s) => t === k.slice(0, -1) + s)) return true;
  if (/[^s]s$/.test(k) && (t === k.slice(0, -1) || t === `${k.slice(0, -1)}'s`)) return true;
  return false;
}

/** Text tokens plus, where words were written with a hyphen or slash ("trade-off"), their concatenation. */
function keywordHaystack(text: string): { tokens: string[]; joined: string[] } {
  const normalized = normalize(text);
  const spans = spansOf(normalized);
  const joined: string[] = [];
  spans.forEach((first, i) => {
    let word = first.token;
    let previous = first;
    for (const next of spans.slice(i + 1, i + 3)) {
      if (!/^[-/\u2010\u2011]$/.test(normalized.slice(previous.end, next.start))) break;
      word += next.token;
      joined.push(word);
      previous = next;
    }
  });
  return { tokens: spans.map((s) => s.token), joined };
}

function keywordPresent(haystack: { tokens: string[]; joined: string[] }, keyword: string[]): boolean {
  const { tokens, joined } = haystack;
  for (let i = 0; i + keyword.length <= tokens.length; i++) {
    if (keyword.every((k, j) => tokenMatches(tokens[i + j] ?? '', k))) return true;
  }
  // "trade-off" also matches "tradeoff(s)"; "tradeoff" also matches "trade-off".
  const glued = keyword.join('');
  if (keyword.length > 1 && tokens.some((t) => tokenMatches(t, glued))) return true;
  return keyword.length === 1 && joined.some((t) => tokenMatches(t, glued));
}

/** Normalised identity of a keyword, for de-duplication ("Cache" and "cache" are one keyword). */
function keywordKey(keyword: string): string {
  return tokenize(keyword).join(' ');
}

function uniqueKeywords(keywords: readonly string[]): string[] {
  const seen = new Set<string>();
  return keywords.filter((k) => {
    const key = keywordKey(k);
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The keywords the answer mentions, in keyword order, each once (first spelling kept).
 * A keyword is tokenized like the answer ("a/b test" -> a, b, test; "p-value" -> p, value) and
 * must appear as consecutive whole tokens, each allowed the endings described at tokenMatches.
 * A keyword with no letters or digits (e.g. "++") never matches.
 */
export function keywordsCovered(text: string, keywords: string[]): string[] {
  const haystack = keywordHaystack(text);
  return uniqueKeywords(keywords).filter((k) => keywordPresent(haystack, tokenize(k)));
}

/* ------------------------------------------------------------------------------------------ */
/* Substance                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/** Words a non-answer is made of: "I don't know", "no idea, sorry", "pass", "ok ok", "not sure to be honest". */
// prettier-ignore
const NON_ANSWER_WORDS = new Set([
  'i', "i'm", 'im', 'am', 'me', 'do', "don't", 'dont', 'not', 'know', 'no', 'idea', 'sure', 'pass', 'skip',
  'fine', 'ok', 'okay', 'k', 'sorry', 'honestly', 'really', 'um', 'uh', 'erm', 'hmm', 'well', 'so', 'just',
  'have', 'any', 'clue', 'yeah', 'yes', 'yep', 'nope', 'nothing', 'idk', 'dunno', 'next', 'question',
  'this', 'that', 'one', 'to', 'be', 'honest', 'at', 'all', 'remember', "can't", 'cannot', 'say',
  'the', 'answer', 'it', "it's", 'is', 'whatever', 'maybe', 'guess', 'think', 'n', 'a', 'on', 'of',
  'good', 'great', 'alright', 'cool', 'what', 'move', 'let\'s', 'lets', 'please', 'thanks',
  'thank', 'you', 'like', 'sort', 'kind', 'basically', 'actually', 'mean', 'about',
]);

/** Common function words; an answer of 4+ Latin-script tokens with none of them is keyboard noise. */
// prettier-ignore
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'i', 'we', 'you', 'he', 'she', 'it', 'they', 'me', 'us', 'him', 'her', 'them', 'my',
  'our', 'your', 'their', 'its', 'this', 'that', 'these', 'those', 'is', 'are', 'was', 'were', 'be',
  'been', 'being', 'am', 'do', 'does', 'did', 'have', 'has', 'had', 'will', 'would', 'can', 'could',
  'should', 'may', 'might', 'must', 'to', 'of', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'into',
  'about', 'as', 'and', 'or', 'but', 'so', 'if', 'then', 'than', 'because', 'when', 'while', 'where',
  'what', 'which', 'who', 'how', 'why', 'not', 'no', 'all', 'some', 'any', 'each', 'more', 'most',
  'also', 'just', 'only', 'very', 'there', 'here', 'up', 'out', 'over', 'after', 'before', 'use',
  'used', 'using', "i'm", "i've", "i'd", "i'll", "we're", "we've", "it's", "don't", "didn't",
  "doesn't", "can't", "won't", "isn't", "wasn't", "aren't", 'get', 'make', 'first', 'one', 'two',
  'yes', 'ok', 'okay',
  // A few German, French and Spanish ones, so a real answer in those languages is not taken for noise.
  'und', 'der', 'die', 'das', 'ich', 'wir', 'ist', 'nicht', 'mit', 'le', 'la', 'les', 'et', 'je', 'nous',
  'est', 'une', 'de', 'des', 'el', 'los', 'las', 'que', 'y', 'es', 'un', 'en', 'por', 'para',
]);

/** A token looks like a word if it starts with a digit, has a vowel, or is written in a non-Latin script. */
function wordLike(token: string): boolean {
  return isNumeric(token) || /[aeiouy]/.test(token) || /[\u0250-\u{10FFFF}]/u.test(token);
}

function isSubstantive(tokens: readonly string[]): boolean {
  if (tokens.length < 4) return false;
  if (tokens.every((t) => NON_ANSWER_WORDS.has(t))) return false;
  if (tokens.filter(wordLike).length / tokens.length < 0.5) return false;
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  let top = 0;
  for (const n of counts.values()) top = Math.max(top, n);
  if (top / tokens.length > 0.5) return false;
  const latin = tokens.every((t) => /^[a-z0-9']+$/.test(t));
  if (latin && !tokens.some((t) => FUNCTION_WORDS.has(t))) return false;
  return true;
}

/* ------------------------------------------------------------------------------------------ */
/* Summary                                                                                    */
/* ------------------------------------------------------------------------------------------ */

export const SPEAKING_WPM = 150;

/**
 * The observable facts of one answer. `questionTopics`: the topics of the question it answers;
 * when there are any, their coverage is counted too (`topics`, `topicTotal`).
 */
export function answerFacts(text: string, roleKeywords: string[], questionTopics: string[] = []): AnswerFacts {
  const tokens = tokenize(text);
  const words = tokens.length;
  const fillers = countFillers(text);
  return {
    words,
    speakingSeconds: Math.round((words / SPEAKING_WPM) * 60),
    concreteExample: hasConcreteExample(text),
    numbers: hasNumbers(text),
    star: detectStar(text),
    keywords: keywordsCovered(text, roleKeywords),
    keywordTotal: uniqueKeywords(roleKeywords).length,
    fillers: {
      total: fillers.total,
      per100Words: words === 0 ? 0 : Math.round((fillers.total / words) * 1000) / 10,
      byPhrase: fillers.byPhrase,
    },
    substantive: isSubstantive(tokens),
    ...(uniqueKeywords(questionTopics).length
      ? { topics: keywordsCovered(text, questionTopics), topicTotal: uniqueKeywords(questionTopics).length }
      : {}),
  };
}
