import onnxProto from 'onnx-proto';

/**
 * protobufjs code generated from the official onnx.proto (npm `onnx-proto`). The rest of Gyre
 * imports the ONNX messages from here, never from the package directly.
 */
export const { onnx } = onnxProto;
export type { onnx as OnnxTypes } from 'onnx-proto';
