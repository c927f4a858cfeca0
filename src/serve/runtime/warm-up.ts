import { invalidParameter } from '../../core/errors/index.js';
import { allocateTensorData } from './datatype-table.js';
import type { ModelRuntime } from './model-runtime.js';
import { elementCount, type Tensor, type TensorSpec } from './tensor.js';

/** What the run on zero inputs at load did. */
export type WarmUpReport =
  { ran: true; seconds: number; shapes: Record<string, number[]> } | { ran: false; reason: string };

/**
 * One run on zero inputs, so onnxruntime's lazy set-up (kernels, allocations, thread pools)
 * is paid at load rather than by the first request. `setting` true: open dimensions as 1;
 * shapes by input name to warm up with others. A failure is reported, not thrown: a model may
 * refuse zeros (or size 1) and still serve real inputs.
 */
export async function warmUp(
  runtime: ModelRuntime,
  setting: boolean | Record<string, number[]>,
): Promise<WarmUpReport> {
  if (setting === false) return { ran: false, reason: 'turned off' };
  const inputs = warmUpInputs(runtime.signature.inputs, setting === true ? {} : setting);
  if (!inputs) return { ran: false, reason: 'an input declares no rank; pass warmUp shapes' };
  const shapes = Object.fromEntries(Object.entries(inputs).map(([name, t]) => [name, t.shape]));
  const started = performance.now();
  try {
    await runtime.run(inputs);
  } catch (error) {
    return { ran: false, reason: error instanceof Error ? error.message : String(error) };
  }
  return { ran: true, seconds: (performance.now() - started) / 1000, shapes };
}

/**
 * Zero inputs: open dimensions as 1 unless `shapes` names a shape, strings empty. Undefined
 * when an input declares no rank and `shapes` gives none, since no guess would beat skipping.
 */
export function warmUpInputs(
  specs: readonly TensorSpec[],
  shapes: Record<string, number[]>,
): Record<string, Tensor> | undefined {
  for (const [name, shape] of Object.entries(shapes)) {
    if (!specs.some((spec) => spec.name === name))
      throw invalidParameter(`warmUp names '${name}', which is not an input of the model`);
    if (!Array.isArray(shape) || !shape.every((dim) => Number.isSafeInteger(dim) && dim >= 0))
      throw invalidParameter(`warmUp shape of '${name}' must be a list of non-negative integers`);
  }
  const inputs: Record<string, Tensor> = {};
  for (const spec of specs) {
    const shape = shapes[spec.name] ?? spec.shape?.map((dim) => (dim === -1 ? 1 : dim));
    if (!shape) return undefined;
    inputs[spec.name] = {
      datatype: spec.datatype,
      shape,
      data: allocateTensorData(spec.datatype, elementCount(shape)),
    } as Tensor;
  }
  return inputs;
}
