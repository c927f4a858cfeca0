import { describeStoreConformance } from './conformance/index.js';
import { sqliteHarness } from './testing/store-harness.js';

describeStoreConformance('sqlite', sqliteHarness);
