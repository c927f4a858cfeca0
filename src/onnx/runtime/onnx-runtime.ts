import { invalidParameter } from '../../core/errors/index.js';

/** A CPU tensor of onnxruntime-node, declared structurally: `data` is a typed array or string[]. */
export interface RuntimeTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
}

/** Builds onnxruntime tensors; onnxruntime checks that the array type fits `type`. */
export type RuntimeTensorFactory = (
  type: string,
  data: unknown,
  dims: readonly number[],
) => RuntimeTensor;

/** The part of onnxruntime-node's InferenceSession Gyre uses, declared structurally. */
export interface RuntimeSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Runs the graph; `fetches` limits the outputs computed (all of them by default). */
  run(
    feeds: Record<string, RuntimeTensor>,
    fetches?: readonly string[],
  ): Promise<Record<string, RuntimeTensor>>;
  release(): Promise<void>;
}

export interface SessionOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  /** onnxruntime's own stderr log: 0 verbose … 2 warnings (its default) … 4 fatal only. */
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
}

interface OnnxRuntimeModule {
  InferenceSession: {
    create(model: Uint8Array, options?: SessionOptions): Promise<RuntimeSession>;
  };
  Tensor: new (type: string, data: unknown, dims: readonly number[]) => RuntimeTensor;
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

/** A tensor factory, once the native library is loaded (sessions need it loaded anyway). */
export async function runtimeTensorFactory(): Promise<RuntimeTensorFactory> {
  const { Tensor } = await loadRuntime();
  return (type, data, dims) => new Tensor(type, data, dims);
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
