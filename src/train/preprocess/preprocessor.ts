import { invalidParameter } from '../../core/errors/index.js';
import { standardisation } from './standardisation.js';
import type { SparseRows } from '../sparse-rows.js';
import type { ColumnData, Columns } from './column-data.js';
import { datetimeParts } from '../../onnx/index.js';
import { datetimeColumn } from './datetime-column.js';
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
            ...fitNumeric(`${name}.${part}`, name, datetimeColumn(column.values, part)),
            part,
          });
      }
    }
    return new Preprocessor([...numeric, ...categorical]);
  }

  get width(): number {
    return this.steps.reduce((sum, step) => sum + stepWidth(step), 0);
  }

  /**
   * The feature matrix of `rows` rows: scaled numbers, then one-hot categories, as sparse rows.
   * Built step by step (one pass over typed arrays per step, no per-entry calls): a count of each
   * row's entries, then each step's entries written at its rows' cursors — steps in column order,
   * so every row's columns ascend.
   */
  transform(columns: Columns, rows: number): SparseRows {
    const perStep = this.steps.map((step) => stepValues(step, columns, rows));
    const start = new Int32Array(rows + 1);
    for (const values of perStep)
      if (values instanceof Float64Array) {
        for (let r = 0; r < rows; r += 1) if (values[r] !== 0) start[r + 1]! += 1;
      } else for (let r = 0; r < rows; r += 1) if (values[r]! >= 0) start[r + 1]! += 1;
    for (let r = 0; r < rows; r += 1) start[r + 1]! += start[r]!;
    const next = start.slice(0, rows);
    const entryColumns = new Int32Array(start[rows]!);
    const entryValues = new Float64Array(start[rows]!);
    let offset = 0;
    this.steps.forEach((step, s) => {
      const values = perStep[s]!;
      if (values instanceof Float64Array)
        for (let r = 0; r < rows; r += 1) {
          if (values[r] === 0) continue;
          entryColumns[next[r]!] = offset;
          entryValues[next[r]!] = values[r]!;
          next[r]! += 1;
        }
      else
        for (let r = 0; r < rows; r += 1) {
          if (values[r]! < 0) continue;
          entryColumns[next[r]!] = offset + values[r]!;
          entryValues[next[r]!] = 1;
          next[r]! += 1;
        }
      offset += stepWidth(step);
    });
    return { rows, cols: this.width, start, columns: entryColumns, values: entryValues };
  }
}

/** A step's column over the rows: standardised numbers, or category indices (−1: unknown). */
function stepValues(
  step: PreprocessStep,
  columns: Columns,
  rows: number,
): Float64Array | Int32Array {
  const column = columns[step.column];
  if (!column)
    throw invalidParameter(
      `the data has no column '${step.column}', which the model was trained on`,
    );
  if (step.kind === 'numeric') {
    const values = numericValues(column, step);
    // A datetime part is a fresh array, scaled in place: fresh memory costs more than the math.
    const scaled = step.part ? values : new Float64Array(rows);
    for (let r = 0; r < rows; r += 1) {
      const value = values[r]!;
      scaled[r] = ((Number.isNaN(value) ? step.mean : value) - step.mean) / step.scale;
    }
    return scaled;
  }
  if (column.type !== 'categorical')
    throw invalidParameter(`column '${step.column}' must hold categories`);
  const index = new Map(step.categories.map((category, i) => [category, i]));
  const codes = new Int32Array(rows);
  for (let r = 0; r < rows; r += 1) codes[r] = index.get(column.values[r] ?? step.fill) ?? -1;
  return codes;
}

function numericValues(column: ColumnData, step: NumericStep): Float64Array {
  if (column.type === 'categorical')
    throw invalidParameter(`column '${step.column}' must be numeric`);
  if (step.part) return datetimeColumn(column.values, step.part);
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
