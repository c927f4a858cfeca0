import { invalidParameter } from '../../core/errors/index.js';
import {
  createRuntimeSession,
  runtimeTensorFactory,
  type RuntimeSession,
  type RuntimeTensor,
  type RuntimeTensorFactory,
} from '../../onnx/index.js';
import { modelClosed } from './model-closed.js';
import { fromRuntimeTensor, toRuntimeTensor } from './runtime-tensors.js';
import type { ServingSignature } from './serving-signature.js';
import type { Tensor } from './tensor.js';

export interface RuntimeThreads {
  /** Threads one operator may use (onnxruntime's intra_op_num_threads). */
  intraOpThreads?: number;
  /** Threads running independent operators at once (inter_op_num_threads). */
  interOpThreads?: number;
}

/**
 * One onnxruntime session for one model version. `run` takes inputs that passed `checkInputs`;
 * `close` refuses new runs, lets running ones finish, then releases the native session.
 */
export class ModelRuntime {
  private active = 0;
  private closing: Promise<void> | undefined;
  private idle: (() => void) | undefined;
  private readonly fetches: string[];

  private constructor(
    readonly name: string,
    readonly signature: ServingSignature,
    private readonly session: RuntimeSession,
    private readonly makeTensor: RuntimeTensorFactory,
  ) {
    this.fetches = signature.outputs.map((output) => output.name);
  }

  /** INVALID_PARAMETER_VALUE when onnxruntime cannot build a session from the bytes. */
  static async create(
    name: string,
    bytes: Uint8Array,
    signature: ServingSignature,
    threads: Required<RuntimeThreads>,
  ): Promise<ModelRuntime> {
    let session: RuntimeSession;
    try {
      session = await createRuntimeSession(bytes, {
        intraOpNumThreads: threads.intraOpThreads,
        interOpNumThreads: threads.interOpThreads,
        // Failures reach the caller as errors carrying onnxruntime's message; its own stderr
        // lines would bypass the server's structured log and repeat them once per bad request.
        logSeverityLevel: 4,
      });
    } catch (error) {
      throw invalidParameter(`onnxruntime cannot load model '${name}': ${firstLine(error)}`);
    }
    return new ModelRuntime(name, signature, session, await runtimeTensorFactory());
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  async run(inputs: Record<string, Tensor>): Promise<Record<string, Tensor>> {
    if (this.closing) throw modelClosed(this.name);
    this.active += 1;
    try {
      const feeds: Record<string, RuntimeTensor> = {};
      for (const input of this.signature.inputs)
        feeds[input.name] = toRuntimeTensor(this.makeTensor, inputs[input.name]!);
      let results: Record<string, RuntimeTensor>;
      try {
        results = await this.session.run(feeds, this.fetches);
      } catch (error) {
        // Inputs were checked against the signature, so what is left is data the graph refuses.
        throw invalidParameter(
          `onnxruntime could not run model '${this.name}': ${firstLine(error)}`,
        );
      }
      const outputs: Record<string, Tensor> = {};
      for (const name of this.fetches) outputs[name] = fromRuntimeTensor(name, results[name]!);
      return outputs;
    } finally {
      this.active -= 1;
      if (this.active === 0) this.idle?.();
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.active > 0) await new Promise<void>((resolve) => (this.idle = resolve));
      await this.session.release();
    })();
    return this.closing;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
