import { invalidParameter } from '../../core/errors/index.js';
import {
  toFloat64Array,
  toStringArray,
  type Cell,
  type ColumnTypeInfo,
} from '../../data/tabular/index.js';
import { compareLabels } from '../../metrics/index.js';
import type { ModelKind } from '../params.js';
import { finite } from './finite.js';
import type { Task, TrainingTarget } from './training-target.js';

/** More classes than this is a numeric target mistaken for labels, not a classification problem. */
const MAX_CLASSES = 1000;

/**
 * The target from its present values. Ridge regresses and logistic regression classifies; an
 * MLP classifies text and booleans and regresses numbers, unless `task` says otherwise.
 */
export function buildTarget(
  name: string,
  cells: readonly Cell[],
  info: ColumnTypeInfo,
  model: ModelKind,
  task: Task | undefined,
): TrainingTarget {
  const numeric = info.type === 'integer' || info.type === 'float';
  const chosen =
    task ?? (model === 'ridge' || (model === 'mlp' && numeric) ? 'regression' : 'classification');
  if (chosen === 'regression' && model === 'logistic')
    throw invalidParameter(
      'logistic regression is a classifier; use ridge or mlp for a regression task',
      {
        field: 'task',
      },
    );
  if (chosen === 'classification' && model === 'ridge')
    throw invalidParameter('ridge is a regressor; use logistic or mlp for a classification task', {
      field: 'task',
    });
  return chosen === 'regression'
    ? regressionTarget(name, cells, info)
    : classificationTarget(name, cells, info);
}

function regressionTarget(
  name: string,
  cells: readonly Cell[],
  info: ColumnTypeInfo,
): TrainingTarget {
  if (info.type !== 'integer' && info.type !== 'float') {
    const what = info.type === 'string' ? 'text' : `${info.type}s`;
    throw invalidParameter(
      `a regression target must be numeric, but '${name}' holds ${what} (e.g. ${examples(cells)})` +
        `${info.note ? `: ${info.note}` : ''}; train a classifier (--model logistic or mlp) or pick a numeric column`,
      { field: 'target' },
    );
  }
  return {
    task: 'regression',
    name,
    values: finite(name, toFloat64Array(cells, { column: name })),
  };
}

function classificationTarget(
  name: string,
  cells: readonly Cell[],
  info: ColumnTypeInfo,
): TrainingTarget {
  const numeric = info.type === 'integer' || info.type === 'float';
  if (
    info.type === 'float' &&
    toFloat64Array(cells, { column: name }).some((v) => !Number.isInteger(v))
  )
    throw invalidParameter(
      `class labels must be discrete, but '${name}' holds fractional numbers (e.g. ${examples(cells)}); ` +
        'train a regressor (--model ridge or mlp) instead',
      { field: 'target' },
    );
  const texts = numeric
    ? Array.from(toFloat64Array(cells, { column: name }), String)
    : (toStringArray(cells) as string[]);
  const distinct = [...new Set(texts)];
  const classes = numeric
    ? distinct.sort((a, b) => Number(a) - Number(b))
    : distinct.sort(compareLabels);
  if (classes.length < 2)
    throw invalidParameter(
      `the target '${name}' has a single class ('${classes[0]}'); a classifier needs two or more`,
      {
        field: 'target',
      },
    );
  if (classes.length > MAX_CLASSES)
    throw invalidParameter(
      `the target '${name}' has ${classes.length} distinct values, too many to be classes (limit ${MAX_CLASSES}); train a regressor instead`,
      { field: 'target' },
    );
  const index = new Map(classes.map((label, i) => [label, i]));
  return {
    task: 'classification',
    name,
    labels: Int32Array.from(texts, (text) => index.get(text)!),
    classes,
  };
}

function examples(cells: readonly Cell[]): string {
  const seen = [
    ...new Set(cells.map((cell) => (cell instanceof Date ? cell.toISOString() : String(cell)))),
  ];
  return seen
    .slice(0, 3)
    .map((text) => JSON.stringify(text))
    .join(', ');
}
