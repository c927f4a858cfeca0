import type { BlobStore } from '../artifacts/index.js';
import type { EventBus } from '../core/events/index.js';
import type { Store } from '../store/index.js';

/** What the tracking services are built from; tests and processes pass real implementations. */
export interface TrackingDeps {
  store: Store;
  blobs: BlobStore;
  bus: EventBus;
  /** Milliseconds since the epoch; injectable so tests can control time. */
  clock?: () => number;
}
