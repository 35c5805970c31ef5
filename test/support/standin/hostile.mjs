// @ts-check
// A hostile host: text that tries to act on the terminal it is printed to. Tests put it where a
// host's words reach the app (an error body via `routeErrors` or a ReplySpec `error`, a model
// name in `models`, reply text, `rawDoneReason`) and then look for UNSAFE in everything the app
// printed or stored. Written with escapes only, so this file itself holds none of the bytes.

/**
 * @import { ReplyFn } from './types.mjs'
 */

const ESC = '\u001B';
const BEL = '\u0007';

/** What each piece would do to a terminal, if it got through. */
export const HOSTILE_PIECES = {
  /** OSC 0: sets the window title. */
  title: `${ESC}]0;pwned${BEL}`,
  /** SGR red, then reset. */
  colour: `${ESC}[31m`,
  colourReset: `${ESC}[0m`,
  /** Clears the screen and moves the cursor home. */
  clear: `${ESC}[2J${ESC}[H`,
  /** The 8-bit CSI (U+009B) form of SGR bold. */
  c1: '\u009B1m',
  /** Rings the bell. */
  bell: BEL,
  /** Right-to-left override: the text after it is shown reversed until the pop. */
  rtlOverride: '\u202E',
  popDirectional: '\u202C',
  /** Isolates (LRI ... PDI) and marks. */
  isolate: '\u2066',
  popIsolate: '\u2069',
  rtlMark: '\u200F',
  /** Zero-width space and joiner, word joiner and BOM: invisible characters inside words. */
  zeroWidth: '\u200B',
  zeroWidthJoiner: '\u200D',
  wordJoiner: '\u2060',
  bom: '\uFEFF',
};

const P = HOSTILE_PIECES;

/** One line with every piece; without them it reads "Hostile text desrever here end". */
export const HOSTILE_TEXT =
  `${P.title}${P.colour}Hostile${P.colourReset} te${P.zeroWidth}xt${P.bell} ${P.rtlOverride}desrever${P.popDirectional}` +
  ` ${P.isolate}he${P.zeroWidthJoiner}re${P.popIsolate}${P.rtlMark} ${P.c1}e${P.wordJoiner}n${P.bom}d${P.clear}`;

/** A model name for /api/tags that carries a title change, a colour, a bidi override and a zero-width space. */
export function hostileModelName(base = 'evil') {
  return `${base}${P.title}${P.colour}${P.rtlOverride}x${P.zeroWidth}:latest`;
}

/**
 * Any byte a terminal would act on or hide, as the issue lists them: ESC and the 8-bit CSI,
 * BEL, the bidi embeddings, overrides, isolates and marks, zero-width spaces and joiners, the
 * word joiner and the BOM. (The joiners belong inside emoji sequences, which the texts here
 * have none of. The app's sanitiser is not consulted: this is what must be absent, however it
 * is done.)
 */
// eslint-disable-next-line no-control-regex -- these bytes are what is looked for
export const UNSAFE = /[\u0007\u001B\u009B\u202A-\u202E\u2066-\u2069\u200B-\u200F\u061C\u2060\uFEFF]/u;

/**
 * `reply` with HOSTILE_TEXT put into the text of every reply that is prose (a request without
 * `format`); structured replies (the judge's JSON) are left as they are.
 * @param {ReplyFn} reply
 * @returns {ReplyFn}
 */
export function withHostileText(reply) {
  return (request, callIndex, context) => {
    const r = reply(request, callIndex, context);
    if (request.format !== undefined) return r;
    if (typeof r === 'string') return `${HOSTILE_TEXT} ${r}`;
    return r.text === undefined ? r : { ...r, text: `${HOSTILE_TEXT} ${r.text}` };
  };
}

/**
 * Strings of several characters that occur only where a piece was kept: the title the OSC
 * would set, the escape sequences, and each invisible piece with its neighbours in HOSTILE_TEXT
 * or hostileModelName(). Unlike UNSAFE's single characters, these can be looked for in a file's
 * raw bytes (a database page) without matching its own binary structure by chance.
 */
export const HOSTILE_MARKERS = [
  'pwned',
  P.colour,
  P.colourReset,
  P.clear,
  `${P.rtlOverride}desrever`,
  `te${P.zeroWidth}xt`,
  `${P.isolate}he${P.zeroWidthJoiner}re`,
  `e${P.wordJoiner}n${P.bom}d`,
  `${P.rtlOverride}x${P.zeroWidth}`,
];
