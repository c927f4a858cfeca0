export { buildServer } from './server.js';
export { gyreVersion } from '../core/version.js';
export type { TypedApp } from './typed-app.js';
