import { invalidParameter } from '../../core/errors/index.js';
import type { ViewType } from '../../store/index.js';

/** MLflow's ViewType by name or number (1 active, 2 deleted, 3 all); default ACTIVE_ONLY. */
export function viewType(value: string | undefined): ViewType {
  if (value === undefined || value === '' || value === 'ACTIVE_ONLY' || value === '1')
    return 'ACTIVE_ONLY';
  if (value === 'DELETED_ONLY' || value === '2') return 'DELETED_ONLY';
  if (value === 'ALL' || value === '3') return 'ALL';
  throw invalidParameter(`Invalid view type '${value}'; expected ACTIVE_ONLY, DELETED_ONLY or ALL`);
}
