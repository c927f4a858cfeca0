/** Serving endpoints that follow a model URI and switch versions without failing a request. */
export {
  ModelEndpoint,
  type ModelEndpointDeps,
  type RefreshOutcome,
  type ServableModel,
} from './model-endpoint.js';
export { followRegistry, type RegistryFollower } from './follow-registry.js';
