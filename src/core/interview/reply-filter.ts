/**
 * Checks an interviewer reply while it streams. Three things come out of it:
 * - `show`: text to display now. The first visible token is the model's first token (only a
 *   reply that starts like a label, "<think>" or a speaker name is held back, a few characters);
 * - `accept`: text that is final: whole sentences that passed the checks. Voice speaks only
 *   accepted text, so nothing is ever spoken that is not stored;
 * - `stop`: the reply has what was asked (its question); the rest is not wanted.
 *
 * Reasoning in <think>…</think> is removed wherever it is, split across chunks or not; labels
 * (NEXT:, [FOLLOW-UP], Interviewer:) are removed; a line the model writes as the candidate ends
 * the reply; the first question ends it too (a second question, or the model answering its
 * own, is cut off); a sentence in another language, or a closing when a question was asked
 * for, is not accepted. finish() turns what is left into the text to store: the model's words,
 * the model's words with the planned question added (also when the model asked a question of its
 * own instead of the planned one), or the app's own wording, with a
 * one-line reason whenever it is not the model's reply as shown.
 */
import type { AskedBy } from '../../model/turn.js';
import { looksEnglish } from './language.js';
import { asksPlannedQuestion, isAsking } from './on-plan.js';

export interface FilterStep {
  show: string;
  accept: string;
  stop: boolean;
}

export interface FilteredReply {
  /** What to store (and what was, or will be, spoken). */
  text: string;
  askedBy: AskedBy;
  /** Why the stored text differs from the model's reply, one line each (empty when it does not). */
  notices: string[];
  /** Reasoning found inside <think> tags. */
  thinking: string;
}

const THINK_OPEN = '<think>';
const THINK_CLOSE = '</think>';
/** A label a model puts before its words, at the start of the reply or of a sentence or line. */
const LABEL =
  /^\s*(?:\[(?:next|follow[- ]?up|close)\]|(?:next|follow[- ]?up|close|interviewer|assistant|question)\s*:)[ \t]*/i;
/** How long a held-back label can be before we know it is not one. */
const LABEL_MAX = 16;
/** A line written as somebody else: the model is role-playing a transcript. */
const SPEAKER_LINE = /^\s*(?:candidate|you|me|answer|interviewee|user|interviewer)\s*:/i;
const SPEAKER_MAX = 16;
/**
 * Words that close an interview: cut when a question was asked for, and required when the
 * close was (a reply without them is not a closing, and the candidate would wait for more).
 */
const CLOSING =
  /\b(end of (our|the|this) (interview|session)|interview is (now )?(over|complete|finished|done)|that concludes|concludes (our|the|this) interview|thank(s| you) for your time|that'?s all|that is all|we'?re done|we are done|feedback (follows|will follow|comes)|goodbye|good luck with)\b/i;

export class ReplyFilter {
  private pending = '';
  private inThink = false;
  private thinking = '';
  /** Visible text after removing reasoning and labels. */
  private visible = '';
  /** Length of `visible` already returned as `show`. */
  private shownTo = 0;
  /** Where the current sentence of `visible` starts. */
  private sentenceStart = 0;
  /** Length of `visible` that is accepted. */
  private acceptedTo = 0;
  private atLineStart = true;
  /** An accepted sentence asks something (a question, or a request such as "Tell me about…"). */
  private asked = false;
  /** Closing turns: a sentence with closing words was seen; sentences are accepted only from then on. */
  private closed = false;
  private cut: 'question' | 'speaker' | 'closing' | 'language' | 'question-in-closing' | 'off-plan' | null = null;
  /** Non-blank text arrived after the cut (the model went on). */
  private overflow = false;
  private readonly notices = new Set<string>();

  /** The reply must ask a question (everything but the closing and a statement). */
  private readonly expectQuestion: boolean;
  /** The reply states something and asks nothing (the answer to a clarifying question). */
  private readonly statement: boolean;

  /**
   * @param expect true: the reply must ask a question; false: it closes the interview;
   *   'statement': it answers the candidate's question and asks nothing
   * @param planned the planned question the model was asked to reword, when there is one
   */
  constructor(
    expect: boolean | 'statement',
    private readonly planned: string | null = null,
  ) {
    this.expectQuestion = expect === true;
    this.statement = expect === 'statement';
  }

  push(chunk: string): FilterStep {
    if (this.cut) {
      if (chunk.trim()) this.overflow = true;
      return { show: '', accept: '', stop: true };
    }
    this.pending += chunk;
    const acceptedBefore = this.acceptedTo;
    this.drain(false);
    return {
      show: this.newlyShown(),
      accept: this.visible.slice(acceptedBefore, this.acceptedTo),
      stop: this.cut !== null,
    };
  }

  /** Reasoning a thinking model sent in its own `thinking` field: never shown, only counted. */
  noteThinking(text: string): void {
    this.thinking += text;
  }

  /** Visible text not shown yet, up to the cut. */
  private newlyShown(): string {
    const limit = this.cut ? this.cutAt() : this.visible.length;
    const show = this.visible.slice(this.shownTo, Math.max(limit, this.shownTo));
    this.shownTo = Math.max(limit, this.shownTo);
    return show;
  }

