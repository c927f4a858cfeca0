import type { Tensor, TensorSpec } from '../runtime/tensor.js';

/**
 * Why a model's requests cannot share runs, or undefined when they can: every input must have
 * an open first dimension (the batch), and every output an open or undeclared one, or outputs
 * could not be split back. Whether an output really follows the batch is checked on each run.
 */
export function whyNotBatchable(
  inputs: readonly TensorSpec[],
  outputs: readonly TensorSpec[],
): string | undefined {
  if (inputs.length === 0) return 'the model has no inputs';
  for (const input of inputs) {
    if (!input.shape || input.shape.length === 0 || input.shape[0] !== -1)
      return `input '${input.name}' has no open first dimension`;
  }
  for (const output of outputs) {
    if (output.shape && (output.shape.length === 0 || output.shape[0] !== -1))
      return `output '${output.name}' has no open first dimension`;
  }
  return undefined;
}

/**
 * A request's rows (its inputs' common first dimension) and a key that is equal for requests
 * whose other dimensions all match, i.e. that can be concatenated. Undefined when the inputs
 * disagree on their first dimension: such a request runs alone.
 */
export function batchRows(
  inputs: readonly TensorSpec[],
  tensors: Record<string, Tensor>,
): { rows: number; key: string } | undefined {
  let rows: number | undefined;
  const key: string[] = [];
  for (const input of inputs) {
    const shape = tensors[input.name]!.shape;
    if (shape.length === 0) return undefined;
    rows ??= shape[0]!;
    if (shape[0] !== rows) return undefined;
    key.push(shape.slice(1).join('x'));
  }
  return rows === undefined ? undefined : { rows, key: key.join(';') };
}
