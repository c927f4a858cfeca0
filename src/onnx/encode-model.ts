import { onnx, type OnnxTypes } from './onnx-proto.js';

/** Serialises a ModelProto (built with the graph builder or parsed and changed) to ONNX bytes. */
export function encodeOnnxModel(model: OnnxTypes.IModelProto): Uint8Array {
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
