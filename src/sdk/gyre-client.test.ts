import { describeActiveRunCases } from './active-run.case.js';
import { describeClientArtifactCases } from './client-artifacts.case.js';
import { describeClientCases } from './client.case.js';
import { describeDatasetCases } from './datasets.case.js';
import { describeRegistryCases } from './registry.case.js';

for (const mode of ['local', 'http'] as const) {
  describeClientCases(mode);
  describeClientArtifactCases(mode);
  describeActiveRunCases(mode);
  describeRegistryCases(mode);
  describeDatasetCases(mode);
}
