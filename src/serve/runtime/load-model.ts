import { invalidParameter } from '../../core/errors/index.js';
import {
  inspectOnnxModel,
  parseOnnxModel,
  readClassLabels,
  readFeatureSchema,
  type FeatureSchema,
  type ModelSignature,
} from '../../onnx/index.js';
import type { BatcherListener } from '../batching/batcher-listener.js';
import {
  resolveBatchingOptions,
  type DynamicBatchingOptions,
} from '../batching/batching-options.js';
import { LoadedModel } from './loaded-model.js';
import { ModelRuntime, type RuntimeThreads } from './model-runtime.js';
import {
  readModelSource,
  type ModelBytes,
  type ModelReader,
  type ModelSource,
} from './model-source.js';
import { servingSignature } from './serving-signature.js';
import { warmUp } from './warm-up.js';

export interface LoadModelOptions extends RuntimeThreads {
  /** Needed for `models:/…` and `runs:/…` URIs: `gyre.registry` or anything with `read(uri)`. */
  registry?: ModelReader | { versions: ModelReader };
  /** The name in messages and metrics; default the registered name or the file name. */
  name?: string;
  /** true (default): one run on zero inputs at load, open dimensions as 1; or the shapes to use. */
  warmUp?: boolean | Record<string, number[]>;
  batching?: DynamicBatchingOptions;
  /** Queue and run observations, for metrics. */
  listener?: BatcherListener;
}

/**
 * One intra-op thread per session: measured on 2 cores, a second thread made the PaddleOCR
 * classifier slower whenever the other core was busy (as it is in a server answering HTTP),
 * and a serving process loads several models, each with its own pool.
 */
export const defaultRuntimeThreads: Required<RuntimeThreads> = {
  intraOpThreads: 1,
  interOpThreads: 1,
};

/**
 * Loads a model for prediction, in-process: from a `models:/name@alias`, `models:/name/3` or
 * `runs:/…` URI (through `registry`), a file path, or the bytes themselves. Builds one
 * onnxruntime session, warms it up and puts a bounded, batching queue in front of it.
 */
export async function loadModel(
  source: ModelSource,
  options: LoadModelOptions = {},
): Promise<LoadedModel> {
  const threads = resolveThreads(options);
  resolveBatchingOptions(options.batching); // refuse bad options before any work
  const model = await readModelSource(source, options.registry);
  const name = options.name ?? model.name;
  const described = describe(model);
  const runtime = await ModelRuntime.create(
    name,
    model.bytes,
    servingSignature(described.signature),
    threads,
  );
  try {
    const report = await warmUp(runtime, options.warmUp ?? true);
    return new LoadedModel(
      runtime,
      { name, uri: model.uri, version: model.version, ...described, warmUp: report },
      options.batching,
      options.listener,
    );
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

/** The registry has already read the signature and metadata of a version; a file is read here. */
function describe(model: ModelBytes): {
  signature: ModelSignature;
  featureSchema: FeatureSchema | null;
  classLabels: string[] | null;
} {
  const version = model.version;
  if (version?.signature)
    return {
      signature: version.signature,
      featureSchema: version.featureSchema,
      classLabels: version.classLabels,
    };
  const info = inspectOnnxModel(parseOnnxModel(model.bytes));
  const inputNames = info.signature.inputs.map((input) => input.name);
  return {
    signature: info.signature,
    featureSchema: readFeatureSchema(info.metadata, inputNames) ?? null,
    classLabels: readClassLabels(info.metadata) ?? null,
  };
}

function resolveThreads(options: RuntimeThreads): Required<RuntimeThreads> {
  const threads = {
    intraOpThreads: options.intraOpThreads ?? defaultRuntimeThreads.intraOpThreads,
    interOpThreads: options.interOpThreads ?? defaultRuntimeThreads.interOpThreads,
  };
  for (const [key, value] of Object.entries(threads)) {
    if (!Number.isSafeInteger(value) || value < 1 || value > 1024)
      throw invalidParameter(`${key} must be an integer from 1 to 1024, got ${value}`);
  }
  return threads;
}
