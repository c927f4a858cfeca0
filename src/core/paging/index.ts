export {
  decodePageToken,
  encodePageToken,
  pageLimits,
  resolveMaxResults,
  toPage,
} from './page-token.js';
