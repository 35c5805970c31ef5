// @ts-check
// Replies for the Ollama stand-in that behave like real local models (Mistral, Llama 3, Qwen 3,
// DeepSeek-R1) in front of the app's interviewer prompts: some do what they are asked, others
// label their replies, ask their own questions, close early, play both parts, answer in another
// language, ramble until num_predict cuts them, or forget the start of a long interview.
//
// Each factory returns a ReplyFn. It reads the task from the last user message of an
// interviewer request (./interviewer-task.mjs) and leaves requests with a `format` (the judge)
// to a judge function, by default the scripted judge of ./judge.mjs, so a scenario composes with
// the judge the way interviewerAndJudge does:
//
//   startStandin({ reply: obedient() })
//   startStandin({ reply: rolePlay({ judge: (req) => JSON.stringify(judgeJson(req, { score: 2 })) }) })
//
// A request whose last user message holds no task line (the old label prompts, say) gets the
// factory's answer to an 'unknown' task, described with each factory.
import { interviewerAndJudge } from './judge.mjs';
import { readTask, earliestQuestion, lastAnswer } from './interviewer-task.mjs';
import { phrasesFor } from './scenario-phrases.mjs';

/**
 * @import { ChatRequestBody, Reply, ReplyContext, ReplyFn } from './ollama-standin.mjs'
 * @import { JudgeFn } from './judge.mjs'
 * @import { InterviewerTask } from './interviewer-task.mjs'
 * @import { Language } from './scenario-phrases.mjs'
 */

/**
 * @typedef {object} ScenarioOptions
 * @property {JudgeFn} [judge] answers the requests that carry a `format` (default: the scripted judge, judgeJson)
 */

/**
 * One interviewer turn of a scenario. `turn` counts the scenario's interviewer turns from 0
 * (judge calls not included), for scenarios that vary their misbehaviour.
 * @typedef {(task: InterviewerTask, turn: number, request: ChatRequestBody, context: ReplyContext) => Reply} Turn
 */

/**
 * @param {Turn} turnFn
 * @param {ScenarioOptions} [options]
 * @returns {ReplyFn}
 */
function scenario(turnFn, options = {}) {
  let turns = 0;
  /** @type {ReplyFn} */
  const interviewer = (request, _callIndex, context) =>
    turnFn(readTask(context?.seenMessages ?? request.messages ?? []), turns++, request, context);
  return interviewerAndJudge(options.judge, interviewer);
}

export const OBEDIENT_GREETING = 'Hello, thanks for joining.';
export const OBEDIENT_ACK = 'Thank you.';
export const OBEDIENT_CLOSING = 'Thank you for your time. That is the end of our interview; feedback follows.';
export const OBEDIENT_UNKNOWN = 'Could you tell me more about that?';
/** Deep round: how an obedient model states the assumptions it is given, and says it is the candidate's call. */
export const OBEDIENT_ASSUME = 'Good question; assume the following.';
export const OBEDIENT_YOUR_CALL = 'That is up to you: state your assumption and carry on.';

/**
 * What a model that does exactly what it is asked says, and nothing more.
 * @param {InterviewerTask} task
 */
export function obedientText(task) {
  switch (task.kind) {
    case 'greet':
      return `${OBEDIENT_GREETING} ${task.question}`;
    case 'acknowledge':
      return `${OBEDIENT_ACK} ${task.question}`;
    case 'follow-up':
      return `Could you tell me more about ${task.probe}?`;
    case 'thank':
      return OBEDIENT_CLOSING;
    case 'clarify':
      return (task.assumptions ?? []).length > 0
        ? `${OBEDIENT_ASSUME} ${(task.assumptions ?? []).join(' ')}`
        : OBEDIENT_YOUR_CALL;
    case 'unknown':
      return OBEDIENT_UNKNOWN;
  }
}

/**
 * A well-behaved instruction-tuned model at temperature 0: greet -> 'Hello, thanks for joining.
 * <Question>'; acknowledge -> 'Thank you. <Question>'; follow-up -> 'Could you tell me more about
 * <what is missing>?'; thank -> 'Thank you for your time. That is the end of our interview;
 * feedback follows.'; unknown -> 'Could you tell me more about that?'. The latency benchmark
 * relies on it answering with exactly this wording.
 * @param {ScenarioOptions} [options]
 */
export function obedient(options) {
  return scenario((task) => obedientText(task), options);
}

/**
 * The ways ignoresInstructions() disobeys: 'label' ('NEXT: ' before the reply, the label the old
 * prompts asked for: NEXT, FOLLOW-UP or CLOSE by task), 'bracket' ('[NEXT] ' instead), 'own'
 * (praise, then a question of its own instead of the planned one), 'mid' (a label in the middle:
 * 'Thanks. NEXT: <question>').
 * @typedef {'label' | 'bracket' | 'own' | 'mid'} Disobedience
 */

