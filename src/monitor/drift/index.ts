/** Drift statistics comparing a current sample with a reference (checked against scipy). */
export { jensenShannonDistance } from './jensen-shannon.js';
export { wassersteinDistance } from './wasserstein.js';
