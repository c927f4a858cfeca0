import { gyreMetadataKeys, type FeatureSchema } from '../../onnx/index.js';
import type { TrainedNetwork } from '../models/model.js';
import type { PreprocessStep } from '../preprocess/steps.js';
import { ElementType, GraphBuilder } from './graph-builder.js';

export interface ExportRequest {
  steps: PreprocessStep[];
  network: TrainedNetwork;
  /** Class labels in output order (classification). */
  classes?: string[];
  /** Tabular columns the model takes, for the `gyre.features` metadata. */
  features: FeatureSchema;
  target: string;
  runId?: string;
  trainer: string;
}

/**
 * One ONNX graph holding the preprocessing and the model: the served model takes raw named
 * columns (one input per column; datetime columns as `<name>.year`, `.month`, …), numbers as
 * double [N, 1] (NaN = missing) and categories as string [N, 1] ('' = missing).
 * Outputs: `prediction` [N, 1] for regression; `label` [N] and `probabilities` [N, k] for classification.
 */
export function exportModel(request: ExportRequest): Uint8Array {
  const g = new GraphBuilder();
  const pieces = request.steps.map((step) =>
    step.kind === 'numeric' ? numericInput(g, step) : categoricalInput(g, step),
  );
  let current = pieces.length === 1 ? pieces[0]! : g.node('Concat', pieces, { axis: 1 });
  request.network.layers.forEach((layer, index) => {
    const weights = g.floats('W', [layer.inputs, layer.outputs], layer.weights);
    const bias = g.floats('B', [layer.outputs], layer.bias);
    current = g.node('Gemm', [current, weights, bias]);
    if (index < request.network.layers.length - 1)
      current = g.node(request.network.activation === 'relu' ? 'Relu' : 'Tanh', [current]);
  });
  if (request.network.task === 'regression') {
    g.node('Identity', [current], {}, { output: 'prediction' });
    g.output('prediction', ElementType.FLOAT, ['N', 1]);
  } else {
    const classes = request.classes ?? [];
    g.node('Softmax', [current], { axis: 1 }, { output: 'probabilities' });
    const index = g.node('ArgMax', ['probabilities'], { axis: 1, keepdims: 0 });
    g.node(
      'Gather',
      [g.strings('classes', [classes.length], classes), index],
      { axis: 0 },
      { output: 'label' },
    );
    g.output('label', ElementType.STRING, ['N']);
    g.output('probabilities', ElementType.FLOAT, ['N', classes.length]);
  }
  const metadata: Record<string, string> = {
    [gyreMetadataKeys.features]: JSON.stringify(request.features),
    [gyreMetadataKeys.target]: request.target,
    [gyreMetadataKeys.trainer]: request.trainer,
  };
  if (request.classes) metadata[gyreMetadataKeys.classes] = JSON.stringify(request.classes);
  if (request.runId) metadata[gyreMetadataKeys.runId] = request.runId;
  return g.build({
    graphName: `gyre-${request.network.kind}`,
    producerVersion: request.trainer,
    metadata,
  });
}

/**
 * Imputes and standardises in double, then narrows to float for the layers: raw values such as
 * epoch seconds (1.6e9) keep their precision through the subtraction of the mean, where float32
 * would be off by tens.
 */
function numericInput(g: GraphBuilder, step: Extract<PreprocessStep, { kind: 'numeric' }>): string {
  const x = g.input(step.input, ElementType.DOUBLE, ['N', 1]);
  const mean = g.doubles('mean', [1], [step.mean]);
  const filled = g.node('Where', [g.node('IsNaN', [x]), mean, x]);
  const scaled = g.node('Div', [
    g.node('Sub', [filled, mean]),
    g.doubles('scale', [1], [step.scale]),
  ]);
  return g.node('Cast', [scaled], { to: ElementType.FLOAT });
}

function categoricalInput(
  g: GraphBuilder,
  step: Extract<PreprocessStep, { kind: 'categorical' }>,
): string {
  const x = g.input(step.input, ElementType.STRING, ['N', 1]);
  // '' (missing) becomes the most frequent category; unknown values become '' and so all zeros.
  const imputed = g.node(
    'LabelEncoder',
    [x],
    {
      keys_strings: [...step.categories, ''],
      values_strings: [...step.categories, step.fill],
      default_string: '',
    },
    { domain: 'ai.onnx.ml' },
  );
  const encoded = g.node(
    'OneHotEncoder',
    [imputed],
    { cats_strings: step.categories, zeros: 1 },
    { domain: 'ai.onnx.ml' },
  );
  return g.node('Reshape', [encoded, g.int64s('shape', [2], [-1, step.categories.length])]);
}