/** @type {Disobedience[]} */
const ALL_DISOBEDIENCE = ['label', 'bracket', 'own', 'mid'];
export const OWN_QUESTION = 'Tell me about a time you had to learn a new technology quickly.';

/**
 * A small model that half-follows the prompt (Mistral 7B, Llama 3.2 3B): it decorates replies
 * with labels (from earlier prompt styles or its fine-tuning), praises, and swaps in a favourite
 * question of its own. Turn n misbehaves as `ways[n % ways.length]` (default: label, bracket,
 * own, mid, in that order).
 * @param {ScenarioOptions & { ways?: Disobedience[] }} [options]
 */
export function ignoresInstructions(options = {}) {
  const ways = options.ways?.length ? options.ways : ALL_DISOBEDIENCE;
  return scenario((task, turn) => {
    const label = task.kind === 'follow-up' ? 'FOLLOW-UP' : task.kind === 'thank' ? 'CLOSE' : 'NEXT';
    const asked = obedientText(task);
    switch (ways[turn % ways.length] ?? 'label') {
      case 'label':
        return `${label}: ${asked}`;
      case 'bracket':
        return `[${label}] ${asked}`;
      case 'own':
        return task.kind === 'greet' ? `Hi! Let's begin. ${OWN_QUESTION}` : `Great answer! ${OWN_QUESTION}`;
      case 'mid': {
        const rest = task.kind === 'greet' || task.kind === 'acknowledge' ? task.question : asked;
        return `Thanks. ${label}: ${rest}`;
      }
    }
  }, options);
}

/**
 * A model that returns nothing at all: an empty content and done_reason 'stop' (seen with
 * structured-output grammars and some quantised models).
 * @param {ScenarioOptions} [options]
 */
export function empty(options) {
  return scenario(() => '', options);
}

export const WHITESPACE_REPLY = ' \n\n \t\n';

/**
 * A model that streams only whitespace and newlines, then stops (ollama/ollama#2577).
 * @param {ScenarioOptions} [options]
 */
export function whitespace(options) {
  return scenario(() => WHITESPACE_REPLY, options);
}

export const EARLY_CLOSING = 'Thank you, that is the end of our interview.';

/**
 * A model that wraps up at the first chance: every task, the greeting included, gets a closing
 * and no question (small models that latch on to "the interview is over" in the system prompt).
 * @param {ScenarioOptions} [options]
 */
export function closesEarly(options) {
  return scenario(() => EARLY_CLOSING, options);
}

export const BACKGROUND_QUESTION = 'Before we go on, could you tell me a little more about your background?';

/**
 * A model that digs into the last answer whatever it is told: it never moves on to the planned
 * question, nor closes. 'You mentioned "<first six words of the last answer>". Could you go
 * deeper into that and give a concrete example?'; with no answer in sight, BACKGROUND_QUESTION.
 * @param {ScenarioOptions} [options]
 */
export function alwaysFollowUp(options) {
  return scenario((task, _turn, request, context) => {
    const answer = task.answer || lastAnswer(context?.seenMessages ?? request.messages ?? []);
    const words = answer.split(/\s+/).filter(Boolean).slice(0, 6).join(' ');
    if (!words) return BACKGROUND_QUESTION;
    return `You mentioned "${words}". Could you go deeper into that and give a concrete example?`;
  }, options);
}

/** What rolePlay() writes after its own turn: the candidate's lines and its next turns. */
export const ROLE_PLAY_TAIL = [
  '',
  'Candidate: Sure, at my last job I led the move to a new payment service, and we cut checkout errors by a third.',
  'Interviewer: That sounds great. What was the hardest part?',
  'Candidate: Probably convincing the team to pause feature work for two sprints.',
  'Interviewer: Thank you. Let us move on to the next question.',
].join('\n');

/**
 * A base or weakly tuned model that keeps writing the transcript: it does its turn (as
 * obedient() would), then invents the candidate's answer ('\nCandidate: Sure, at my last
 * job...') and more interviewer lines (ROLE_PLAY_TAIL). The request's options.stop cuts it, as
 * the stand-in applies stop strings, so the app's stop sequences and its filtering both matter.
 * @param {ScenarioOptions} [options]
 */
export function rolePlay(options) {
  return scenario((task) => `${obedientText(task)}${ROLE_PLAY_TAIL}`, options);
}

export const EXTRA_QUESTIONS =
  'Also, how do you prioritise when deadlines collide? And what would your last manager say about you?';
export const SELF_ANSWER =
  'For example, I would say: at my last company I started from what users needed, shipped a small first version and measured error rates before and after.';

/**
 * A chatty model that does not stop at one question: turn n asks its question and then, on even
 * turns, two more (EXTRA_QUESTIONS), on odd turns answers its own question (SELF_ANSWER).
 * @param {ScenarioOptions} [options]
 */
