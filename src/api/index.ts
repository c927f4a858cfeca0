export { buildServer } from './server.js';
export { gyreVersion } from './version.js';
export type { TypedApp } from './typed-app.js';
