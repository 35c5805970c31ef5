/**
 * Option parsers for commander: every bad flag fails the same way (InvalidArgumentError, turned
 * into `✖ Invalid --flag "value". <what to use>` by cli.ts), before any handler runs.
 * Kept light: this loads on every start-up, `--version` included.
 */
import { InvalidArgumentError } from 'commander';
import { UsageError } from '../shared/errors.js';
import { parseAge, parseSince } from '../shared/time-filters.js';
import { ValueError, ollamaModelName, orList, wholeNumberIn } from '../shared/value-checks.js';

/** A whole number in [min, max], decimal digits only (shared/value-checks says why). */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER, note = '') {
  return (raw: string): number => asArgument(() => wholeNumberIn(raw, min, max, note));
}

/** `--model`, `--judge-model`: an Ollama model name, checked for its form before anything runs. */
export function modelName(raw: string): string {
  return asArgument(() => ollamaModelName(raw));
}

/** A speed factor such as 2, 0.5 or 2x (decimal digits, no exponent or hex): positive, at most 1000. */
export function speedFactor(raw: string): number {
  const digits = raw.trim().replace(/x$/i, '');
  const speed = Number(digits);
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(digits) || !Number.isFinite(speed) || speed <= 0 || speed > 1000) {
    throw new InvalidArgumentError('Use a positive factor: 1 is the original pacing, 2 twice as fast.');
  }
  return speed;
}

/** One of `choices`, or (with `filePrefix`) `file:<dir>`. */
export function oneOf(choices: readonly string[], filePrefix = false) {
  return (raw: string): string => {
    const value = raw.trim();
    if (choices.includes(value)) return value;
    if (filePrefix && value.startsWith('file:') && value.length > 'file:'.length) return value;
    throw new InvalidArgumentError(`Use ${orList(filePrefix ? [...choices, 'file:<dir>'] : choices)}.`);
  };
}

/** `--since`: a date, a date and time, or a span back from now (7d, 3m). */
export function since(raw: string): Date {
  return asArgument(() => parseSince(raw));
}

/** `--older-than`: an age such as 90d, in milliseconds. */
export function age(raw: string): number {
  return asArgument(() => parseAge(raw));
}

/** The checks say what to use; commander words the rest (`Invalid --since "x". Use ...`). */
function asArgument<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ValueError) throw new InvalidArgumentError(err.message);
    if (err instanceof UsageError)
      throw new InvalidArgumentError(err.message.replace(/^Cannot read "[^"]*" as an? \w+: use/, 'Use'));
    throw err;
  }
}