  /**
   * The stream ended. `doneReason` 'length' means the model was cut off: its last, unfinished
   * sentence is dropped. `fallback` is the app's wording for this turn.
   */
  finish(doneReason: string | null, fallback: string): FilteredReply & { accept: string; show: string } {
    const acceptedBefore = this.acceptedTo;
    if (!this.cut) {
      this.drain(true);
      const tail = this.visible.slice(this.sentenceStart);
      if (tail.trim()) {
        if (doneReason === 'length')
          this.notices.add('The reply ran long and was cut off: its unfinished last sentence is left out.');
        else this.endSentence(this.visible.length);
      }
    }
    if (this.overflow && this.cut === 'question')
      this.notices.add('Kept the first question of the reply and left out what followed it.');
    const model = this.acceptedText();
    const result = this.compose(model, fallback);
    // What finish adds to the accepted text (the app's wording), for voice to speak.
    const acceptedNow = this.visible.slice(acceptedBefore, this.acceptedTo);
    const added = result.text.startsWith(model) ? result.text.slice(model.length) : result.text;
    return {
      ...result,
      show: this.newlyShown(),
      accept: result.askedBy === 'model' ? acceptedNow : `${acceptedNow}${added}`,
    };
  }

  /** The sentences accepted so far, as they are stored (what voice may already have said). */
  acceptedText(): string {
    return this.visible
      .slice(0, this.acceptedTo)
      .trim()
      .replace(/^["“]|["”]$/g, '');
  }

  private compose(model: string, fallback: string): FilteredReply {
    const notices = [...this.notices];
    const base = { thinking: this.thinking.trim() };
    if (this.cut === 'off-plan') {
      notices.push('The model asked a question of its own instead of the planned one; asked the planned question.');
      return model
        ? { ...base, text: `${model} ${fallback}`, askedBy: 'model+app', notices }
        : { ...base, text: fallback, askedBy: 'app', notices };
    }
    if (!model) {
      notices.push(this.emptyReason());
      return { ...base, text: fallback, askedBy: 'app', notices };
    }
    if (this.expectQuestion && !this.asked) {
      notices.push('The reply had no question; the planned one was added.');
      return { ...base, text: `${model} ${fallback}`, askedBy: 'model+app', notices };
    }
    return { ...base, text: model, askedBy: 'model', notices };
  }

  /** Why the app's own wording was used, and what it did instead. */
  private emptyReason(): string {
    const instead = this.statement
      ? "answered in the app's words"
      : !this.expectQuestion
        ? "closed the interview in the app's words"
        : this.planned
          ? 'asked the planned question instead'
          : "asked the app's own follow-up instead";
    if (this.cut === 'closing') return `The model closed the interview when a question was due; ${instead}.`;
    if (this.cut === 'language') return `The model replied in another language; ${instead}.`;
    if (!this.expectQuestion && !this.statement && this.visible.trim())
      return `The model's reply did not close the interview; ${instead}.`;
    if (this.thinking.trim()) return `The model only reasoned and wrote no reply; ${instead}.`;
    return `The model gave no usable reply; ${instead}.`;
  }

  // ---- reading the stream -------------------------------------------------------------------

  private drain(final: boolean): void {
    while (this.pending && !this.cut) {
      if (this.inThink) {
        if (!this.readThinking(final)) return;
        continue;
      }
      if (this.atLineStart || this.atSentenceStart()) {
        const start = this.handleStart(final);
        if (start === 'wait') return;
        if (start === 'handled') continue;
      }
      if (!this.readText(final)) return;
    }
  }

  /** Inside <think>: collect until </think>. False when it needs more text. */
  private readThinking(final: boolean): boolean {
    const end = this.pending.indexOf(THINK_CLOSE);
    if (end === -1) {
      const keep = final ? 0 : partialSuffix(this.pending, THINK_CLOSE);
      this.thinking += this.pending.slice(0, this.pending.length - keep);
      this.pending = this.pending.slice(this.pending.length - keep);
      return false;
    }
    this.thinking += this.pending.slice(0, end);
    this.pending = this.pending.slice(end + THINK_CLOSE.length);
    this.inThink = false;
    return true;
  }

  /** At the start of the reply, a line or a sentence: a label, a speaker line. */
  private handleStart(final: boolean): 'wait' | 'handled' | 'none' {
    const text = this.pending;
    const space = /^\s*/.exec(text)?.[0] ?? '';
    const rest = text.slice(space.length);
    if (this.atLineStart && this.visible.trim() && SPEAKER_LINE.test(rest)) {
      this.cutHere('speaker');
      this.notices.add('Left out a line the model wrote as the candidate.');
      return 'handled';
    }
    const label = LABEL.exec(rest);
    // A label with nothing after it yet may still grow ("NEXT:" then " "): wait, unless the stream ended.
    if (label && label[0].length === rest.length && !final) return 'wait';
    if (label) {
      // Keep the space before the label, so "Thanks. NEXT: How…" reads "Thanks. How…".
      this.pending = space + rest.slice(label[0].length);
      this.atLineStart = false;
      return 'handled';
    }
    if (!final && couldStillBe(rest)) return 'wait';
    this.atLineStart = this.atLineStart && !rest;
    return 'none';
  }

