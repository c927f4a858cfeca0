import { invalidParameter } from '../../core/errors/index.js';
import { standardisation } from './standardisation.js';
import { SparseRowsBuilder, type SparseRows } from '../sparse-rows.js';
import type { ColumnData, Columns } from './column-data.js';
import { datetimePart, datetimeParts } from '../../onnx/index.js';
import { stepWidth, type CategoricalStep, type NumericStep, type PreprocessStep } from './steps.js';

/**
 * Learns the preprocessing from training columns (numeric steps first, then categorical, in
 * column order, as a ColumnTransformer does) and turns columns into the feature matrix.
 */
export class Preprocessor {
  constructor(readonly steps: PreprocessStep[]) {}

  static fit(columns: Columns, names: string[]): Preprocessor {
    const numeric: NumericStep[] = [];
    const categorical: CategoricalStep[] = [];
    for (const name of names) {
      const column = columns[name];
      if (!column) throw invalidParameter(`no column '${name}'`);
      if (column.type === 'numeric') numeric.push(fitNumeric(name, name, column.values));
      else if (column.type === 'categorical') categorical.push(fitCategorical(name, column.values));
      else {
        // Hours only when the column holds times of day, not just dates.
        const parts = datetimeParts.filter(
          (part) =>
            part !== 'hour' ||
            column.values.some((ms) => !Number.isNaN(ms) && ms % 86_400_000 !== 0),
        );
        for (const part of parts)
          numeric.push({
            ...fitNumeric(
              `${name}.${part}`,
              name,
              column.values.map((ms) => datetimePart(ms, part)),
            ),
            part,
          });
      }
    }
    return new Preprocessor([...numeric, ...categorical]);
  }

  get width(): number {
    return this.steps.reduce((sum, step) => sum + stepWidth(step), 0);
  }

  /** The feature matrix of `rows` rows: scaled numbers, then one-hot categories, as sparse rows. */
  transform(columns: Columns, rows: number): SparseRows {
    // Column-wise first (one pass per step over typed arrays), then assembled row by row.
    const perStep = this.steps.map((step) => {
      const column = columns[step.column];
      if (!column)
        throw invalidParameter(
          `the data has no column '${step.column}', which the model was trained on`,
        );
      if (step.kind === 'numeric') {
        const values = numericValues(column, step);
        const scaled = new Float64Array(rows);
        for (let r = 0; r < rows; r += 1) {
          const value = values[r]!;
          scaled[r] = ((Number.isNaN(value) ? step.mean : value) - step.mean) / step.scale;
        }
        return scaled;
      }
      if (column.type !== 'categorical')
        throw invalidParameter(`column '${step.column}' must hold categories`);
      const index = new Map(step.categories.map((category, i) => [category, i]));
      return Int32Array.from(
        { length: rows },
        (_, r) => index.get(column.values[r] ?? step.fill) ?? -1,
      );
    });
    const builder = new SparseRowsBuilder(rows, this.width, this.steps.length);
    for (let r = 0; r < rows; r += 1) {
      let offset = 0;
      this.steps.forEach((step, s) => {
        const values = perStep[s]!;
        if (step.kind === 'numeric') builder.push(offset, values[r]!);
        else if (values[r]! >= 0) builder.push(offset + values[r]!, 1);
        offset += stepWidth(step);
      });
      builder.endRow();
    }
    return builder.finish();
  }
}

function numericValues(column: ColumnData, step: NumericStep): Float64Array {
  if (column.type === 'categorical')
    throw invalidParameter(`column '${step.column}' must be numeric`);
  if (step.part) return column.values.map((ms) => datetimePart(ms, step.part!));
  return column.values;
}

function fitNumeric(input: string, column: string, values: Float64Array): NumericStep {
  return { kind: 'numeric', input, column, ...standardisation(values) };
}

function fitCategorical(name: string, values: (string | null)[]): CategoricalStep {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  const categories = [...counts.keys()].sort();
  let fill = categories[0] ?? '';
  for (const category of categories) if (counts.get(category)! > counts.get(fill)!) fill = category;
  if (values.some((v) => v === null) && !counts.has(fill)) categories.push(fill);
  return { kind: 'categorical', input: name, column: name, categories, fill };
}
