// @ts-check
// The answer box's work per keystroke (insert one character, wrap the answer, pick the rows to
// show) for an answer at the 20,000-character limit: plain ASCII, and text full of emoji and CJK
// (measured by grapheme), CJK and accented letters (one code point each, a faster path). Baseline, same run: the same keystroke on a one-line answer.
import { built } from './built.mjs';
import { median, ms, p90 } from './lib.mjs';

const { editorReducer } = await built('tui/answer-editor.js');
const { answerWindow } = await built('tui/answer-window.js');
const { wrapRows } = await built('tui/text-layout.js');

const COLUMNS = 75;
const RUNS = Number(process.env.BENCH_RUNS ?? 50);

/** @param {string} text */
function keystrokes(text) {
  /** @type {number[]} */
  const times = [];
  let state = { text, cursor: text.length };
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    state = editorReducer(state, { type: 'insert', text: 'x' });
    answerWindow(state, COLUMNS, 8, 0, wrapRows(state.text, COLUMNS));
    times.push(performance.now() - start);
  }
  return times;
}

export async function run() {
  await Promise.resolve();
  const ascii = 'the cache sat in front of the database and we measured the hit rate. '.repeat(290).slice(0, 20_000);
  const cjk = '缓存命中率从百分之六十提高到九十五。 Größe, café, naïve. '.repeat(700).slice(0, 20_000);
  const mixed = '缓存命中率 👩‍💻 went up 🇫🇷 e\u0301 from 60% to 95%. '.repeat(700).slice(0, 20_000);
  const cases = [
    { name: 'one line (baseline)', text: 'a short answer' },
    { name: '20,000 ASCII characters', text: ascii },
    { name: '20,000 characters of CJK and accents', text: cjk },
    { name: '20,000 characters with emoji', text: mixed },
  ];
  console.log(`answer box: one keystroke at ${COLUMNS} columns (median, p90 of ${RUNS})`);
  for (const { name, text } of cases) {
    const times = keystrokes(text);
    console.log(`  ${name.padEnd(36)} ${ms(median(times))}  ${ms(p90(times))}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
