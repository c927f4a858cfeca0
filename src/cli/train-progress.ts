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

  constructor(options: { json?: boolean | undefined; stream?: NodeJS.WriteStream }) {
    this.line = new ProgressLine({
      json: Boolean(options.json),
      ...(options.stream ? { stream: options.stream } : {}),
    });
    this.line.update(this.current);
  }

  phase(phase: TrainPhase, done: number, total: number): void {
    this.current =
      phase === 'cross-validation'
        ? `cross-validation: fold ${Math.min(done + 1, total)}/${total}`
        : 'training the final model';
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
    this.line.update(text);
  }
}
