import { afterEach, beforeEach, describe } from 'vitest';
import type { StoreHarness, StoreHarnessFactory } from '../testing/store-harness.js';
import { datasetCases } from './datasets.case.js';
import { experimentCases } from './experiments.case.js';
import { migrationCases } from './migrations.case.js';
import { predictionCases } from './predictions.case.js';
import { registryAliasAuditCases } from './registry-aliases-audit.case.js';
import { registryModelCases } from './registry-models.case.js';
import { registryVersionCases } from './registry-versions.case.js';
import { runArtifactCases } from './run-artifacts.case.js';
import { runInputCases } from './run-inputs.case.js';
import { runSearchCases } from './run-search.case.js';
import { runCases } from './runs.case.js';

/**
 * The store contract as tests. Every Store implementation runs all of it through a test file that
 * only supplies its harness; a case an implementation cannot pass must be skipped with a reason.
 */
export function describeStoreConformance(label: string, factory: StoreHarnessFactory): void {
  describe(`store conformance (${label})`, () => {
    let harness: StoreHarness | undefined;
    beforeEach(async () => {
      harness = await factory();
    });
    afterEach(async () => {
      await harness?.dispose();
      harness = undefined;
    });
    const current = () => {
      if (!harness) throw new Error('store harness used outside a test');
      return harness;
    };
    experimentCases(current);
    runCases(current);
    runSearchCases(current);
    runArtifactCases(current);
    runInputCases(current);
    registryModelCases(current);
    registryVersionCases(current);
    registryAliasAuditCases(current);
    datasetCases(current);
    predictionCases(current);
    migrationCases(current);
  });
}
