import type { Dim, TypeSpec } from '../onnx/index.js';
import type { ModelVersion } from '../registry/index.js';

/** `input  x  FLOAT [batch, 3, 48, 192]`, one line per input and output. */
export function describeSignature(version: Pick<ModelVersion, 'signature'>): string[] {
  if (!version.signature) return [];
  return [
    ...version.signature.inputs.map((v) => `input   ${v.name}  ${describeType(v.type)}`),
    ...version.signature.outputs.map((v) => `output  ${v.name}  ${describeType(v.type)}`),
  ];
}

function describeType(type: TypeSpec): string {
  switch (type.kind) {
    case 'tensor':
    case 'sparse_tensor':
      return `${type.kind === 'sparse_tensor' ? 'sparse ' : ''}${type.elementType} ${type.shape ? `[${type.shape.map(dim).join(', ')}]` : '(any shape)'}`;
    case 'sequence':
      return `sequence<${describeType(type.element)}>`;
    case 'optional':
      return `optional<${describeType(type.element)}>`;
    case 'map':
      return `map<${type.keyType}, ${describeType(type.value)}>`;
    default:
      return 'unknown type';
  }
}

function dim(value: Dim): string {
  return value === null ? '?' : String(value);
}
