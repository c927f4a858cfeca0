import { invalidParameter } from '../../core/errors/index.js';

/** The part of onnxruntime-node's InferenceSession Gyre uses, declared structurally. */
export interface RuntimeSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  release(): Promise<void>;
}

export interface SessionOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
}

interface OnnxRuntimeModule {
  InferenceSession: {
    create(model: Uint8Array, options?: SessionOptions): Promise<RuntimeSession>;
  };
}

let runtime: Promise<OnnxRuntimeModule> | undefined;

/** Loaded on first use: commands that never run a model do not pay for the native library. */
function loadRuntime(): Promise<OnnxRuntimeModule> {
  runtime ??= import('onnxruntime-node').then(
    (module) => (module.default ?? module) as unknown as OnnxRuntimeModule,
  );
  return runtime;
}

export async function createRuntimeSession(
  model: Uint8Array,
  options: SessionOptions = {},
): Promise<RuntimeSession> {
  const { InferenceSession } = await loadRuntime();
  return InferenceSession.create(model, options);
}

/**
 * The second check of a registration: onnxruntime itself can build a session from the bytes
 * (operators exist for the opsets, shapes and types are consistent). INVALID_PARAMETER_VALUE if not.
 */
export async function checkLoadsInRuntime(model: Uint8Array): Promise<void> {
  let session: RuntimeSession;
  try {
    session = await createRuntimeSession(model, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw invalidParameter(`onnxruntime cannot load the model: ${reason}`);
  }
  await session.release();
}
