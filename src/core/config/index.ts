export { formatDatabaseUrl, parseDatabaseUrl, type DatabaseTarget } from './database-url.js';
export type { ConfigKey, ConfigSource, GyreConfig, ResolvedConfig } from './gyre-config.js';
export { loadConfig, type ConfigInputs } from './load-config.js';
export { maskUrlPassword } from './mask-secrets.js';
export { parseSize } from './parse-size.js';
export { settings, type SettingSpec } from './settings.js';
