import type { SparseRows } from '../sparse-rows.js';
import type { Activation, DenseLayer } from './model.js';

/**
 * Buffers for one minibatch's forward and backward pass, allocated once per fit: training
 * touches them thousands of times, and fresh arrays per batch cost more than the arithmetic.
 */
export class MlpWorkspace {
  /** outputs[l + 1]: layer l's activations for the batch (outputs[0], the input, stays sparse). */
  readonly outputs: Float64Array[];
  /** deltas[l]: the loss gradient with respect to layer l's pre-activation outputs. */
  readonly deltas: Float64Array[];
  readonly gradients: DenseLayer[];
  /** Per layer: its weights transposed (outputs × inputs), refreshed before each batch. */
  readonly weightsT: Float64Array[];
  /** Per layer: its input activations transposed (inputs × batch). */
  readonly inputsT: Float64Array[];
  /** Per layer: its deltas transposed (outputs × batch). */
  readonly deltasT: Float64Array[];

  constructor(
    layers: DenseLayer[],
    readonly batchSize: number,
  ) {
    this.outputs = [
      new Float64Array(0),
      ...layers.map((layer) => new Float64Array(batchSize * layer.outputs)),
    ];
    this.deltas = layers.map((layer) => new Float64Array(batchSize * layer.outputs));
    this.gradients = layers.map((layer) => ({
      inputs: layer.inputs,
      outputs: layer.outputs,
      weights: new Float64Array(layer.weights.length),
      bias: new Float64Array(layer.bias.length),
    }));
    this.weightsT = layers.map((layer) => new Float64Array(layer.weights.length));
    // The first layer's input stays sparse and is never transposed.
    this.inputsT = layers.map(
      (layer, l) => new Float64Array(l === 0 ? 0 : batchSize * layer.inputs),
    );
    this.deltasT = layers.map((layer) => new Float64Array(batchSize * layer.outputs));
  }
}

/** dst (cols × rows) = srcᵀ, for a row-major src of rows × cols. */
export function transposeInto(
  dst: Float64Array,
  src: Float64Array,
  rows: number,
  cols: number,
): void {
  for (let r = 0; r < rows; r += 1) {
    const s0 = r * cols;
    for (let c = 0; c < cols; c += 1) dst[c * rows + r] = src[s0 + c]!;
  }
}

/**
 * out (m × outputs) = input · W + b, with `weightsT` = Wᵀ so each output is a dot product over
 * contiguous memory summed in a register (several times faster in V8 than accumulating into out).
 */
export function affineInto(
  out: Float64Array,
  input: Float64Array,
  m: number,
  layer: DenseLayer,
  weightsT: Float64Array,
): void {
  const { bias, inputs, outputs } = layer;
  for (let r = 0; r < m; r += 1) {
    const i0 = r * inputs;
    const o0 = r * outputs;
    for (let o = 0; o < outputs; o += 1) {
      const w0 = o * inputs;
      let sum = bias[o]!;
      for (let i = 0; i < inputs; i += 1) sum += input[i0 + i]! * weightsT[w0 + i]!;
      out[o0 + o] = sum;
    }
  }
}

export function activateInPlace(values: Float64Array, count: number, activation: Activation): void {
  if (activation === 'relu') {
    for (let i = 0; i < count; i += 1) if (values[i]! < 0) values[i] = 0;
  } else {
    for (let i = 0; i < count; i += 1) values[i] = Math.tanh(values[i]!);
  }
}

/**
 * Weight and bias gradients of a layer: W[i][o] = Σ_r input[r][i]·delta[r][o], from the
 * transposed input (inputs × m) and delta (outputs × m), so each sum runs over contiguous rows.
 */
export function layerGradients(
  gradient: DenseLayer,
  inputT: Float64Array,
  deltaT: Float64Array,
  m: number,
): void {
  const { weights, bias, inputs, outputs } = gradient;
  for (let o = 0; o < outputs; o += 1) {
    const d0 = o * m;
    let sum = 0;
    for (let r = 0; r < m; r += 1) sum += deltaT[d0 + r]!;
    bias[o] = sum;
  }
  for (let i = 0; i < inputs; i += 1) {
    const a0 = i * m;
    for (let o = 0; o < outputs; o += 1) {
      const d0 = o * m;
      let sum = 0;
      for (let r = 0; r < m; r += 1) sum += inputT[a0 + r]! * deltaT[d0 + r]!;
      weights[i * outputs + o] = sum;
    }
  }
}

/**
 * The delta of the previous layer: (delta · Wᵀ) ⊙ f'(input), where f' is read off the
 * activation's output (ReLU: output > 0; tanh: 1 − output²).
 */
export function backpropagate(
  previous: Float64Array,
  delta: Float64Array,
  input: Float64Array,
  m: number,
  layer: DenseLayer,
  activation: Activation,
): void {
  const { weights, inputs, outputs } = layer;
  const relu = activation === 'relu';
  for (let r = 0; r < m; r += 1) {
    const d0 = r * outputs;
    const i0 = r * inputs;
    for (let i = 0; i < inputs; i += 1) {
      const a = input[i0 + i]!;
      const derivative = relu ? (a > 0 ? 1 : 0) : 1 - a * a;
      if (derivative === 0) {
        previous[i0 + i] = 0;
        continue;
      }
      const w0 = i * outputs;
      let sum = 0;
      for (let o = 0; o < outputs; o += 1) sum += weights[w0 + o]! * delta[d0 + o]!;
      previous[i0 + i] = sum * derivative;
    }
  }
}

/** out (m × outputs) = x[rows] · W + b, visiting only the rows' non-zero entries. */
export function affineRowsInto(
  out: Float64Array,
  x: SparseRows,
  rows: Int32Array,
  layer: DenseLayer,
): void {
  const { weights, bias, outputs } = layer;
  const { start, columns, values } = x;
  for (let r = 0; r < rows.length; r += 1) {
    const o0 = r * outputs;
    for (let o = 0; o < outputs; o += 1) out[o0 + o] = bias[o]!;
    const row = rows[r]!;
    for (let p = start[row]!; p < start[row + 1]!; p += 1) {
      const a = values[p]!;
      const w0 = columns[p]! * outputs;
      for (let o = 0; o < outputs; o += 1) out[o0 + o]! += a * weights[w0 + o]!;
    }
  }
}

/** The first layer's gradients, from the sparse input rows and the layer's deltas. */
export function layerGradientsRows(
  gradient: DenseLayer,
  x: SparseRows,
  rows: Int32Array,
  delta: Float64Array,
): void {
  const { weights, bias, outputs } = gradient;
  const { start, columns, values } = x;
  weights.fill(0);
  bias.fill(0);
  for (let r = 0; r < rows.length; r += 1) {
    const d0 = r * outputs;
    for (let o = 0; o < outputs; o += 1) bias[o]! += delta[d0 + o]!;
    const row = rows[r]!;
    for (let p = start[row]!; p < start[row + 1]!; p += 1) {
      const a = values[p]!;
      const w0 = columns[p]! * outputs;
      for (let o = 0; o < outputs; o += 1) weights[w0 + o]! += a * delta[d0 + o]!;
    }
  }
}
