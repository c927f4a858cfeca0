import { invalidParameter } from '../core/errors/index.js';
import type { RunInput } from '../store/index.js';
import { validateText } from './validate.js';

const MAX_INPUTS = 1000;

/** `kind` is a short lowercase word (dataset, model, file…); `ref` a URI or name; `digest` optional. */
export function validateInputs(inputs: unknown): RunInput[] {
  if (!Array.isArray(inputs))
    throw invalidParameter('inputs must be an array of {kind, ref, digest?}');
  if (inputs.length > MAX_INPUTS)
    throw invalidParameter(`at most ${MAX_INPUTS} inputs per call, got ${inputs.length}`);
  return inputs.map((input, i) => {
    const { kind, ref, digest, details } = (input ?? {}) as Record<string, unknown>;
    if (typeof kind !== 'string' || !/^[a-z][a-z0-9_-]{0,49}$/.test(kind)) {
      throw invalidParameter(
        `inputs[${i}].kind must be a short lowercase word such as 'dataset' or 'model', got ${JSON.stringify(kind)}`,
      );
    }
    const checked: RunInput = {
      kind,
      ref: validateText(`inputs[${i}].ref`, ref, 1000),
      digest:
        digest === undefined || digest === null
          ? null
          : validateText(`inputs[${i}].digest`, digest, 200),
    };
    if (details !== undefined && details !== null) checked.details = validateDetails(i, details);
    return checked;
  });
}

const MAX_DETAILS_BYTES = 1024 * 1024;

function validateDetails(i: number, details: unknown): Record<string, unknown> {
  if (typeof details !== 'object' || Array.isArray(details))
    throw invalidParameter(`inputs[${i}].details must be a JSON object`);
  const size = Buffer.byteLength(JSON.stringify(details));
  if (size > MAX_DETAILS_BYTES)
    throw invalidParameter(
      `inputs[${i}].details is ${size} bytes of JSON; the limit is ${MAX_DETAILS_BYTES}`,
    );
  return details as Record<string, unknown>;
}
