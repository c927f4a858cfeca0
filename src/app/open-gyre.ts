import { mkdirSync } from 'node:fs';
import { LocalBlobStore, type BlobStore } from '../artifacts/index.js';
import type { GyreConfig } from '../core/config/index.js';
import { EventBus } from '../core/events/index.js';
import { createLogger, type Logger } from '../core/logging/index.js';
import { openStore, type Store } from '../store/index.js';
import { DatasetService } from '../data/datasets/index.js';
import { RegistryService } from '../registry/index.js';
import { TrackingService } from '../tracking/index.js';

/** One process's Gyre: the store, the artifact store, the event bus and the services over them. */
export interface Gyre {
  config: GyreConfig;
  logger: Logger;
  store: Store;
  blobs: BlobStore;
  bus: EventBus;
  tracking: TrackingService;
  /** Acting as `local`; use `registry.as(actor)` to attribute changes to someone else. */
  registry: RegistryService;
  datasets: DatasetService;
  close(): Promise<void>;
}

export interface OpenGyreOptions {
  logger?: Logger;
  clock?: () => number;
}

/** The composition root: every process (server, CLI, SDK in local mode) starts here. */
export async function openGyre(config: GyreConfig, options: OpenGyreOptions = {}): Promise<Gyre> {
  const logger = options.logger ?? createLogger(config.logLevel);
  mkdirSync(config.home, { recursive: true });
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    autoMigrate: config.autoMigrate,
    baseDir: config.home,
  });
  const blobs = new LocalBlobStore(config.artifactRoot);
  const bus = new EventBus((error, event) =>
    logger.error({ err: error, event: event.type }, 'event subscriber failed'),
  );
  const tracking = new TrackingService({ store, blobs, bus, clock: options.clock });
  const registry = new RegistryService({ store, blobs, bus, clock: options.clock });
  const datasets = new DatasetService({ store, blobs, clock: options.clock });
  // In-process subscribers hear of committed registry changes at once; other processes poll the outbox.
  store.outbox.subscribe((events) => {
    for (const event of events)
      bus.publish(event.type, { ...event.payload, eventId: event.id }, event.time);
  });
  return {
    config,
    logger,
    store,
    blobs,
    bus,
    tracking,
    registry,
    datasets,
    async close() {
      await store.close();
    },
  };
}
