import { invalidParameter } from '../../core/errors/index.js';
import { matrix, type Matrix } from '../linalg.js';
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

  transform(columns: Columns, rows: number): Matrix {
    const out = matrix(rows, this.width);
    let offset = 0;
    for (const step of this.steps) {
      const column = columns[step.column];
      if (!column)
        throw invalidParameter(
          `the data has no column '${step.column}', which the model was trained on`,
        );
      if (step.kind === 'numeric') {
        const values = numericValues(column, step);
        for (let r = 0; r < rows; r += 1) {
          const value = values[r]!;
          out.data[r * out.cols + offset] =
            ((Number.isNaN(value) ? step.mean : value) - step.mean) / step.scale;
        }
      } else {
        if (column.type !== 'categorical')
          throw invalidParameter(`column '${step.column}' must hold categories`);
        const index = new Map(step.categories.map((category, i) => [category, i]));
        for (let r = 0; r < rows; r += 1) {
          const position = index.get(column.values[r] ?? step.fill);
          if (position !== undefined) out.data[r * out.cols + offset + position] = 1;
        }
      }
      offset += stepWidth(step);
    }
    return out;
  }
}

function numericValues(column: ColumnData, step: NumericStep): Float64Array {
  if (column.type === 'categorical')
    throw invalidParameter(`column '${step.column}' must be numeric`);
  if (step.part) return column.values.map((ms) => datetimePart(ms, step.part!));
  return column.values;
}

function fitNumeric(input: string, column: string, values: Float64Array): NumericStep {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    sum += v;
    count += 1;
  }
  const mean = count === 0 ? 0 : sum / count;
  // The scaler sees the imputed column, where missing values sit exactly at the mean.
  let squares = 0;
  for (const v of values) if (!Number.isNaN(v)) squares += (v - mean) ** 2;
  const std = values.length === 0 ? 0 : Math.sqrt(squares / values.length);
  return { kind: 'numeric', input, column, mean, scale: std > 0 ? std : 1 };
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
