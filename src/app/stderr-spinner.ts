import { cleanLine } from '../shared/sanitize.js';

/** "Waiting for mistral… 4s" on stderr while something slow runs; only on a terminal. */
export class StderrSpinner {
  private timer: NodeJS.Timeout | null = null;

  start(label: string, since = Date.now()): void {
    if (!process.stderr.isTTY || this.timer) return;
    const text = cleanLine(label); // it names the model, which may be a host's word
    const frames = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
    let i = 0;
    this.timer = setInterval(() => {
      const seconds = Math.floor((Date.now() - since) / 1000);
      process.stderr.write(`\r${frames[i++ % frames.length]} ${text} ${seconds}s`);
    }, 100);
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    process.stderr.write('\r\u001B[2K');
  }
}