  /** Moves text to `visible` up to the next place that needs a decision. False: wait for more. */
  private readText(final: boolean): boolean {
    const text = this.pending;
    for (let i = 0; i < text.length; i++) {
      const c = text.charAt(i);
      if (c === '<') {
        const rest = text.slice(i);
        const whole = rest.startsWith(THINK_OPEN);
        if (whole || (!final && THINK_OPEN.startsWith(rest))) {
          if (i > 0) return this.take(i);
          if (!whole) return false; // "<th" at the end: wait for the rest of the tag
          this.pending = rest.slice(THINK_OPEN.length);
          this.inThink = true;
          return true;
        }
      }
      if (c === '\n') {
        this.take(i + 1);
        this.atLineStart = true;
        if (this.visible.slice(this.sentenceStart).trim()) this.endSentence(this.visible.length);
        else this.sentenceStart = this.visible.length;
        return true;
      }
      if (/[.!?…]/.test(c)) {
        // The sentence ends here when the mark (and any closing quote) is followed by a space.
        const closers = /^["”')\]]*/.exec(text.slice(i + 1))?.[0] ?? '';
        const end = i + 1 + closers.length;
        const next = text.charAt(end);
        // "3." may become "3.5": wait for what follows a full stop. A question mark ends the
        // question at once (the reply is complete; nothing after it is wanted).
        if (next === '' && !final && c !== '?') return i > 0 ? this.take(i) : false;
        if (next === '' || /\s/.test(next)) {
          this.take(end);
          this.endSentence(this.visible.length);
          return true;
        }
      }
    }
    this.take(text.length);
    return false;
  }

  /** The first n characters of `pending` become visible. Always true (progress was made). */
  private take(n: number): true {
    const text = this.pending.slice(0, n);
    this.pending = this.pending.slice(n);
    this.visible += this.visible.trim() ? text : text.replace(/^\s+/, '');
    if (text.trim()) this.atLineStart = false;
    return true;
  }

  private atSentenceStart(): boolean {
    return this.visible.length === this.sentenceStart && this.visible.trim() !== '';
  }

  /** A sentence ended at `end` of `visible`: accept it, or cut the reply before or after it. */
  private endSentence(end: number): void {
    const sentence = this.visible.slice(this.sentenceStart, end);
    const isQuestion = isAsking(sentence);
    if (!looksEnglish(sentence)) return this.cutHere('language');
    if (this.expectQuestion && !isQuestion && CLOSING.test(sentence)) return this.cutHere('closing');
    if (!this.expectQuestion && isQuestion) {
      this.notices.add(
        this.statement
          ? "Left out a question from the answer to the candidate's question."
          : 'Left out a question from the closing words.',
      );
      return this.cutHere('question-in-closing');
    }
    // The whole reply so far is compared: a model may name the subject in one sentence and ask in the next.
    if (isQuestion && this.planned && !asksPlannedQuestion(this.visible.slice(0, end), this.planned)) {
      return this.cutHere('off-plan');
    }
    this.sentenceStart = end;
    // A closing is accepted (spoken) only once it says the interview is over: until then it may
    // still turn out not to be one, and the app's closing line would be said instead.
    this.closed ||= !this.expectQuestion && CLOSING.test(sentence);
    if (this.expectQuestion || this.statement || this.closed) this.acceptedTo = end;
    this.asked ||= isQuestion;
    if (this.expectQuestion && isQuestion) {
      this.cut = 'question';
      if (this.pending.trim()) this.overflow = true;
    }
  }

  /** Nothing from the start of the current sentence on is kept. */
  private cutHere(reason: NonNullable<ReplyFilter['cut']>): void {
    this.cut = reason;
    if (this.pending.trim()) this.overflow = true;
  }

  private cutAt(): number {
    return this.cut === 'question' ? this.acceptedTo : this.sentenceStart;
  }
}

/** The longest suffix of `text` that is a proper prefix of `marker`. */
function partialSuffix(text: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, text.length); n > 0; n--) {
    if (marker.startsWith(text.slice(text.length - n))) return n;
  }
  return 0;
}

/** Could these first characters still turn into a label, "<think>" or a speaker name? */
function couldStillBe(start: string): boolean {
  if (start === '') return true;
  if (THINK_OPEN.startsWith(start)) return true;
  const words = [
    '[next]',
    '[follow-up]',
    '[follow up]',
    '[close]',
    'next:',
    'follow-up:',
    'follow up:',
    'followup:',
    'close:',
    'interviewer:',
    'assistant:',
    'question:',
    'candidate:',
    'you:',
    'me:',
    'answer:',
    'interviewee:',
    'user:',
  ];
  const head = start.toLowerCase().replace(/\s+:/, ':');
  return head.length < Math.max(LABEL_MAX, SPEAKER_MAX) && words.some((w) => w.startsWith(head));
}
