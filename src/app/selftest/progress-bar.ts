/**
 * "[#######-------]  12/125  judging technical-3  2m10s" on stderr while selftest works; only on
 * a terminal (a pipe or a log file gets nothing), redrawn in place.
 */
export class ProgressBar {
  private done = 0;
  private label = '';
  private timer: NodeJS.Timeout | null = null;
  private readonly started = Date.now();

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  start(label: string): void {
    this.label = label;
    if (!this.stream.isTTY || this.timer) return;
    this.draw();
    // Redrawn every second too: one judge call can take minutes on a CPU, and the clock shows it is alive.
    this.timer = setInterval(() => this.draw(), 1000);
  }

  step(label: string): void {
    this.done = Math.min(this.done + 1, this.total);
    this.label = label;
    if (this.timer) this.draw();
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    this.stream.write('\r\u001B[2K');
  }

  private draw(): void {
    const width = 24;
    const filled = this.total ? Math.round((this.done / this.total) * width) : 0;
    const seconds = Math.floor((Date.now() - this.started) / 1000);
    const clock =
      seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
    const columns = this.stream.columns || 80;
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.total}  ${this.label}  ${clock}`;
    this.stream.write(`\r\u001B[2K${line.slice(0, columns - 1)}`);
  }
}
