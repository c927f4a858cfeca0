/**
 * Checking a file against a dataset contract (types, nulls, expectations) in one streaming pass,
 * and refusing columns whose values mix kinds.
 */
export { validateDataset } from './validate-dataset.js';
export {
  maxExamples,
  validationRules,
  type FailureExample,
  type ValidationFailure,
  type ValidationReport,
  type ValidationRule,
} from './validation-report.js';
export { renderValidationReport } from './render-validation-report.js';
export { findMixedTypes, type MajorityKind, type MixedTypeColumn } from './find-mixed-types.js';
export {
  mixedTypesError,
  refuseMixedTypes,
  type RefuseMixedTypesOptions,
} from './refuse-mixed-types.js';
export { cellReaders, type CellReader, type TypedValue } from './typed-value.js';
