import { invalidParameter } from '../../core/errors/index.js';
import type { Dim, ModelSignature, ValueSpec } from '../../onnx/index.js';
import { datatypeOfOnnx } from './datatype-table.js';
import type { TensorSpec } from './tensor.js';

/** A model's inputs and outputs as served: V2 datatypes, -1 for open dimensions. */
export interface ServingSignature {
  inputs: TensorSpec[];
  /** The outputs a run computes and returns. */
  outputs: TensorSpec[];
  /**
   * Outputs that are not plain tensors of a servable type (e.g. scikit-learn's ZipMap
   * sequences): never fetched, so their presence does not stop a model from serving.
   */
  skippedOutputs: string[];
}

/**
 * What can be served of an ONNX signature. Every input must be a dense tensor of a V2 datatype
 * (a caller could not feed anything else), else INVALID_PARAMETER_VALUE naming it.
 */
export function servingSignature(signature: ModelSignature): ServingSignature {
  const inputs = signature.inputs.map((input) => {
    const spec = tensorSpec(input);
    if (typeof spec === 'string')
      throw invalidParameter(`model input '${input.name}' cannot be served: it is ${spec}`, {
        input: input.name,
      });
    return spec;
  });
  const outputs: TensorSpec[] = [];
  const skippedOutputs: string[] = [];
  for (const output of signature.outputs) {
    const spec = tensorSpec(output);
    if (typeof spec === 'string') skippedOutputs.push(output.name);
    else outputs.push(spec);
  }
  if (outputs.length === 0)
    throw invalidParameter(
      `the model has no output Gyre can serve (${skippedOutputs.join(', ')} are not plain tensors)`,
    );
  return { inputs, outputs, skippedOutputs };
}

/** The spec, or why there is none. */
function tensorSpec(value: ValueSpec): TensorSpec | string {
  const type = value.type;
  if (type.kind !== 'tensor') return `a ${type.kind.replace('_', ' ')}, not a dense tensor`;
  const datatype = datatypeOfOnnx(type.elementType);
  if (!datatype) return `a tensor of ${type.elementType}, which Gyre does not serve`;
  return { name: value.name, datatype, shape: type.shape?.map(servedDim) ?? null };
}

/** Symbolic and unknown dimensions, and the -1 some exporters write as a size, are open. */
function servedDim(dim: Dim): number {
  return typeof dim === 'number' && dim >= 0 ? dim : -1;
}
