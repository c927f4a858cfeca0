import { invalidParameter } from '../core/errors/index.js';
import { onnx, type OnnxTypes } from './onnx-proto.js';

/**
 * Decodes ONNX protobuf bytes. Anything that is not a usable ModelProto — empty, truncated,
 * another format, a protobuf without a graph — is INVALID_PARAMETER_VALUE saying why and, for
 * a decoding failure, at which byte. Never throws anything else.
 */
export function parseOnnxModel(bytes: Uint8Array): OnnxTypes.ModelProto {
  if (bytes.byteLength === 0) throw notOnnx('the file is empty');
  let model: OnnxTypes.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw notOnnx(`protobuf parse failed${atByte(error)} (${describe(error)})`);
  }
  const irVersion = Number(model.irVersion ?? 0);
  if (!model.graph) throw notOnnx('the protobuf holds no graph');
  if (irVersion < 1) throw notOnnx('ir_version is missing');
  if (model.opsetImport.length === 0) throw notOnnx('no opset is imported');
  if ((model.graph.output ?? []).length === 0) throw notOnnx('the graph has no outputs');
  return model;
}

function notOnnx(reason: string) {
  return invalidParameter(`not an ONNX model: ${reason}`);
}

/** protobufjs says `index out of range: 877 + 128 > 1000` or `invalid wire type 4 at offset 3`. */
function atByte(error: unknown): string {
  const message = describe(error);
  const offset = /at offset (\d+)/.exec(message) ?? /index out of range: (\d+)/.exec(message);
  return offset ? ` at byte ${offset[1]}` : '';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
