import { elementType } from './element-types.js';
import type { Dim, OnnxModelInfo, TypeSpec, ValueSpec } from './model-info.js';
import type { OnnxTypes } from './onnx-proto.js';

/** Reads signature, opsets, producer, metadata and initializer sizes from a parsed model. */
export function inspectOnnxModel(model: OnnxTypes.ModelProto): OnnxModelInfo {
  // Decoded messages always carry their repeated fields (empty when absent).
  const graph = model.graph as OnnxTypes.GraphProto;
  // Initializers may also be listed as inputs (older exporters); they are weights, not inputs.
  const weights = new Set(graph.initializer.map((tensor) => tensor.name ?? ''));
  const constants = graph.node
    .filter((node) => node.opType === 'Constant')
    .flatMap((node) =>
      (node.attribute ?? []).filter((a) => a.name === 'value' && a.t).map((a) => a.t!),
    );
  const metadata: Record<string, string> = {};
  for (const entry of model.metadataProps) metadata[entry.key ?? ''] = entry.value ?? '';
  return {
    signature: {
      inputs: graph.input.filter((value) => !weights.has(value.name ?? '')).map(valueSpec),
      outputs: graph.output.map(valueSpec),
    },
    irVersion: Number(model.irVersion ?? 0),
    opsets: model.opsetImport.map((opset) => ({
      domain: opset.domain ?? '',
      version: Number(opset.version ?? 0),
    })),
    producerName: model.producerName ?? '',
    producerVersion: model.producerVersion ?? '',
    graphName: graph.name ?? '',
    docString: model.docString ?? '',
    metadata,
    initializers: {
      count: graph.initializer.length,
      bytes: graph.initializer.reduce((sum, tensor) => sum + tensorBytes(tensor), 0),
    },
    constants: {
      count: constants.length,
      bytes: constants.reduce((sum, tensor) => sum + tensorBytes(tensor), 0),
    },
    nodeCount: graph.node.length,
  };
}

function valueSpec(value: OnnxTypes.IValueInfoProto): ValueSpec {
  const spec: ValueSpec = { name: value.name ?? '', type: typeSpec(value.type ?? undefined) };
  if (value.docString) spec.docString = value.docString;
  return spec;
}

function typeSpec(type: OnnxTypes.ITypeProto | undefined): TypeSpec {
  if (type?.tensorType) {
    return {
      kind: 'tensor',
      elementType: elementType(type.tensorType.elemType).name,
      shape: shape(type.tensorType.shape),
    };
  }
  if (type?.sparseTensorType) {
    const sparse = type.sparseTensorType;
    return {
      kind: 'sparse_tensor',
      elementType: elementType(sparse.elemType).name,
      shape: shape(sparse.shape),
    };
  }
  if (type?.sequenceType)
    return { kind: 'sequence', element: typeSpec(type.sequenceType.elemType ?? undefined) };
  if (type?.mapType) {
    return {
      kind: 'map',
      keyType: elementType(type.mapType.keyType).name,
      value: typeSpec(type.mapType.valueType ?? undefined),
    };
  }
  if (type?.optionalType)
    return { kind: 'optional', element: typeSpec(type.optionalType.elemType ?? undefined) };
  return { kind: 'unknown' };
}

/** null when the model declares no shape at all (any rank); otherwise one entry per axis. */
function shape(proto: OnnxTypes.ITensorShapeProto | null | undefined): Dim[] | null {
  if (!proto) return null;
  return (proto.dim ?? []).map((dim): Dim => {
    if (dim.dimParam) return dim.dimParam;
    if (dim.dimValue !== null && dim.dimValue !== undefined) return Number(dim.dimValue);
    return null;
  });
}

function tensorBytes(tensor: OnnxTypes.ITensorProto): number {
  if (tensor.rawData && tensor.rawData.byteLength > 0) return tensor.rawData.byteLength;
  const external = tensor.externalData?.find((entry) => entry.key === 'length');
  if (external?.value) return Number(external.value);
  const type = elementType(tensor.dataType);
  if (type.name === 'STRING')
    return (tensor.stringData ?? []).reduce((sum, s) => sum + s.byteLength, 0);
  const count = (tensor.dims ?? []).reduce((product: number, dim) => product * Number(dim), 1);
  return Math.ceil(count * (type.bytes ?? 0));
}
