/**
 * How many factors in [1, max] can be multiplied before their product could overflow (it stays
 * below 2^1000). The logistic losses sum a logarithm per row; taking the logarithm of a block of
 * rows' product instead costs one Math.log per block rather than one per row (a third of the
 * loss pass). Each product carries a relative rounding error of at most block·2^−53, under 1e-13
 * on its logarithm: far below the relative decrease (2.2e-9) at which L-BFGS stops.
 */
export function logProductBlock(max: number): number {
  return Math.max(1, Math.floor(1000 / Math.max(1, Math.log2(max))));
}
