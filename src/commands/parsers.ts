/**
 * Option parsers for commander: every bad flag fails the same way (InvalidArgumentError, turned
 * into `✖ Invalid --flag "value". <what to use>` by cli.ts), before any handler runs.
 * Kept light: this loads on every start-up, `--version` included.
 */
import { InvalidArgumentError } from 'commander';
import { UsageError } from '../shared/errors.js';
import { parseAge, parseSince } from '../shared/time-filters.js';

/**
 * A whole number in [min, max], written with decimal digits only: Number() would also take
 * `1e1`, `0x10`, `1.0` or `+5`, and run something other than what the person meant to type.
 */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER, note = '') {
  return (raw: string): number => {
    const n = Number(raw.trim());
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
      throw new InvalidArgumentError(`Use a whole number ${range}${note}.`);
    }
    return n;
  };
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
    const list = [...choices, ...(filePrefix ? ['file:<dir>'] : [])];
    throw new InvalidArgumentError(`Use ${list.slice(0, -1).join(', ')} or ${list.at(-1)}.`);
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

/** The time filters explain themselves; commander words the rest (`Invalid --since "x". Use ...`). */
function asArgument<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof UsageError)
      throw new InvalidArgumentError(err.message.replace(/^Cannot read "[^"]*" as an? \w+: use/, 'Use'));
    throw err;
  }
}
