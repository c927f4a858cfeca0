import { formatBytes } from './output.js';

/**
 * A one-line progress display on an interactive terminal (stderr), silent when output is piped,
 * with --json, or in CI — where a stream of carriage returns would only clutter logs.
 */
export class ProgressLine {
  private readonly stream: NodeJS.WriteStream;
  private readonly enabled: boolean;
  private shown = false;

  constructor(options: { json?: boolean; stream?: NodeJS.WriteStream } = {}) {
    this.stream = options.stream ?? process.stderr;
    this.enabled = Boolean(this.stream.isTTY) && !options.json && !process.env.CI;
  }

  update(text: string): void {
    if (!this.enabled) return;
    this.stream.write(`\r\x1b[2K${text}`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}

export function transferText(
  verb: string,
  done: { files: number; bytes: number },
  total: { totalFiles: number; totalBytes: number },
): string {
  return `${verb} ${done.files}/${total.totalFiles} files, ${formatBytes(done.bytes)} of ${formatBytes(total.totalBytes)}`;
}
