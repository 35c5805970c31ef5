import { ParagraphAnswers } from '../core/interview/paragraph-answers.js';
import type { InterviewEvent } from '../core/interview/events.js';
import type { PreparedInterview } from './prepare-interview.js';
import { exitCodeForStatus } from '../core/errors.js';
import { info, printLine, warn } from './output.js';

/**
 * The interview without a TUI: the transcript goes to stdout as plain text, answers come
 * from stdin paragraphs, and status goes to stderr. Works with pipes, files and `| head`.
 */
export async function runPlainInterview(prepared: PreparedInterview): Promise<number> {
  const out = process.stdout;
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stdinIsTerminal = Boolean(process.stdin.isTTY);
  const spinner = new StderrSpinner(prepared.options.model);
  let streaming = false;
  let status: 'completed' | 'interrupted' = 'interrupted';
  const answers = new ParagraphAnswers(process.stdin);
  try {
    for await (const event of prepared.interview.run(answers, controller.signal)) {
      if (event.type !== 'thinking') spinner.stop();
      status = handle(event) ?? status;
    }
  } finally {
    spinner.stop();
    // An open stdin pipe would keep the process alive after an interrupted interview.
    answers.close();
    process.stdin.destroy();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return exitCodeForStatus(status);

  function handle(event: InterviewEvent): 'completed' | 'interrupted' | void {
    switch (event.type) {
      case 'started':
        printLine(out, `# Mock interview: ${event.roleTitle} (${event.difficulty}, ${event.plannedQuestions} question${event.plannedQuestions === 1 ? '' : 's'}, ${event.model ? `model ${event.model}` : 'question bank'})`);
        printLine(out);
        return;
      case 'notice':
        if (streaming) printLine(out);
        streaming = false;
        if (event.level === 'warning') warn(event.message, event.hint);
        else info(event.message);
        return;
      case 'thinking':
        spinner.start(event.since);
        return;
      case 'question-delta':
        if (!streaming) out.write('Interviewer: ');
        streaming = true;
        out.write(event.text);
        return;
      case 'question':
        if (!streaming) out.write(`Interviewer: ${event.text}`);
        if (event.cancelled) out.write(' [cancelled]');
        streaming = false;
        printLine(out);
        printLine(out);
        return;
      case 'awaiting-answer':
        if (stdinIsTerminal) info(`Your answer to question ${event.questionNumber} (finish with an empty line; /skip, /end):`);
        return;
      case 'answer':
        printLine(out, event.skipped ? 'Candidate: [skipped]' : `Candidate: ${event.text}`);
        printLine(out);
        return;
      case 'done':
        info(`Session ${event.sessionId.slice(0, 8)} saved (${event.status}).`);
        return event.status;
    }
  }
}

/** "Waiting for mistral… 4s" on stderr while the model loads; only on a terminal. */
class StderrSpinner {
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly model: string) {}

  start(since: number): void {
    if (!process.stderr.isTTY || this.timer) return;
    const frames = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
    let i = 0;
    this.timer = setInterval(() => {
      const seconds = Math.floor((Date.now() - since) / 1000);
      process.stderr.write(`\r${frames[i++ % frames.length]} Waiting for ${this.model}… ${seconds}s`);
    }, 100);
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    process.stderr.write('\r\u001B[2K');
  }
}
