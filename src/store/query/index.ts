export type {
  CompareOp,
  Comparison,
  Entity,
  FilterNode,
  FilterValue,
  InList,
  Junction,
  NullCheck,
  OrderTerm,
} from './filter-ast.js';
export {
  experimentFilterSchema,
  modelFilterSchema,
  modelVersionFilterSchema,
  runFilterSchema,
  type AttributeSpec,
  type FilterSchema,
} from './filter-schema.js';
export { parseFilter, parseOrderBy, quoteFilterString } from './parse-filter.js';
