import { invalidParameter } from '../core/errors/index.js';
import { viewTypes, type ViewType } from '../store/index.js';

export function validateView(view: unknown): ViewType {
  if (view === undefined) return 'ACTIVE_ONLY';
  if (typeof view !== 'string' || !(viewTypes as readonly string[]).includes(view)) {
    throw invalidParameter(
      `view must be one of ${viewTypes.join(', ')}, got ${JSON.stringify(view)}`,
    );
  }
  return view as ViewType;
}
