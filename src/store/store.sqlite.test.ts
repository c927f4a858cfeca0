import { describeStoreConformance } from './conformance/index.js';
import { defaultSqliteDriver } from './dialects/sqlite-handle.js';
import { sqliteHarness } from './testing/store-harness.js';

describeStoreConformance(`sqlite via ${defaultSqliteDriver()}`, sqliteHarness);
