import type { GyreClient } from '../sdk/index.js';
import { GyreClient as Client } from '../sdk/index.js';
import type { ConfigFlags } from './config-options.js';
import { resolveConfig } from './config-options.js';
import type { Output } from './output.js';

export interface CommandContext {
  output: Output;
  /** Set by a command that ran but found what it was asked to look for (e.g. violations). */
  exitCode?: number;
}

/** Opens the client a command works through (server or local store), and always closes it. */
export async function withClient<T>(
  flags: ConfigFlags,
  body: (client: GyreClient) => Promise<T>,
): Promise<T> {
  const { config } = resolveConfig(flags);
  const client = await Client.fromConfig(config);
  try {
    return await body(client);
  } finally {
    await client.close();
  }
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `k=v` pairs from repeated `--tag` options. */
export function parseKeyValues(pairs: string[] = [], what = '--tag'): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`${what} expects key=value, got '${pair}'`);
    result[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return result;
}
