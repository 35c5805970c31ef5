import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { installPipeGuards } from './app/pipe-guards.js';
import { installCrashFunnel } from './app/crash-funnel.js';
import { ExitCode } from './shared/errors.js';
import * as start from './commands/start.js';
import * as roles from './commands/roles.js';
import * as config from './commands/config.js';
import * as evaluate from './commands/evaluate.js';
import * as historyCommand from './commands/history.js';
import * as replayCommand from './commands/replay.js';
import * as exportCommand from './commands/export.js';
import * as callsCommand from './commands/calls.js';
import * as statsCommand from './commands/stats.js';
import * as resumeCommand from './commands/resume.js';
import * as retryCommand from './commands/retry.js';
import * as deleteCommand from './commands/delete.js';
import * as purgeCommand from './commands/purge.js';
import * as doctor from './commands/doctor.js';
import * as selftestCommand from './commands/selftest.js';
import * as dataCommand from './commands/data.js';
import * as voiceCommand from './commands/voice.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export function buildProgram(): Command {
  const program = new Command('interview-coach')
    .description('A local, private AI mock-interview coach for the terminal (Ollama + SQLite).')
    .version(version, '-v, --version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      // Commander's own errors (unknown flag, missing value, a value its parser refused) become our one-line style.
      outputError: (str, write) => write(`✖ ${commanderMessage(str)}\n`),
    })
    .addHelpText(
      'after',
      `
Examples:
  $ interview-coach start --role backend           interview in the terminal
  $ interview-coach start --role behavioral --offline
  $ interview-coach evaluate last                  evaluate (again) your latest session
  $ interview-coach roles                          list the built-in roles
  $ interview-coach config set model llama3.1      change the default model
  $ interview-coach selftest --model llama3.1      how well your model judges and interviews
  $ interview-coach voice setup                    install the speech engines for --voice
  $ echo "my answer" | interview-coach start --role frontend > transcript.txt`,
    );
  start.register(program);
  roles.register(program);
  config.register(program);
  evaluate.register(program);
  historyCommand.register(program);
  replayCommand.register(program);
  exportCommand.register(program);
  callsCommand.register(program);
  statsCommand.register(program);
  resumeCommand.register(program);
  retryCommand.register(program);
  deleteCommand.register(program);
  purgeCommand.register(program);
  doctor.register(program);
  selftestCommand.register(program);
  dataCommand.register(program);
  voiceCommand.register(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  installPipeGuards();
  installCrashFunnel();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        process.exitCode = ExitCode.ok;
        return;
      }
      if (err.code !== 'commander.executeSubCommandAsync') {
        process.stderr.write(`  Run \`interview-coach ${commandName(program, argv)}--help\` for usage.\n`);
      }
      process.exitCode = ExitCode.usage;
      return;
    }
    const { reportError } = await import('./app/output.js');
    process.exitCode = reportError(err);
  }
}

/**
 * `error: option '-q, --questions <n>' argument 'x' is invalid. Use ...` reads as
 * `Invalid --questions "x". Use ...`: every bad flag value is worded the same way.
 */
export function commanderMessage(raw: string): string {
  return raw
    .replace(/^error: /, '')
    .replace(/^option '(?:-\w, )?(--[\w-]+)[^']*' argument '(.*)' is invalid\./, 'Invalid $1 "$2".')
    .replace(/Allowed choices are (.*), ([^,]+)\.$/m, 'Use $1 or $2.')
    .trimEnd();
}

/** `start ` when the words name a command of the program, else nothing (the top-level help). */
function commandName(program: Command, argv: string[]): string {
  const sub = argv.slice(2).find((a) => !a.startsWith('-'));
  return sub && program.commands.some((c) => c.name() === sub) ? `${sub} ` : '';
}

await main(process.argv);
