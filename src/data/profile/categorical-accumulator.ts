import { FrequentValues } from './frequent-values.js';
import type { CategoricalSummary, CategoryCount } from './profile-format.js';
import type { Reservoir } from './reservoir.js';

export interface CategoryLimits {
  /** Distinct values counted exactly. */
  distinctLimit: number;
  topK: number;
  /** Categories listed for drift tests. */
  categories: number;
}

/** Counts, cardinality and a sample of a categorical column's labels. */
export class CategoricalAccumulator {
  private readonly values: FrequentValues;

  constructor(
    private readonly limits: CategoryLimits,
    private readonly sample: Reservoir<string>,
  ) {
    this.values = new FrequentValues(limits.distinctLimit);
  }

  add(label: string): void {
    this.values.add(label);
    this.sample.offer(label);
  }

  get count(): number {
    return this.values.total;
  }

  sampleValues(): string[] {
    return this.sample.values();
  }

  summary(): CategoricalSummary {
    const { values, limits } = this;
    const sorted = values.sorted();
    const listed = (count: number): [CategoryCount[], number] => {
      const kept = sorted.slice(0, count).map(([value, count]) => ({ value, count }));
      return [kept, values.total - kept.reduce((sum, entry) => sum + entry.count, 0)];
    };
    const [topK, topKOther] = listed(limits.topK);
    const [categories, categoriesOther] = listed(limits.categories);
    return {
      cardinality: values.cardinality(),
      cardinality_exact: values.exact,
      top_k: topK,
      top_k_other: topKOther,
      categories,
      categories_other: categoriesOther,
      counts_exact: values.exact,
      count_error: values.countError,
    };
  }
}
