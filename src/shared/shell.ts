/**
 * A word as it must be typed in a POSIX shell, for the commands we print as a next step: as it
 * is when that is safe, else in single quotes (macOS keeps the data in "Application Support").
 */
export function shellArg(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
