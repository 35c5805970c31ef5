/**
 * Checks for values a person types, on the command line (`--questions 7`) or after
 * `config set` (`questions 7`), so both refuse the same things in the same words. Each returns
 * the value it read, or throws a ValueError whose message says what to use instead ("Use …");
 * the caller adds what was wrong (`Invalid --questions "0".`, `Invalid value for questions: "0".`).
 */

/** The message is the sentence that tells the person what to type instead: `Use a whole number from 1 to 20.` */
export class ValueError extends Error {
  constructor(use: string) {
    super(use);
    this.name = 'ValueError';
  }
}

/**
 * A whole number in [min, max], written with decimal digits only: Number() would also take
 * `1e1`, `0x10`, `1.0` or `+5`, and run something other than what the person meant to type.
 */
export function wholeNumberIn(raw: string, min: number, max = Number.MAX_SAFE_INTEGER, note = ''): number {
  const text = raw.trim();
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new ValueError(`Use a whole number ${range}${note}.`);
  }
  return n;
}

/** `a, b or c`: how a short list of choices reads in a sentence. */
export function orList(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** One of `choices`, as typed (trimmed). */
export function oneOfValues<const C extends readonly string[]>(raw: string, choices: C): C[number] {
  const value = raw.trim();
  const found = choices.find((c) => c === value);
  if (found === undefined) throw new ValueError(`Use ${orList(choices)}.`);
  return found;
}

// Ollama's own rule for a model name (types/model/name.go): [host/][namespace/]model[:tag],
// each part letters, digits, `_`, `-` and `.` (no dot in a namespace, never two dots in a
// row), a host may carry a :port. Checking the form here catches a typo ("llama 3", a pasted
// quote or newline) at once, before it becomes a 400 from the server mid-start.
const PART = '[A-Za-z0-9_.-]{1,128}';
const MODEL_NAME = new RegExp(`^(?:${PART}(?::\\d{1,5})?/)?(?:[A-Za-z0-9_-]{1,128}/)?${PART}(?::${PART})?$`);

const MODEL_NAME_USE =
  'Use an Ollama model name such as mistral, llama3.1:8b or hf.co/user/model:Q4_K_M (letters, digits, _ - . only).';

/** An Ollama model name as typed: its syntax only (whether it is pulled is the server's to say). */
export function ollamaModelName(raw: string): string {
  const name = raw.trim();
  if (!MODEL_NAME.test(name) || name.includes('..')) throw new ValueError(MODEL_NAME_USE);
  return name;
}

/** Free text that must fit on one line: a command, a path, a model folder. */
export function oneLineText(raw: string, what: string): string {
  const text = raw.trim();
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (text === '' || /[\u0000-\u001f\u007f-\u009f]/.test(text)) throw new ValueError(`Use ${what} on one line.`);
  return text;
}
