import { PassThrough } from 'node:stream';
import { afterEach, expect, it, vi } from 'vitest';
import { ProgressLine, transferText } from './progress.js';

function terminal(isTTY: boolean): NodeJS.WriteStream & { text(): string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & { text(): string };
  let written = '';
  stream.write = (chunk: string) => {
    written += chunk;
    return true;
  };
  Object.assign(stream, { isTTY, text: () => written });
  return stream;
}

afterEach(() => vi.unstubAllEnvs());

it('redraws one line on a terminal and clears it when done', () => {
  vi.stubEnv('CI', '');
  const stream = terminal(true);
  const progress = new ProgressLine({ stream });
  progress.update(
    transferText('downloading', { files: 1, bytes: 2048 }, { totalFiles: 3, totalBytes: 4096 }),
  );
  progress.done();
  expect(stream.text()).toBe('\r\x1b[2Kdownloading 1/3 files, 2.0 KiB of 4.0 KiB\r\x1b[2K');
});

it('stays silent when piped, with --json, or in CI', () => {
  vi.stubEnv('CI', '');
  for (const [stream, json] of [
    [terminal(false), false],
    [terminal(true), true],
  ] as const) {
    const progress = new ProgressLine({ stream, json });
    progress.update('x');
    progress.done();
    expect(stream.text()).toBe('');
  }
  vi.stubEnv('CI', 'true');
  const ci = terminal(true);
  new ProgressLine({ stream: ci }).update('x');
  expect(ci.text()).toBe('');
});
