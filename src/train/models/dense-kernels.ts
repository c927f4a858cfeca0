import type { Activation } from './model.js';
import type { PlainLayer } from './plain-layer.js';

/** dst (cols × rows) = srcᵀ, for a row-major src of rows × cols. */
export function transposeInto(dst: number[], src: number[], rows: number, cols: number): void {
  for (let r = 0; r < rows; r += 1) {
    const s0 = r * cols;
    for (let c = 0; c < cols; c += 1) dst[c * rows + r] = src[s0 + c]!;
  }
}

/**
 * out (m × outputs) = input · W + b, with `weightsT` = Wᵀ so each output is a dot product over
 * contiguous memory summed in a register. Four rows at a time: each weight read serves four
 * sums, and the four independent additions overlap instead of waiting on one another.
 */
export function affineInto(
  out: number[],
  input: number[],
  m: number,
  layer: PlainLayer,
  weightsT: number[],
): void {
  const { bias, inputs, outputs } = layer;
  let r = 0;
  for (; r + 4 <= m; r += 4) {
    const i0 = r * inputs;
    const o0 = r * outputs;
    for (let o = 0; o < outputs; o += 1) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0, w = o * inputs, p = i0; i < inputs; i += 1, w += 1, p += 1) {
        const weight = weightsT[w]!;
        s0 += input[p]! * weight;
        s1 += input[p + inputs]! * weight;
        s2 += input[p + 2 * inputs]! * weight;
        s3 += input[p + 3 * inputs]! * weight;
      }
      const b = bias[o]!;
      out[o0 + o] = b + s0;
      out[o0 + outputs + o] = b + s1;
      out[o0 + 2 * outputs + o] = b + s2;
      out[o0 + 3 * outputs + o] = b + s3;
    }
  }
  for (; r < m; r += 1) {
    const i0 = r * inputs;
    for (let o = 0; o < outputs; o += 1) {
      let sum = 0;
      for (let i = 0, w = o * inputs; i < inputs; i += 1, w += 1)
        sum += input[i0 + i]! * weightsT[w]!;
      out[r * outputs + o] = bias[o]! + sum;
    }
  }
}

/**
 * ReLU as (v + |v|)/2: max(v, 0) exactly (short of overflow past 8.9e307), without a branch the
 * CPU would mispredict for about half of the units.
 */
export function activateInPlace(values: number[], count: number, activation: Activation): void {
  if (activation === 'relu') {
    for (let i = 0; i < count; i += 1) {
      const v = values[i]!;
      values[i] = (v + Math.abs(v)) * 0.5;
    }
  } else {
    for (let i = 0; i < count; i += 1) values[i] = Math.tanh(values[i]!);
  }
}

export function softmaxInPlace(values: number[], offset: number, count: number): void {
  let max = -Infinity;
  for (let i = offset; i < offset + count; i += 1) max = Math.max(max, values[i]!);
  let sum = 0;
  for (let i = offset; i < offset + count; i += 1) {
    values[i] = Math.exp(values[i]! - max);
    sum += values[i]!;
  }
  for (let i = offset; i < offset + count; i += 1) values[i]! /= sum;
}

/**
 * Weight and bias gradients of a layer: W[i][o] = Σ_r input[r][i]·delta[r][o], four inputs at a
 * time so each delta read serves four sums held in registers.
 */
export function layerGradients(
  gradient: PlainLayer,
  input: number[],
  delta: number[],
  m: number,
): void {
  const { weights, bias, inputs, outputs } = gradient;
  for (let o = 0; o < outputs; o += 1) {
    let sum = 0;
    for (let r = 0, d = o; r < m; r += 1, d += outputs) sum += delta[d]!;
    bias[o] = sum;
  }
  let i = 0;
  for (; i + 4 <= inputs; i += 4)
    for (let o = 0; o < outputs; o += 1) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let r = 0, a = i, d = o; r < m; r += 1, a += inputs, d += outputs) {
        const error = delta[d]!;
        s0 += input[a]! * error;
        s1 += input[a + 1]! * error;
        s2 += input[a + 2]! * error;
        s3 += input[a + 3]! * error;
      }
      const w = i * outputs + o;
      weights[w] = s0;
      weights[w + outputs] = s1;
      weights[w + 2 * outputs] = s2;
      weights[w + 3 * outputs] = s3;
    }
  for (; i < inputs; i += 1)
    for (let o = 0; o < outputs; o += 1) {
      let sum = 0;
      for (let r = 0, a = i, d = o; r < m; r += 1, a += inputs, d += outputs)
        sum += input[a]! * delta[d]!;
      weights[i * outputs + o] = sum;
    }
}

/**
 * The delta of the previous layer: (delta · Wᵀ) ⊙ f'(input), where f' is read off the
 * activation's output (ReLU: output > 0; tanh: 1 − output²). Four hidden units at a time.
 */
export function backpropagate(
  previous: number[],
  delta: number[],
  input: number[],
  m: number,
  layer: PlainLayer,
  activation: Activation,
): void {
  const { weights, inputs, outputs } = layer;
  const relu = activation === 'relu';
  for (let r = 0; r < m; r += 1) {
    const d0 = r * outputs;
    const i0 = r * inputs;
    let i = 0;
    for (; i + 4 <= inputs; i += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let o = 0, w = i * outputs; o < outputs; o += 1, w += 1) {
        const error = delta[d0 + o]!;
        s0 += weights[w]! * error;
        s1 += weights[w + outputs]! * error;
        s2 += weights[w + 2 * outputs]! * error;
        s3 += weights[w + 3 * outputs]! * error;
      }
      const p = i0 + i;
      previous[p] = s0 * derivative(input[p]!, relu);
      previous[p + 1] = s1 * derivative(input[p + 1]!, relu);
      previous[p + 2] = s2 * derivative(input[p + 2]!, relu);
      previous[p + 3] = s3 * derivative(input[p + 3]!, relu);
    }
    for (; i < inputs; i += 1) {
      let sum = 0;
      for (let o = 0, w = i * outputs; o < outputs; o += 1, w += 1)
        sum += weights[w]! * delta[d0 + o]!;
      previous[i0 + i] = sum * derivative(input[i0 + i]!, relu);
    }
  }
}

/**
 * Number(output > 0), not a conditional: V8 compiles the comparison to a flag read, where a
 * conditional would be a branch mispredicted for about half of the units (a third of the time
 * of the backward pass).
 */
function derivative(output: number, relu: boolean): number {
  return relu ? Number(output > 0) : 1 - output * output;
}
