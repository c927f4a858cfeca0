import { main } from '../cli/main.js';
import type { Output } from '../cli/output.js';

export interface CliResult {
  code: number;
  /** Everything written to stdout, one entry per `out` call, joined by newlines. */
  stdout: string;
  stderr: string;
}

/** Runs `gyre <args>` in this process with captured output. */
export async function runCli(...args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const output: Output = { out: (text) => out.push(text), err: (text) => err.push(text) };
  const code = await main(['node', 'gyre', ...args], output);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Runs a command that must succeed with `--json` and returns its parsed stdout. */
export async function runCliJson<T>(...args: string[]): Promise<T> {
  const result = await runCli(...args, '--json');
  if (result.code !== 0)
    throw new Error(`gyre ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
