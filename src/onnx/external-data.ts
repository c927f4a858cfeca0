import { invalidParameter } from '../core/errors/index.js';
import { onnx, type OnnxTypes } from './onnx-proto.js';

const EXTERNAL = onnx.TensorProto.DataLocation.EXTERNAL;

/**
 * Refuses a model whose tensors live in separate files. onnxruntime would resolve those paths
 * against the server's working directory, so a registered model could pull in any file there;
 * and a model file that needs others beside it is not the single servable artifact Gyre stores.
 */
export function refuseExternalData(model: OnnxTypes.IModelProto): void {
  const name = findExternalTensor(model.graph ?? undefined);
  if (name !== undefined)
    throw invalidParameter(
      `tensor '${name}' is stored in an external file, which Gyre does not load; save the model with every tensor inside it (Python: onnx.save(model, path, save_as_external_data=False))`,
    );
}

function findExternalTensor(graph: OnnxTypes.IGraphProto | undefined): string | undefined {
  if (!graph) return undefined;
  const tensors = [
    ...(graph.initializer ?? []),
    ...(graph.sparseInitializer ?? []).flatMap((sparse) => [sparse.values, sparse.indices]),
  ];
  for (const node of graph.node ?? []) {
    for (const attribute of node.attribute ?? []) {
      tensors.push(attribute.t, ...(attribute.tensors ?? []));
      const nested = [attribute.g, ...(attribute.graphs ?? [])];
      for (const subgraph of nested) {
        const found = findExternalTensor(subgraph ?? undefined);
        if (found !== undefined) return found;
      }
    }
  }
  const external = tensors.find(
    (tensor) =>
      tensor && (tensor.dataLocation === EXTERNAL || (tensor.externalData ?? []).length > 0),
  );
  return external ? (external.name ?? '(unnamed)') : undefined;
}
