import { pino, type Logger } from 'pino';

export type { Logger };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export const logLevels: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

/** JSON lines on stderr, so stdout stays clean for `--json` output and pipes. */
export function createLogger(level: LogLevel = 'info'): Logger {
  return pino({ level, base: { service: 'gyre' } }, pino.destination({ fd: 2, sync: false }));
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
