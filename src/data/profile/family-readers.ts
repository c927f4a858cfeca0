import type { Cell, ColumnType } from '../tabular/index.js';
import { BooleanAccumulator } from './boolean-accumulator.js';
import { CategoricalAccumulator } from './categorical-accumulator.js';
import {
  cellText,
  extractBooleans,
  extractNumbers,
  extractTimes,
  isMissing,
  type Extraction,
  type OnMismatch,
} from './cell-values.js';
import { DatetimeAccumulator } from './datetime-accumulator.js';
import { NumericAccumulator } from './numeric-accumulator.js';
import type { ColumnHead, ColumnProfile, ProfileSettings } from './profile-format.js';
import { SeededRandom } from './random.js';
import { Reservoir } from './reservoir.js';

/** The families a column's values can belong to; `string` takes any value as text. */
export type Family = 'numeric' | 'boolean' | 'datetime' | 'string';

/** The fields every column profile starts with, for a type and count of present values. */
export type ProfileHead = (type: ColumnType, count: number) => ColumnHead;

/**
 * Reads a column's cells as one family into that family's accumulator. `read` accumulates
 * nothing from a chunk when it stops at a cell of another family (`mismatch` ≥ 0).
 */
export interface FamilyReader {
  read(cells: readonly Cell[], start: number): Extraction;
  /** After pass 1; true when the values must be read again (`recount`). */
  endFirstPass(bins: number): boolean;
  recount(cells: readonly Cell[]): void;
  profile(head: ProfileHead): ColumnProfile;
}

export interface ReaderContext {
  settings: ProfileSettings;
  seed: number;
  pinned: ColumnType | undefined;
  onMismatch: OnMismatch;
}

export function familyReader(family: Family, context: ReaderContext): FamilyReader {
  const sample = <T>() =>
    new Reservoir<T>(context.settings.reservoir_size, new SeededRandom(context.seed));
  switch (family) {
    case 'numeric':
      return new NumericReader(context, sample<number>());
    case 'datetime':
      return new DatetimeReader(context, sample<number>());
    case 'boolean':
      return new BooleanReader(context, sample<boolean>());
    case 'string':
      return new TextReader(context, sample<string>());
  }
}

/** One scratch array per reader, as long as the longest chunk. */
class Scratch {
  private array = new Float64Array(0);

  of(length: number): Float64Array {
    if (this.array.length < length) this.array = new Float64Array(length);
    return this.array;
  }
}

class NumericReader implements FamilyReader {
  private readonly values: NumericAccumulator;
  private readonly scratch = new Scratch();
  private readonly integersOnly: boolean;
  private floats = false;
  private counting = false;

  constructor(
    private readonly context: ReaderContext,
    sample: Reservoir<number>,
  ) {
    const { settings, seed } = context;
    this.integersOnly = context.pinned === 'integer';
    this.values = new NumericAccumulator(
      {
        exactLimit: settings.exact_limit,
        distinctLimit: settings.distinct_limit,
        sketchK: settings.sketch_k,
        seed,
      },
      sample,
    );
  }

  read(cells: readonly Cell[], start: number): Extraction {
    const out = this.scratch.of(cells.length);
    const found = extractNumbers(cells, start, out, this.context.onMismatch, this.integersOnly);
    if (found.mismatch >= 0) return found;
    if (found.floats) this.floats = true;
    this.values.infinite += found.infinite;
    this.values.addBatch(out, found.length);
    return found;
  }

  endFirstPass(bins: number): boolean {
    return (this.counting = this.values.fixEdges(bins));
  }

  recount(cells: readonly Cell[]): void {
    if (!this.counting) return;
    const out = this.scratch.of(cells.length);
    const found = extractNumbers(cells, 0, out, 'count', this.integersOnly);
    this.values.countBatch(out, found.length);
  }

  profile(head: ProfileHead): ColumnProfile {
    const type = this.context.pinned ?? (this.floats ? 'float' : 'integer');
    const { values } = this;
    return {
      ...head(type, values.count + values.infinite),
      numeric: values.summary(),
      sample: values.sampleValues(),
    } as ColumnProfile;
  }
}

class DatetimeReader implements FamilyReader {
  private readonly values: DatetimeAccumulator;
  private readonly scratch = new Scratch();

  constructor(
    private readonly context: ReaderContext,
    sample: Reservoir<number>,
  ) {
    this.values = new DatetimeAccumulator(sample);
  }

  read(cells: readonly Cell[], start: number): Extraction {
    const out = this.scratch.of(cells.length);
    const found = extractTimes(cells, start, out, this.context.onMismatch);
    if (found.mismatch < 0) this.values.addBatch(out, found.length);
    return found;
  }

  endFirstPass(): boolean {
    return false;
  }

  recount(): void {}

  profile(head: ProfileHead): ColumnProfile {
    const { values } = this;
    return {
      ...head('datetime', values.count),
      datetime: values.summary(),
      sample: values.sampleValues().map((time) => new Date(time).toISOString()),
    } as ColumnProfile;
  }
}

class BooleanReader implements FamilyReader {
  private readonly values: BooleanAccumulator;
  private readonly scratch = new Scratch();

  constructor(
    private readonly context: ReaderContext,
    sample: Reservoir<boolean>,
  ) {
    this.values = new BooleanAccumulator(sample);
  }

  read(cells: readonly Cell[], start: number): Extraction {
    const out = this.scratch.of(cells.length);
    const found = extractBooleans(cells, start, out, this.context.onMismatch);
    if (found.mismatch < 0) this.values.addBatch(out, found.length);
    return found;
  }

  endFirstPass(): boolean {
    return false;
  }

  recount(): void {}

  profile(head: ProfileHead): ColumnProfile {
    const { values } = this;
    return {
      ...head('boolean', values.count),
      boolean: values.summary(),
      sample: values.sampleValues(),
    } as ColumnProfile;
  }
}

/** Any present value as its text (a JSON number 12 is the category "12"): never a mismatch. */
class TextReader implements FamilyReader {
  private readonly values: CategoricalAccumulator;

  constructor(context: ReaderContext, sample: Reservoir<string>) {
    const { settings } = context;
    this.values = new CategoricalAccumulator(
      {
        distinctLimit: settings.distinct_limit,
        topK: settings.top_k,
        categories: settings.categories,
      },
      sample,
    );
  }

  read(cells: readonly Cell[], start: number): Extraction {
    const { values } = this;
    let missing = 0;
    for (let i = start; i < cells.length; i++) {
      const cell = cells[i]!;
      if (typeof cell === 'string') values.add(cell);
      else if (isMissing(cell)) missing++;
      else values.add(cellText(cell));
    }
    return { length: cells.length - start - missing, missing, invalid: 0, mismatch: -1 };
  }

  endFirstPass(): boolean {
    return false;
  }

  recount(): void {}

  profile(head: ProfileHead): ColumnProfile {
    const { values } = this;
    return {
      ...head('string', values.count),
      categorical: values.summary(),
      sample: values.sampleValues(),
    } as ColumnProfile;
  }
}
