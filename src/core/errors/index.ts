export { errorCatalog, errorCodes, httpStatusOf, type ErrorCode } from './error-catalog.js';
export {
  GyreError,
  alreadyExists,
  invalidParameter,
  isGyreError,
  notFound,
  type GyreErrorOptions,
} from './gyre-error.js';
