#!/usr/bin/env node
// @ts-check
// Runs the Ollama stand-in as a process, for manual runs and benchmarks.
//
//   node test/support/ollama-standin-cli.mjs --port 11500 [--token-delay-ms 20]
//     [--first-byte-delay-ms 0] [--models mistral:latest,llama3.1:latest]
//     [--script replies.json | --interviewer | --scenario obedient] [--default-num-ctx 4096]
//     [--version 0.12.10] [--hostile names,replies,chat-error,tags-error,done-reason] [--verbose]
//
// --scenario: one of the factories of scenarios.mjs, in kebab case (obedient,
// ignores-instructions, empty, whitespace, closes-early, always-follow-up, role-play,
// several-questions, other-language, long-reply, forgetful), with the scripted judge.
//
// --script: a JSON array of Reply values (strings or reply objects, see ReplySpec in
// standin/types.mjs) used in order for successive chat generations; the last
// one repeats once the list is exhausted. Without it the default reply is used.
// --hostile: a host whose words try to act on the terminal (escape sequences, bidi controls,
// zero-width characters: HOSTILE_TEXT in standin/hostile.mjs). names: /api/tags also lists a
// model whose name carries them; replies: every prose reply starts with them; chat-error and
// tags-error: /api/chat or /api/tags answer HTTP 500 with them as the error; done-reason: the
// done line's done_reason is them.
//
// Prints `listening http://127.0.0.1:PORT` on stdout once ready; exits on SIGTERM/SIGINT.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startStandin } from './ollama-standin.mjs';
import { isArray, isObject } from './json-guards.mjs';
import { HOSTILE_TEXT, hostileModelName, withHostileText } from './standin/hostile.mjs';
import { defaultReply } from './standin/default-reply.mjs';

/**
 * @import { Reply, StandinOptions } from './ollama-standin.mjs'
 */

const USAGE =
  'usage: node test/support/ollama-standin-cli.mjs [--port 11500] [--token-delay-ms N] [--first-byte-delay-ms N]\n' +
  '         [--models a:latest,b:latest] [--script replies.json | --interviewer | --scenario NAME]\n' +
  '         [--default-num-ctx N] [--version X.Y.Z] [--hostile names,replies,chat-error,tags-error,done-reason]\n' +
  '         [--verbose]';

/** @param {string} message @returns {never} */
function fail(message) {
  process.stderr.write(`ollama-standin: ${message}\n${USAGE}\n`);
  process.exit(2);
}

/** @param {string | undefined} value @param {string} flag */
function nonNegative(value, flag) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) fail(`${flag} must be a non-negative number, got ${JSON.stringify(value)}`);
  return n;
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '11500' },
      'token-delay-ms': { type: 'string' },
      'first-byte-delay-ms': { type: 'string' },
      models: { type: 'string' },
      script: { type: 'string' },
      interviewer: { type: 'boolean', default: false },
      scenario: { type: 'string' },
      'default-num-ctx': { type: 'string' },
      version: { type: 'string' },
      hostile: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
if (!args) process.exit(2);
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const port = nonNegative(args.port, '--port');
if (port === undefined || !Number.isInteger(port) || port > 65535) fail('--port must be an integer 0..65535');

