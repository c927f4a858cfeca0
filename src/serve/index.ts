/** Serving: loading models into onnxruntime, queueing and batching their requests. */
export * from './batching/index.js';
export * from './runtime/index.js';
