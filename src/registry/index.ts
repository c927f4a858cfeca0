export { ModelService, type ModelSearch } from './model-service.js';
export type { VersionSource } from './model-source.js';
export { formatModelUri, parseModelUri, type ModelUri } from './model-uri.js';
export { toModelVersion, type ModelVersion, type OnnxSummary } from './model-version.js';
export { validateAlias, validateModelName, validateVersion } from './names.js';
export { RegistryService, type Lineage } from './registry-service.js';
export {
  VersionService,
  type RegisterVersionInput,
  type VersionSearch,
} from './version-service.js';
