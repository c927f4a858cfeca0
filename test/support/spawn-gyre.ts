import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('./gyre-cli.ts', import.meta.url));

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Everything the process wrote to stderr so far (logs). */
  stderr(): string;
}

/** Starts `gyre server` from source in a child process on a free port and waits until it listens. */
export function startGyreServer(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<RunningServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', cli, 'server', '--port', '0', ...args],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`gyre server did not start in 30 s:\n${stderr}`)),
      30_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], process: child, stderr: () => stderr });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gyre server exited with ${code} before listening:\n${stderr}`));
    });
  });
}

export function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve()
      : child.once('exit', () => resolve()),
  );
}
