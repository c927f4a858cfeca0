export { isRunId, newRunId, newRunName } from './ids.js';
