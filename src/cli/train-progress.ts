import type { EpochLoss, TrainPhase } from '../train/index.js';
import { formatNumber } from './output.js';
import { ProgressLine } from './progress.js';

/** Redraws at most this often: training calls back thousands of times a second. */
const REDRAW_MS = 100;

/** `gyre train`'s one-line progress: the phase, the fold or epoch, and the latest losses. */
export class TrainProgress {
  private readonly line: ProgressLine;
  private current = 'reading data';
  private lastDraw = 0;
  /** Model fits done and to do: one per fold, then the final model. */
  private fits = { done: 0, total: 1 };

  constructor(options: { json?: boolean | undefined; stream?: NodeJS.WriteStream }) {
    this.line = new ProgressLine({
      json: Boolean(options.json),
      ...(options.stream ? { stream: options.stream } : {}),
    });
    this.line.update(`${bar(0)} ${this.current}`);
  }

  phase(phase: TrainPhase, done: number, total: number): void {
    if (phase === 'cross-validation') {
      this.fits = { done, total: total + 1 };
      this.current = `cross-validation: fold ${Math.min(done + 1, total)}/${total}`;
    } else {
      this.fits = { done: this.fits.total - 1 + done, total: this.fits.total };
      this.current = 'training the final model';
    }
    this.draw(this.current, true);
  }

  epoch(loss: EpochLoss): void {
    const validation =
      loss.validationLoss === undefined
        ? ''
        : `, validation loss ${formatNumber(loss.validationLoss)}`;
    this.draw(
      `${this.current}: epoch ${loss.epoch}, train loss ${formatNumber(loss.trainLoss)}${validation}`,
    );
  }

  done(): void {
    this.line.done();
  }

  private draw(text: string, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    this.line.update(`${bar(this.fits.done / this.fits.total)} ${text}`);
  }
}

const BAR_WIDTH = 20;

/** `[#######-------------]  35%` */
export function bar(fraction: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent}`;
}
