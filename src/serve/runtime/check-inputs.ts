import { invalidParameter } from '../../core/errors/index.js';
import { holdsDatatype, storageOf } from './datatype-table.js';
import { elementCount, type Tensor, type TensorSpec } from './tensor.js';

/**
 * Refuses, with a message naming the input, anything onnxruntime would refuse less clearly (or
 * accept wrongly): missing or unknown inputs, another datatype, another rank, a fixed dimension
 * of another size, data whose length or array type does not fit. Checked before a request is
 * queued, so a bad request never shares a batch with good ones.
 */
export function checkInputs(specs: readonly TensorSpec[], inputs: Record<string, Tensor>): void {
  if (typeof inputs !== 'object' || inputs === null)
    throw invalidParameter('inputs must be an object of tensors by input name');
  const expected = specs.map((spec) => spec.name);
  for (const name of Object.keys(inputs)) {
    if (!expected.includes(name))
      throw invalidParameter(
        `the model has no input '${name}'; it takes ${expected.map((n) => `'${n}'`).join(', ')}`,
        { input: name },
      );
  }
  for (const spec of specs) {
    if (!Object.hasOwn(inputs, spec.name))
      throw invalidParameter(`input '${spec.name}' is missing`, { input: spec.name });
    checkTensor(spec, inputs[spec.name]!);
  }
}

function checkTensor(spec: TensorSpec, tensor: Tensor): void {
  const fail = (why: string) =>
    invalidParameter(`input '${spec.name}' ${why}`, { input: spec.name });
  // Library callers are not type-checked at run time: a tensor may be anything.
  if (typeof tensor !== 'object' || tensor === null)
    throw fail('must be a tensor { datatype, shape, data }');
  if (tensor.datatype !== spec.datatype)
    throw fail(`must be ${spec.datatype}, got ${String(tensor.datatype)}`);
  const shape: unknown[] = Array.isArray(tensor.shape) ? tensor.shape : [null];
  if (!shape.every((dim) => Number.isSafeInteger(dim) && (dim as number) >= 0))
    throw fail('has a shape that is not a list of non-negative integers');
  const fits =
    !spec.shape ||
    (shape.length === spec.shape.length &&
      spec.shape.every((dim, axis) => dim === -1 || shape[axis] === dim));
  if (!fits) throw fail(`must have shape [${describe(spec.shape!)}], got [${shape.join(',')}]`);
  if (!holdsDatatype(spec.datatype, tensor.data))
    throw fail(`data must be ${storageOf(spec.datatype)} for ${spec.datatype}`);
  const count = elementCount(tensor.shape);
  if (tensor.data.length !== count)
    throw fail(
      `has ${tensor.data.length} values but shape [${tensor.shape.join(',')}] holds ${count}`,
    );
}

function describe(shape: readonly number[]): string {
  return shape.map((dim) => (dim === -1 ? '?' : String(dim))).join(',');
}