/** @type {Reply[] | undefined} */
let script;
if (args.script) {
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(args.script, 'utf8'));
  } catch (err) {
    fail(`cannot read --script ${args.script}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isArray(parsed) || parsed.length === 0) fail('--script must hold a non-empty JSON array of replies');
  for (const [i, r] of parsed.entries()) {
    if (typeof r !== 'string' && (typeof r !== 'object' || r === null || Array.isArray(r))) {
      fail(`--script entry ${i} must be a string or an object`);
    }
  }
  // Strings and objects; the stand-in reads the fields of a reply object defensively.
  script = /** @type {Reply[]} */ (parsed);
}

const models = args.models
  ?.split(',')
  .map((m) => m.trim())
  .filter(Boolean);

/** @type {StandinOptions} */
const options = { port };
if (models) options.models = models;
if (args.version) options.version = args.version;
const tokenDelayMs = nonNegative(args['token-delay-ms'], '--token-delay-ms');
const firstByteDelayMs = nonNegative(args['first-byte-delay-ms'], '--first-byte-delay-ms');
if (tokenDelayMs !== undefined) options.tokenDelayMs = tokenDelayMs;
if (firstByteDelayMs !== undefined) options.firstByteDelayMs = firstByteDelayMs;
const defaultNumCtx = nonNegative(args['default-num-ctx'], '--default-num-ctx');
if (defaultNumCtx !== undefined) {
  if (!Number.isInteger(defaultNumCtx) || defaultNumCtx < 1) fail('--default-num-ctx must be a positive integer');
  options.defaultNumCtx = defaultNumCtx;
}
if ([args.interviewer, args.scenario !== undefined, script !== undefined].filter(Boolean).length > 1) {
  fail('--script, --interviewer and --scenario exclude each other');
}
if (args.scenario !== undefined) {
  const scenarios = await import('./scenarios.mjs');
  /** @type {Record<string, () => import('./ollama-standin.mjs').ReplyFn>} */
  const factories = {
    obedient: () => scenarios.obedient(),
    'ignores-instructions': () => scenarios.ignoresInstructions(),
    empty: () => scenarios.empty(),
    whitespace: () => scenarios.whitespace(),
    'closes-early': () => scenarios.closesEarly(),
    'always-follow-up': () => scenarios.alwaysFollowUp(),
    'role-play': () => scenarios.rolePlay(),
    'several-questions': () => scenarios.severalQuestions(),
    'other-language': () => scenarios.otherLanguage(),
    'long-reply': () => scenarios.longReply(),
    forgetful: () => scenarios.forgetful(),
  };
  const make = factories[args.scenario];
  if (!make) fail(`--scenario must be one of ${Object.keys(factories).join(', ')}`);
  options.reply = make();
} else if (args.interviewer) {
  // Behave like a well-behaved interviewer model (reads our director notes) and judge;
  // the same as --scenario obedient (see scenarios.mjs and judge.mjs).
  const { obedient } = await import('./scenarios.mjs');
  options.reply = obedient();
} else if (script) {
  const replies = script;
  const last = replies.at(-1);
  if (last === undefined) fail('--script must hold a non-empty JSON array of replies'); // checked above
  // in order, then the last one again and again
  options.reply = (_request, callIndex) => replies[callIndex] ?? last;
}

if (args.hostile !== undefined) {
  const kinds = new Set(args.hostile.split(',').map((k) => k.trim()));
  const known = ['names', 'replies', 'chat-error', 'tags-error', 'done-reason'];
  const unknown = [...kinds].filter((k) => !known.includes(k));
  if (unknown.length > 0 || kinds.size === 0) fail(`--hostile takes a list of ${known.join(', ')}`);
  if (kinds.has('names')) options.models = [...(options.models ?? ['mistral:latest']), hostileModelName()];
  /** @type {Record<string, { status: number, error: string }>} */
  const routeErrors = {};
  if (kinds.has('chat-error')) routeErrors['/api/chat'] = { status: 500, error: HOSTILE_TEXT };
  if (kinds.has('tags-error')) routeErrors['/api/tags'] = { status: 500, error: HOSTILE_TEXT };
  options.routeErrors = routeErrors;
  /** @type {import('./ollama-standin.mjs').ReplyFn} */
  let reply = options.reply ?? defaultReply;
  if (kinds.has('replies')) reply = withHostileText(reply);
  if (kinds.has('done-reason')) {
    const inner = reply;
    reply = (request, callIndex, context) => {
      const r = inner(request, callIndex, context);
      return { ...(typeof r === 'string' ? { text: r } : r), rawDoneReason: HOSTILE_TEXT };
    };
  }
  if (kinds.has('replies') || kinds.has('done-reason')) options.reply = reply;
}

let standin;
try {
  standin = await startStandin(options);
} catch (err) {
  process.stderr.write(
    `ollama-standin: cannot listen on 127.0.0.1:${port}: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
}

if (args.verbose) {
  // log each request once it has been recorded
  let seen = 0;
  const timer = setInterval(() => {
    for (const r of standin.requests.slice(seen)) {
      const model = isObject(r.body) ? r.body.model : undefined;
      process.stderr.write(`${new Date().toISOString()} ${r.method} ${r.path}${model ? ` model=${model}` : ''}\n`);
    }
    seen = standin.requests.length;
  }, 50);
  timer.unref();
}

process.stdout.write(`listening ${standin.url}\n`);

let stopping = false;
/** @param {NodeJS.Signals} signal */
const stop = async (signal) => {
  if (stopping) return;
  stopping = true;
  if (args.verbose) process.stderr.write(`ollama-standin: ${signal}, closing\n`);
  await standin.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
