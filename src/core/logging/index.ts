export { createLogger, logLevels, silentLogger, type LogLevel, type Logger } from './logger.js';
