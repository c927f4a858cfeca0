import { plainZeros } from './plain-arrays.js';
import type { PlainLayer } from './plain-layer.js';

/** Adam (Kingma & Ba) with scikit-learn's defaults β1 0.9, β2 0.999, ε 1e-8. */
export class Adam {
  private readonly moments: { m: number[]; v: number[] }[];
  private t = 0;

  constructor(
    layers: PlainLayer[],
    private readonly learningRate: number,
  ) {
    this.moments = layers.flatMap((layer) =>
      [layer.weights, layer.bias].map((p) => ({
        m: plainZeros(p.length),
        v: plainZeros(p.length),
      })),
    );
  }

  /**
   * One step from the loss gradients plus the L2 term decay·W of the weights (not the biases),
   * added here as each weight is read rather than in a pass of its own. Returns ‖W‖² before the
   * step, for the penalty in the loss.
   */
  step(layers: PlainLayer[], gradients: PlainLayer[], decay: number): number {
    this.t += 1;
    const rate = (this.learningRate * Math.sqrt(1 - 0.999 ** this.t)) / (1 - 0.9 ** this.t);
    let squares = 0;
    let p = 0;
    for (let l = 0; l < layers.length; l += 1) {
      squares += update(layers[l]!.weights, gradients[l]!.weights, this.moments[p++]!, rate, decay);
      update(layers[l]!.bias, gradients[l]!.bias, this.moments[p++]!, rate, 0);
    }
    return squares;
  }
}

/** Updates `param` in place; returns Σ param² before the update. */
function update(
  param: number[],
  g: number[],
  { m, v }: { m: number[]; v: number[] },
  rate: number,
  decay: number,
): number {
  let squares = 0;
  for (let i = 0; i < param.length; i += 1) {
    const pi = param[i]!;
    squares += pi * pi;
    const gi = g[i]! + decay * pi;
    const mi = 0.9 * m[i]! + 0.1 * gi;
    const vi = 0.999 * v[i]! + 0.001 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    param[i] = pi - (rate * mi) / (Math.sqrt(vi) + 1e-8);
  }
  return squares;
}
