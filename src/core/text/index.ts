export { isWellFormedText } from './well-formed.js';
