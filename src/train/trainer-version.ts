import { gyreVersion } from '../core/version.js';

/** Written to `gyre.trainer` in every exported model, so a model says what made it. */
export const trainerVersion = `gyre-train ${gyreVersion}`;
