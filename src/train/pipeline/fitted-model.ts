import type { FeatureSchema } from '../../onnx/index.js';
import type { Matrix } from '../linalg.js';
import { forward, type TrainedNetwork } from '../models/model.js';
import { exportModel } from '../onnx-export/export-model.js';
import type { ModelKind } from '../params.js';
import type { Columns } from '../preprocess/column-data.js';
import type { Preprocessor } from '../preprocess/preprocessor.js';
import type { TrainingData } from './fit-model.js';
import type { Task } from './training-target.js';

/** A model fitted with its preprocessing: predicts from raw columns and exports one ONNX graph. */
export class FittedModel {
  constructor(
    readonly kind: ModelKind,
    readonly preprocessor: Preprocessor,
    readonly network: TrainedNetwork,
    readonly data: Pick<TrainingData, 'featureTypes' | 'features'> & {
      target: { name: string; task: Task; classes?: string[] };
    },
  ) {}

  get classes(): string[] | undefined {
    return this.data.target.classes;
  }

  /** Class probabilities (rows × classes) or predicted values (rows × 1). */
  predict(columns: Columns, rows: number): Matrix {
    return forward(this.network, this.preprocessor.transform(columns, rows));
  }

  featureSchema(): FeatureSchema {
    const schema: FeatureSchema = [];
    for (const name of this.data.features) {
      const steps = this.preprocessor.steps.filter((step) => step.column === name);
      const type = this.data.featureTypes[name] ?? 'numeric';
      const parts = steps.flatMap((step) =>
        step.kind === 'numeric' && step.part ? [step.part] : [],
      );
      schema.push(
        parts.length > 0 ? { name, type, input: name, parts } : { name, type, input: name },
      );
    }
    return schema;
  }

  exportOnnx(options: { runId?: string; trainer: string }): Uint8Array {
    return exportModel({
      steps: this.preprocessor.steps,
      network: this.network,
      ...(this.classes ? { classes: this.classes } : {}),
      features: this.featureSchema(),
      target: this.data.target.name,
      trainer: options.trainer,
      ...(options.runId ? { runId: options.runId } : {}),
    });
  }
}
