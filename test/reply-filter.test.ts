import { describe, expect, it } from 'vitest';
import { ReplyFilter } from '../src/core/interview/reply-filter.js';

const PLANNED = 'How would you design retries for three flaky downstream APIs?';

/** Runs a reply through the filter in the given chunks; returns what was shown, accepted and stored. */
/** `planned`: the question the model was to word (default PLANNED for question turns; null for a follow-up). */
function run(chunks: string[], opts: { question?: boolean; doneReason?: string | null; planned?: string | null } = {}) {
  const question = opts.question ?? true;
  const filter = new ReplyFilter(question, opts.planned === undefined ? (question ? PLANNED : null) : opts.planned);
  let shown = '';
  let accepted = '';
  let stoppedAt = -1;
  chunks.forEach((chunk, i) => {
    const step = filter.push(chunk);
    shown += step.show;
    accepted += step.accept;
    if (step.stop && stoppedAt < 0) stoppedAt = i;
  });
  const result = filter.finish(opts.doneReason === undefined ? 'stop' : opts.doneReason, PLANNED);
  accepted += result.accept;
  shown += result.show;
  return { shown, accepted, stoppedAt, ...result };
}

/** Every way of cutting `text` into two chunks, plus one character at a time. */
function splits(text: string): string[][] {
  const out: string[][] = [[text], [...text]];
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  return out;
}

/** The result must not depend on how the stream was cut into chunks. */
function sameForEverySplit(text: string, opts: Parameters<typeof run>[1] = {}) {
  const results = splits(text).map((chunks) => run(chunks, opts));
  const first = results[0]!;
  for (const r of results) {
    expect({
      text: r.text,
      askedBy: r.askedBy,
      notices: r.notices,
      thinking: r.thinking,
      accepted: r.accepted,
    }).toEqual({
      text: first.text,
      askedBy: first.askedBy,
      notices: first.notices,
      thinking: first.thinking,
      accepted: first.accepted,
    });
  }
  return first;
}

