import type { FeatureSchema, ModelSignature } from '../../onnx/index.js';
import type { ModelVersion } from '../../registry/index.js';
import type { BatcherListener } from '../batching/batcher-listener.js';
import type {
  DynamicBatchingOptions,
  ResolvedBatchingOptions,
} from '../batching/batching-options.js';
import { DynamicBatcher, type SubmitOptions } from '../batching/dynamic-batcher.js';
import { checkInputs } from './check-inputs.js';
import type { ModelRuntime } from './model-runtime.js';
import type { Tensor, TensorSpec } from './tensor.js';
import type { WarmUpReport } from './warm-up.js';

export type InferOptions = SubmitOptions;

/** What is known of a loaded model besides its session. */
export interface LoadedModelInfo {
  name: string;
  uri: string | undefined;
  version: ModelVersion | undefined;
  /** The ONNX signature as the model declares it. */
  signature: ModelSignature;
  /** Tabular models trained by Gyre: how columns feed inputs (`gyre.features`). */
  featureSchema: FeatureSchema | null;
  /** Class labels in output order (`gyre.classes`). */
  classLabels: string[] | null;
  warmUp: WarmUpReport;
}

/**
 * A model ready to predict: one onnxruntime session behind a bounded queue that batches
 * concurrent requests. The same object serves HTTP requests and library calls.
 */
export class LoadedModel {
  readonly name: string;
  readonly uri: string | undefined;
  readonly version: ModelVersion | undefined;
  readonly signature: ModelSignature;
  readonly featureSchema: FeatureSchema | null;
  readonly classLabels: string[] | null;
  readonly warmUp: WarmUpReport;
  /** Inputs as served: V2 datatypes, -1 for open dimensions. */
  readonly inputs: readonly TensorSpec[];
  /** The outputs `infer` returns. */
  readonly outputs: readonly TensorSpec[];
  /** Outputs that are not plain tensors (e.g. ZipMap sequences), never computed. */
  readonly skippedOutputs: readonly string[];
  private readonly batcher: DynamicBatcher;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly runtime: ModelRuntime,
    info: LoadedModelInfo,
    batching: DynamicBatchingOptions = {},
    listener: BatcherListener = {},
  ) {
    this.name = info.name;
    this.uri = info.uri;
    this.version = info.version;
    this.signature = info.signature;
    this.featureSchema = info.featureSchema;
    this.classLabels = info.classLabels;
    this.warmUp = info.warmUp;
    this.inputs = runtime.signature.inputs;
    this.outputs = runtime.signature.outputs;
    this.skippedOutputs = runtime.signature.skippedOutputs;
    this.batcher = new DynamicBatcher(
      {
        name: this.name,
        inputs: this.inputs,
        outputs: this.outputs,
        run: (inputs) => runtime.run(inputs),
      },
      batching,
      listener,
    );
  }

  /** The queue and batching settings in force, and whether requests share runs (and if not why). */
  get batching(): ResolvedBatchingOptions & { active: boolean; reason?: string } {
    const { enabled, reason } = this.batcher.batching;
    return { ...this.batcher.options, active: enabled, ...(reason ? { reason } : {}) };
  }

  get queueDepth(): number {
    return this.batcher.queueDepth;
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  /**
   * Runs the model on one request: a tensor per input, by name. Bad inputs are
   * INVALID_PARAMETER_VALUE before anything is queued; a full queue, a request that waited
   * past its timeout and a closed model are TEMPORARILY_UNAVAILABLE with `retry_after_seconds`.
   */
  async infer(
    inputs: Record<string, Tensor>,
    options: InferOptions = {},
  ): Promise<Record<string, Tensor>> {
    checkInputs(this.inputs, inputs);
    return this.batcher.submit(inputs, options);
  }

  /** Refuses new requests, answers the queued and running ones, then releases the session. */
  close(): Promise<void> {
    this.closing ??= this.batcher.close().then(() => this.runtime.close());
    return this.closing;
  }
}
