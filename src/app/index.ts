export { openGyre, type Gyre, type OpenGyreOptions } from './open-gyre.js';