describe('ReplyFilter: what is shown, spoken and stored', () => {
  it('an obedient reply is shown as it comes, accepted sentence by sentence, stored as is', () => {
    const r = sameForEverySplit(`Thank you. ${PLANNED}`);
    expect(r).toMatchObject({ text: `Thank you. ${PLANNED}`, askedBy: 'model', notices: [] });
    expect(r.accepted).toBe(r.text);
    const streamed = run(['Thank', ' you.', ' How would', ' you design', ' retries?'], { planned: null });
    expect(streamed.shown).toBe('Thank you. How would you design retries?');
  });

  it('the first token is shown at once (no label held back)', () => {
    const filter = new ReplyFilter(true);
    expect(filter.push('Thanks').show).toBe('Thanks');
    expect(filter.push(',').show).toBe(',');
  });

  it('<think> reasoning is removed wherever it is, split or not, and kept as thinking', () => {
    const r = sameForEverySplit(`<think>The user wants me to ask about retries.</think>\n\nThank you. ${PLANNED}`);
    expect(r).toMatchObject({ text: `Thank you. ${PLANNED}`, askedBy: 'model' });
    expect(r.thinking).toBe('The user wants me to ask about retries.');
    const mid = sameForEverySplit(`Thank you. <think>hmm</think>${PLANNED}`);
    expect(mid.text).toBe(`Thank you. ${PLANNED}`);
    expect(mid.thinking).toBe('hmm');
  });

  it('only reasoning, or nothing at all: the planned question, saying why', () => {
    const thinking = sameForEverySplit('<think>I should greet and then ask the question about retries…');
    expect(thinking).toMatchObject({ text: PLANNED, askedBy: 'app' });
    expect(thinking.notices).toEqual([
      'The model only reasoned and wrote no reply; asked the planned question instead.',
    ]);
    for (const empty of ['', '   \n\n  ']) {
      expect(run([empty])).toMatchObject({
        text: PLANNED,
        askedBy: 'app',
        notices: ['The model gave no usable reply; asked the planned question instead.'],
      });
    }
  });

  it('labels are removed at the start, in brackets, and mid-reply', () => {
    for (const reply of [
      `NEXT: Thank you. ${PLANNED}`,
      `[NEXT] Thank you. ${PLANNED}`,
      `Interviewer: Thank you. ${PLANNED}`,
      `Thank you. NEXT: ${PLANNED}`,
      `**NEXT:** Thank you. ${PLANNED}`.replace(/\*\*/g, ''),
    ]) {
      const r = sameForEverySplit(reply);
      expect(r.text, reply).toBe(`Thank you. ${PLANNED}`);
      expect(r.askedBy).toBe('model');
    }
  });

  it('a second question, or the model answering its own, is cut off and said', () => {
    const r = sameForEverySplit(
      `Thanks. ${PLANNED} A good answer would mention exponential backoff. Also, what about timeouts?`,
    );
    expect(r.text).toBe(`Thanks. ${PLANNED}`);
    expect(r.notices).toEqual(['Kept the first question of the reply and left out what followed it.']);
    const stops = run(['Thanks. How would you do it?', ' I would use backoff.'], { planned: null });
    expect(stops.stoppedAt).toBe(0);
    expect(stops.shown).toBe('Thanks. How would you do it?');
  });

  it('a line the model writes as the candidate ends the reply', () => {
    const r = sameForEverySplit(`Thanks. ${PLANNED}\nCandidate: Sure, at my last job we retried everything.`);
    expect(r.text).toBe(`Thanks. ${PLANNED}`);
    const before = sameForEverySplit('Let me think about that.\nCandidate: Sure.');
    expect(before).toMatchObject({ text: `Let me think about that. ${PLANNED}`, askedBy: 'model+app' });
    expect(before.notices).toContain('Left out a line the model wrote as the candidate.');
  });

  it('no question in the reply: the planned question is added after the model words', () => {
    const r = sameForEverySplit('Thank you for explaining that.');
    expect(r).toMatchObject({ text: `Thank you for explaining that. ${PLANNED}`, askedBy: 'model+app' });
    expect(r.accepted).toBe(r.text);
    expect(r.notices).toEqual(['The reply had no question; the planned one was added.']);
  });

  it('a closing when a question was due is not kept', () => {
    const r = sameForEverySplit('Thank you, that is the end of our interview. Goodbye!');
    expect(r).toMatchObject({ text: PLANNED, askedBy: 'app' });
    expect(r.accepted).toBe(PLANNED);
    expect(r.notices).toEqual([
      'The model closed the interview when a question was due; asked the planned question instead.',
    ]);
  });

  it('another language is not kept, whether it starts the reply or follows an English sentence', () => {
    const spanish = sameForEverySplit(
      'Gracias por su respuesta. ¿Cómo diseñaría los reintentos para tres servicios externos que fallan?',
    );
    expect(spanish).toMatchObject({ text: PLANNED, askedBy: 'app' });
    expect(spanish.notices).toEqual(['The model replied in another language; asked the planned question instead.']);
    const chinese = sameForEverySplit('谢谢你的回答。你会如何为三个不稳定的下游服务设计重试机制？');
    expect(chinese.askedBy).toBe('app');
    const mixed = sameForEverySplit('Thank you. Ahora, ¿cómo diseñaría usted los reintentos para los servicios?');
    expect(mixed).toMatchObject({ text: `Thank you. ${PLANNED}`, askedBy: 'model+app' });
  });

  it('cut off at the length limit: the unfinished last sentence goes', () => {
    const r = run([`Thank you. ${PLANNED.slice(0, 20)}`], { doneReason: 'length' });
    expect(r.text).toBe(`Thank you. ${PLANNED}`);
    expect(r.notices).toContain('The reply ran long and was cut off: its unfinished last sentence is left out.');
  });

  it('a closing turn keeps its words, leaves out a question, and needs none', () => {
    const close = sameForEverySplit('Thank you for your time. That is the end of our interview; feedback follows.', {
      question: false,
    });
    expect(close).toMatchObject({ askedBy: 'model', notices: [] });
    const asks = sameForEverySplit('Thank you for your time. Do you have any questions for me?', { question: false });
    expect(asks).toMatchObject({ text: 'Thank you for your time.', askedBy: 'model' });
    expect(asks.notices).toEqual(['Left out a question from the closing words.']);
  });

  it('numbers and abbreviations do not end a sentence early', () => {
    const r = sameForEverySplit('Latency went from 3.5 s to 0.2 s, e.g. for reads. What changed?', { planned: null });
    expect(r).toMatchObject({
      text: 'Latency went from 3.5 s to 0.2 s, e.g. for reads. What changed?',
      askedBy: 'model',
    });
  });

  it("a question of the model's own instead of the planned one: the planned question is asked, and said", () => {
    const own = sameForEverySplit('Great answer! Tell me about a time you had to learn a new technology quickly.', {
      planned: PLANNED,
    });
    expect(own).toMatchObject({
      text: `Great answer! ${PLANNED}`,
      askedBy: 'model+app',
      notices: ['The model asked a question of its own instead of the planned one; asked the planned question.'],
    });
    expect(own.accepted).toBe(own.text);
    const reworded = sameForEverySplit('Thanks. How would you set up retries when three downstream APIs are flaky?', {
      planned: PLANNED,
    });
    expect(reworded).toMatchObject({ askedBy: 'model', notices: [] });
  });

  it('a request ("Design…", "Tell me about…") asks as much as a question mark does', () => {
    const planned = 'Design a URL shortener like bit.ly that handles 100 million new links a month.';
    const r = sameForEverySplit(`Hello, thanks for joining. ${planned} Take your time.`, { planned });
    expect(r).toMatchObject({
      text: `Hello, thanks for joining. ${planned}`,
      askedBy: 'model',
      notices: ['Kept the first question of the reply and left out what followed it.'],
    });
    const story = sameForEverySplit('Thanks. So, tell me about a time you disagreed with your manager.', {
      planned: 'Tell me about a time you disagreed with your manager, and how it ended.',
    });
    expect(story).toMatchObject({ askedBy: 'model', notices: [] });
    // A plain statement is not a request: the planned question is added.
    expect(run(['Thanks for that.'])).toMatchObject({ text: `Thanks for that. ${PLANNED}`, askedBy: 'model+app' });
  });

  it('a closing must close: until it says the interview is over nothing of it is accepted (or spoken)', () => {
    const closing = sameForEverySplit('Thanks for walking me through all that. That is all for today.', {
      question: false,
    });
    expect(closing).toMatchObject({
      text: 'Thanks for walking me through all that. That is all for today.',
      askedBy: 'model',
    });
    expect(closing.accepted).toBe(closing.text);
    const notClosing = run(['You mentioned caching. ', 'Could you go deeper?'], { question: false });
    expect(notClosing).toMatchObject({ text: PLANNED, askedBy: 'app', accepted: PLANNED });
    expect(notClosing.notices).toContain(
      "The model's reply did not close the interview; closed the interview in the app's words.",
    );
  });
});
