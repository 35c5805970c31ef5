/**
 * Commands typed as a whole answer. Only a slash and letters (`/skip`, `/END`, spaces around
 * allowed) is a command: an answer that merely starts with a slash ("/usr/bin is on the PATH",
 * "/etc/hosts", "/2 of the cases") is an answer.
 */
export type AnswerCommand = 'skip' | 'end' | 'help';

const COMMANDS: Readonly<Record<string, AnswerCommand>> = {
  skip: 'skip',
  end: 'end',
  quit: 'end',
  exit: 'end',
  help: 'help',
};

/** The commands a person can type, as listed in help texts. */
export const COMMAND_NAMES = Object.keys(COMMANDS).map((name) => `/${name}`);

/**
 * `{ name, command }` when the text is shaped like a command (`command` null when the name is not
 * one we know), null when it is an answer.
 */
export function commandOf(text: string): { name: string; command: AnswerCommand | null } | null {
  const match = /^\/([a-z]+)$/i.exec(text.trim());
  if (!match) return null;
  const name = (match[1] ?? '').toLowerCase();
  return { name, command: Object.hasOwn(COMMANDS, name) ? (COMMANDS[name] ?? null) : null };
}
