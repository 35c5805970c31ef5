// @ts-check
// Runs a command in the foreground of a terminal and writes down how it ended, even when the
// terminal is closed under it: `node exit-recorder.mjs <file> <command> [args...]` writes the
// command's pid to <file>.pid at once, and {"code", "signal"} to <file> when it exits. A closing
// terminal sends SIGHUP to its whole foreground process group; this wrapper ignores it so it
// lives on to write the file, while the command gets the signal with its default disposition.
import { spawn } from 'node:child_process';
import { closeSync, writeFileSync } from 'node:fs';

const [file, command, ...args] = process.argv.slice(2);
if (!file || !command) throw new Error('usage: exit-recorder.mjs <file> <command> [args...]');
process.on('SIGHUP', () => {});
const child = spawn(command, args, { stdio: 'inherit' });
writeFileSync(`${file}.pid`, String(child.pid));
// The command has its own copies of the terminal. Node aborts at exit when it cannot restore a
// terminal that hung up (nodejs/node#51519); with these closed it has nothing to restore.
for (const fd of [0, 1, 2]) closeSync(fd);
child.on('exit', (code, signal) => writeFileSync(file, JSON.stringify({ code, signal })));
