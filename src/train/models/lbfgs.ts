const RELATIVE_DECREASE = 1e7 * Number.EPSILON;

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search: minimises a smooth function given
 * its value and gradient. Enough for the convex losses of the linear models.
 */
export function minimizeLbfgs(
  objective: (x: Float64Array, gradient: Float64Array) => number,
  start: Float64Array,
  options: {
    maxIterations?: number;
    gradientTolerance?: number;
    memory?: number;
    /** Called after each accepted step with the iteration number (from 1) and the new value. */
    onIteration?: (iteration: number, value: number, x: Float64Array) => void;
  } = {},
): { x: Float64Array; value: number; iterations: number } {
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.gradientTolerance ?? 1e-6;
  const memory = options.memory ?? 10;
  const n = start.length;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const sHistory: Float64Array[] = [];
  const yHistory: Float64Array[] = [];
  const rhoHistory: number[] = [];
  let iteration = 0;
  for (; iteration < maxIterations; iteration += 1) {
    if (maxAbs(gradient) <= tolerance) break;
    const direction = twoLoop(gradient, sHistory, yHistory, rhoHistory);
    let slope = dot(direction, gradient);
    if (slope >= 0) {
      // Not a descent direction (curvature information went stale): restart from the gradient.
      for (let i = 0; i < n; i += 1) direction[i] = -gradient[i]!;
      sHistory.length = yHistory.length = rhoHistory.length = 0;
      slope = dot(direction, gradient);
    }
    let step = iteration === 0 ? Math.min(1, 1 / Math.max(1e-12, maxAbs(gradient))) : 1;
    const next = new Float64Array(n);
    const nextGradient = new Float64Array(n);
    let nextValue = Infinity;
    for (let tries = 0; tries < 40; tries += 1) {
      for (let i = 0; i < n; i += 1) next[i] = x[i]! + step * direction[i]!;
      nextValue = objective(next, nextGradient);
      if (nextValue <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    // No decrease even at the smallest step (or a NaN): nothing more to gain.
    if (!(nextValue <= value)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i += 1) {
      s[i] = next[i]! - x[i]!;
      y[i] = nextGradient[i]! - gradient[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      sHistory.push(s);
      yHistory.push(y);
      rhoHistory.push(1 / sy);
      if (sHistory.length > memory) {
        sHistory.shift();
        yHistory.shift();
        rhoHistory.shift();
      }
    }
    const improvement = value - nextValue;
    x = next;
    gradient = nextGradient;
    value = nextValue;
    options.onIteration?.(iteration + 1, value, x);
    // SciPy's L-BFGS-B test (factr 1e7): a relative decrease below ~2.2e-9 is convergence.
    if (
      improvement <=
      RELATIVE_DECREASE * Math.max(1, Math.abs(value), Math.abs(value + improvement))
    )
      break;
  }
  return { x, value, iterations: iteration };
}

function twoLoop(
  gradient: Float64Array,
  s: Float64Array[],
  y: Float64Array[],
  rho: number[],
): Float64Array {
  const q = Float64Array.from(gradient);
  const alpha = new Float64Array(s.length);
  for (let k = s.length - 1; k >= 0; k -= 1) {
    alpha[k] = rho[k]! * dot(s[k]!, q);
    for (let i = 0; i < q.length; i += 1) q[i]! -= alpha[k]! * y[k]![i]!;
  }
  if (s.length > 0) {
    const last = s.length - 1;
    const gamma = dot(s[last]!, y[last]!) / dot(y[last]!, y[last]!);
    for (let i = 0; i < q.length; i += 1) q[i]! *= gamma;
  }
  for (let k = 0; k < s.length; k += 1) {
    const beta = rho[k]! * dot(y[k]!, q);
    for (let i = 0; i < q.length; i += 1) q[i]! += s[k]![i]! * (alpha[k]! - beta);
  }
  for (let i = 0; i < q.length; i += 1) q[i] = -q[i]!;
  return q;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * b[i]!;
  return sum;
}

function maxAbs(a: Float64Array): number {
  let max = 0;
  for (const v of a) max = Math.max(max, Math.abs(v));
  return max;
}
