import type { DenseLayer } from './model.js';

/** Adam (Kingma & Ba) with scikit-learn's defaults β1 0.9, β2 0.999, ε 1e-8. */
export class Adam {
  private readonly moments: { m: Float64Array; v: Float64Array }[];
  private t = 0;

  constructor(
    layers: DenseLayer[],
    private readonly learningRate: number,
  ) {
    this.moments = layers.flatMap((layer) =>
      [layer.weights, layer.bias].map((p) => ({
        m: new Float64Array(p.length),
        v: new Float64Array(p.length),
      })),
    );
  }

  step(layers: DenseLayer[], gradients: DenseLayer[]): void {
    this.t += 1;
    const rate = (this.learningRate * Math.sqrt(1 - 0.999 ** this.t)) / (1 - 0.9 ** this.t);
    let p = 0;
    for (let l = 0; l < layers.length; l += 1) {
      update(layers[l]!.weights, gradients[l]!.weights, this.moments[p++]!, rate);
      update(layers[l]!.bias, gradients[l]!.bias, this.moments[p++]!, rate);
    }
  }
}

function update(
  param: Float64Array,
  g: Float64Array,
  { m, v }: { m: Float64Array; v: Float64Array },
  rate: number,
): void {
  for (let i = 0; i < param.length; i += 1) {
    const gi = g[i]!;
    m[i] = 0.9 * m[i]! + 0.1 * gi;
    v[i] = 0.999 * v[i]! + 0.001 * gi * gi;
    param[i]! -= (rate * m[i]!) / (Math.sqrt(v[i]!) + 1e-8);
  }
}
