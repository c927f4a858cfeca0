/**
 * Count, mean and sum of squared deviations of a stream of numbers, merged batch by batch
 * (Chan, Golub and LeVeque's pairwise update): each batch is summed around its own mean, so the
 * variance of large values with a small spread keeps its precision, unlike sum-of-squares formulas.
 */
export class Moments {
  count = 0;
  mean = 0;
  /** Sum of squared deviations from the mean. */
  m2 = 0;

  addBatch(values: Float64Array, length: number): void {
    if (length === 0) return;
    let sum = 0;
    for (let i = 0; i < length; i++) sum += values[i]!;
    const batchMean = sum / length;
    let batchM2 = 0;
    for (let i = 0; i < length; i++) {
      const deviation = values[i]! - batchMean;
      batchM2 += deviation * deviation;
    }
    if (this.count === 0) {
      this.count = length;
      this.mean = batchMean;
      this.m2 = batchM2;
      return;
    }
    const total = this.count + length;
    const delta = batchMean - this.mean;
    this.mean += (delta * length) / total;
    this.m2 += batchM2 + (delta * delta * this.count * length) / total;
    this.count = total;
  }

  /** Standard deviation with `ddof` degrees of freedom removed; null when count ≤ ddof. */
  std(ddof: number): number | null {
    return this.count > ddof ? Math.sqrt(this.m2 / (this.count - ddof)) : null;
  }
}