export function severalQuestions(options) {
  return scenario((task, turn) => {
    const asked = task.kind === 'thank' ? `${OBEDIENT_CLOSING} One last thing:` : obedientText(task);
    return `${asked} ${turn % 2 === 0 ? EXTRA_QUESTIONS : SELF_ANSWER}`;
  }, options);
}

/**
 * A multilingual model that slips into another language (Qwen, Mistral with a non-English
 * system locale): real sentences in Spanish (default), French or German, with the planned
 * question translated when the built-in phrasebook (./scenario-phrases.mjs) or `translations`
 * knows it; otherwise it asks a generic question of its own in that language (as a model that
 * translates loosely does). Follow-ups ask for details and an example, without the English probe.
 * @param {Language} [lang]
 * @param {ScenarioOptions & { translations?: Record<string, string> }} [options]
 */
export function otherLanguage(lang = 'es', options = {}) {
  const phrases = phrasesFor(lang, options.translations);
  return scenario((task) => {
    switch (task.kind) {
      case 'greet':
        return `${phrases.greeting} ${phrases.question(task.question)}`;
      case 'acknowledge':
        return `${phrases.ack} ${phrases.question(task.question)}`;
      case 'follow-up':
      case 'clarify':
      case 'unknown':
        return phrases.followUp;
      case 'thank':
        return phrases.closing;
    }
  }, options);
}

/** The sentences longReply() rambles with, in turn. */
const RAMBLE = [
  'Thank you for sharing that, it is really interesting to hear how you approached it.',
  'Before I ask the next question, let me say a few words about how we think about this kind of work here.',
  'In my experience the teams that do well are the ones that write things down, agree on what done means and keep their promises small.',
  'Of course every company is different, and what works in a start-up does not always work in a large organisation with many stakeholders.',
  'I remember a project where we spent three months on a design that we threw away in a week, and honestly that taught us more than any success.',
  'It is also worth saying that communication matters at least as much as the technical side, because people need to trust the numbers you give them.',
  'When I look back at the best hires I have seen, they were curious, they asked questions early and they were not afraid to say they did not know.',
  'Another thing I often notice is that people underestimate how long it takes to get a change from a laptop into the hands of real users.',
  'There is testing, review, documentation, rollout, monitoring and then the inevitable surprises that only show up under real load.',
  'So when we talk about a project, I am always curious about the parts that did not go to plan and what you learned from them.',
];

/**
 * A model that rambles: about 1,500 words of monologue (LONG_REPLY_WORDS) before it finally
 * gets to the planned question, i.e. a reply that only num_predict stops, with done_reason
 * 'length' (the stand-in applies num_predict; without it the whole text streams and stops).
 * @param {ScenarioOptions} [options]
 */
export function longReply(options) {
  return scenario((task) => `${rambling()}\n\n${obedientText(task)}`, options);
}

/** Words of longReply()'s monologue, without the final question. */
export const LONG_REPLY_WORDS = 1500;

function rambling() {
  /** @type {string[]} */
  const paragraphs = [];
  let words = 0;
  for (let p = 0; words < LONG_REPLY_WORDS; p++) {
    // each paragraph starts one sentence further on, so the text wanders rather than loops
    const sentences = [];
    for (let s = 0; s < 4 && words < LONG_REPLY_WORDS; s++) {
      const sentence = RAMBLE[(p + s) % RAMBLE.length] ?? '';
      const taken = sentence.split(' ').slice(0, LONG_REPLY_WORDS - words);
      sentences.push(taken.join(' '));
      words += taken.length;
    }
    paragraphs.push(sentences.join(' '));
  }
  return paragraphs.join('\n\n');
}

/**
 * A model whose context window lost the start of the interview: when the stand-in had to drop
 * messages (context.truncated), it re-asks the earliest question it can still see (a planned
 * `Question: "..."` line or an interviewer turn among context.seenMessages), as 'Thank you.
 * <that question>', instead of the task's question; otherwise it is obedient(). Use it with a
 * small num_ctx (or `defaultNumCtx`) to show the harm of a small window.
 * @param {ScenarioOptions} [options]
 */
export function forgetful(options) {
  return scenario((task, _turn, _request, context) => {
    if (!context?.truncated) return obedientText(task);
    const first = earliestQuestion(context.seenMessages);
    return first ? `${OBEDIENT_ACK} ${first}` : obedientText(task);
  }, options);
}

/**
 * Wraps a ReplyFn so that its replies start with reasoning in <think> tags, as DeepSeek-R1 did
 * on servers before 0.9 (the stand-in's ReplySpec.inlineThink: tags split across lines, counted
 * by num_predict).
 * @param {ReplyFn} inner
 * @param {string} [reasoning]
 * @returns {ReplyFn}
 */
export function thinksInline(inner, reasoning = 'The note asks for one short turn. I will keep it brief.') {
  return (request, callIndex, context) => {
    const reply = inner(request, callIndex, context);
    if (request.format) return reply;
    return typeof reply === 'string' ? { text: reply, inlineThink: reasoning } : { inlineThink: reasoning, ...reply };
  };
}
