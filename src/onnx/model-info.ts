/** A dimension: a fixed size, a symbolic name (`batch`), or null when the model leaves it unknown. */
export type Dim = number | string | null;

export type TypeSpec =
  | { kind: 'tensor'; elementType: string; shape: Dim[] | null }
  | { kind: 'sparse_tensor'; elementType: string; shape: Dim[] | null }
  | { kind: 'sequence'; element: TypeSpec }
  | { kind: 'map'; keyType: string; value: TypeSpec }
  | { kind: 'optional'; element: TypeSpec }
  | { kind: 'unknown' };

/** One graph input or output. */
export interface ValueSpec {
  name: string;
  type: TypeSpec;
  docString?: string;
}

/** What a model takes and gives: the part of the ONNX file a caller needs to use it. */
export interface ModelSignature {
  inputs: ValueSpec[];
  outputs: ValueSpec[];
}

/** Everything the registry records about an ONNX file, read without running it. */
export interface OnnxModelInfo {
  signature: ModelSignature;
  irVersion: number;
  opsets: { domain: string; version: number }[];
  producerName: string;
  producerVersion: string;
  graphName: string;
  docString: string;
  metadata: Record<string, string>;
  initializers: { count: number; bytes: number };
  /** Weights stored as Constant nodes instead (Paddle2ONNX and others export them so). */
  constants: { count: number; bytes: number };
  nodeCount: number;
}
