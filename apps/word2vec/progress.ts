/**
 * A one-line progress bar on a stream (stderr): percent, words/s, current loss and ETA.
 * On a terminal it redraws in place; otherwise it prints a plain line every 10%.
 */

/** "1m05s", "42s", "1h02m". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** The text of the bar at `fraction` done. */
export function progressLine(
  fraction: number,
  wordsPerSec: number,
  loss: number,
  etaSeconds: number,
  width = 24,
): string {
  const f = Math.min(1, Math.max(0, fraction));
  const full = Math.round(f * width);
  const bar = '#'.repeat(full) + '-'.repeat(width - full);
  const wps = Math.round(wordsPerSec).toLocaleString('en-US');
  return `[${bar}] ${(100 * f).toFixed(1).padStart(5)}%  ${wps} words/s  loss ${loss.toFixed(3)}  ETA ${formatDuration(etaSeconds)}`;
}

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

export class Progress {
  private lastDraw = 0;
  private lastTenth = -1;
  private drawn = false;

  constructor(
    private readonly out: ProgressStream,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether `update` at `fraction` would draw (callers may skip computing its values when not). */
  due(fraction: number): boolean {
    return this.out.isTTY ? this.now() - this.lastDraw >= 100 : Math.floor(fraction * 10) !== this.lastTenth;
  }

  /** Shows the state (at most every 100 ms on a terminal; every 10% otherwise). */
  update(fraction: number, wordsPerSec: number, loss: number, etaSeconds: number): void {
    if (!this.due(fraction)) return;
    const line = progressLine(fraction, wordsPerSec, loss, etaSeconds);
    if (this.out.isTTY) {
      this.lastDraw = this.now();
      this.out.write(`\r${line}\x1b[K`);
      this.drawn = true;
    } else {
      this.lastTenth = Math.floor(fraction * 10);
      this.out.write(`${line}\n`);
    }
  }

  /** Prints a message on its own line, above the bar. */
  log(message: string): void {
    if (this.out.isTTY && this.drawn) this.out.write('\r\x1b[K');
    this.out.write(`${message}\n`);
    this.lastDraw = 0;
  }

  /** Erases the bar (on a terminal) so that other output starts on a clean line. */
  clear(): void {
    if (this.out.isTTY && this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
    this.lastDraw = 0;
  }

  /** Ends the bar's line. */
  done(): void {
    if (this.out.isTTY && this.drawn) this.out.write('\n');
    this.drawn = false;
  }
}
