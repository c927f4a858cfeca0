import { encodeOnnxModel, type OnnxTypes } from '../../onnx/index.js';

export const ElementType = { FLOAT: 1, INT64: 7, STRING: 8, DOUBLE: 11 } as const;
const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, INTS: 7, STRINGS: 8 } as const;

type AttributeValue = number | string | number[] | string[] | { float: number };

/** Builds an ONNX graph node by node; names are unique, constants become initializers. */
export class GraphBuilder {
  private readonly nodes: OnnxTypes.INodeProto[] = [];
  private readonly initializers: OnnxTypes.ITensorProto[] = [];
  private readonly inputs: OnnxTypes.IValueInfoProto[] = [];
  private readonly outputs: OnnxTypes.IValueInfoProto[] = [];
  private counter = 0;

  fresh(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }

  input(name: string, elemType: number, dims: (number | string)[]): string {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  output(name: string, elemType: number, dims: (number | string)[]): void {
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  floats(prefix: string, dims: number[], values: ArrayLike<number>): string {
    const name = this.fresh(prefix);
    this.initializers.push({
      name,
      dims,
      dataType: ElementType.FLOAT,
      floatData: Array.from(values),
    });
    return name;
  }

  doubles(prefix: string, dims: number[], values: ArrayLike<number>): string {
    const name = this.fresh(prefix);
    this.initializers.push({
      name,
      dims,
      dataType: ElementType.DOUBLE,
      doubleData: Array.from(values),
    });
    return name;
  }

  int64s(prefix: string, dims: number[], values: number[]): string {
    const name = this.fresh(prefix);
    this.initializers.push({ name, dims, dataType: ElementType.INT64, int64Data: values });
    return name;
  }

  strings(prefix: string, dims: number[], values: string[]): string {
    const name = this.fresh(prefix);
    this.initializers.push({
      name,
      dims,
      dataType: ElementType.STRING,
      stringData: values.map((v) => new TextEncoder().encode(v)),
    });
    return name;
  }

  /** Adds a node and returns its (single) output name; `output` names it explicitly. */
  node(
    opType: string,
    inputs: string[],
    attributes: Record<string, AttributeValue> = {},
    options: { domain?: string; output?: string } = {},
  ): string {
    const output = options.output ?? this.fresh(opType.toLowerCase());
    this.nodes.push({
      opType,
      domain: options.domain ?? '',
      name: this.fresh(`node_${opType}`),
      input: inputs,
      output: [output],
      attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
    });
    return output;
  }

  build(options: {
    graphName: string;
    producerVersion: string;
    metadata: Record<string, string>;
  }): Uint8Array {
    return encodeOnnxModel({
      irVersion: 8,
      producerName: 'gyre',
      producerVersion: options.producerVersion,
      opsetImport: [
        { domain: '', version: 13 },
        { domain: 'ai.onnx.ml', version: 2 },
      ],
      metadataProps: Object.entries(options.metadata).map(([key, value]) => ({ key, value })),
      graph: {
        name: options.graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    });
  }
}

function valueInfo(
  name: string,
  elemType: number,
  dims: (number | string)[],
): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: {
          dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
        },
      },
    },
  };
}

function attribute(name: string, value: AttributeValue): OnnxTypes.IAttributeProto {
  const encode = (text: string) => new TextEncoder().encode(text);
  if (typeof value === 'number') return { name, type: AttributeType.INT, i: value };
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: encode(value) };
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return { name, type: AttributeType.STRINGS, strings: value.map(encode) };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  return { name, type: AttributeType.FLOAT, f: value.float };
}
