import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type TypedApp } from '../api/index.js';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import type { TempGyre } from '../testing/api-harness.js';
import { openTempGyre } from '../testing/temp-gyre.js';
import { referenceFeatures, vegaFile } from '../testing/vega-data.js';
import { GyreClient } from './gyre-client.js';
import { MODEL_ARTIFACT } from './train.js';

async function readArtifact(client: GyreClient, runId: string, path: string): Promise<Buffer> {
  const { content } = await client.artifacts.open(runId, path);
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

for (const mode of ['local', 'http'] as const) {
  describe(`client.train (${mode})`, () => {
    let gyre: TempGyre;
    let app: TypedApp | undefined;
    let client: GyreClient;

    beforeEach(async () => {
      gyre = await openTempGyre();
      if (mode === 'local') client = GyreClient.fromGyre(gyre);
      else {
        app = await buildServer(gyre);
        client = GyreClient.connect(await app.listen({ host: '127.0.0.1', port: 0 }));
      }
    });
    afterEach(async () => {
      await client.close();
      await app?.close();
      await gyre.dispose();
    });

    it('logs params, losses, metrics, the data digest and the model, and registers it', async () => {
      const data = vegaFile('penguins.json');
      const result = await client.train({
        data,
        target: 'Species',
        model: 'logistic',
        experiment: 'penguins',
        register: 'penguin-species',
        aliases: ['candidate'],
      });
      expect(Object.keys(result.metrics).sort()).toEqual(
        ['accuracy', 'f1_macro', 'log_loss', 'precision_macro', 'recall_macro', 'roc_auc']
          .flatMap((m) => [`cv_${m}`, `test_${m}`])
          .sort(),
      );
      expect(result.metrics.test_accuracy).toBeGreaterThan(0.95);
      expect(result.rows).toEqual({ used: 344, train: 275, test: 69, droppedMissingTarget: 0 });

      const run = await client.runs.get(result.runId);
      expect(run.info.status).toBe('FINISHED');
      expect(run.data.params).toMatchObject({
        model: 'logistic',
        target: 'Species',
        task: 'classification',
        cv: '5',
        test_fraction: '0.2',
        seed: '0',
        C: '1',
        max_iter: '500',
      });
      expect(run.data.tags['gyre.trainer']).toMatch(/^gyre-train /);
      expect(run.data.metrics.cv_accuracy?.value).toBe(result.metrics.cv_accuracy);
      const losses = await client.runs.metricHistory(result.runId, 'train_loss');
      expect(losses.items.length).toBeGreaterThan(3);
      expect(losses.items.map((p) => p.step)).toEqual(losses.items.map((_, i) => i + 1));
      expect(losses.items.at(-1)!.value).toBeLessThan(losses.items[0]!.value);
      expect((await client.runs.metricHistory(result.runId, 'validation_loss')).items).toHaveLength(
        losses.items.length,
      );
      expect(await client.runs.inputs(result.runId)).toEqual([
        expect.objectContaining({
          kind: 'file',
          ref: data,
          digest: createHash('sha256').update(readFileSync(data)).digest('hex'),
        }),
      ]);

      const bytes = await readArtifact(client, result.runId, MODEL_ARTIFACT);
      const session = await ort.InferenceSession.create(bytes);
      expect(session.outputNames).toEqual(['label', 'probabilities']);
      expect(result.modelVersion).toMatchObject({
        name: 'penguin-species',
        version: 1,
        runId: result.runId,
        status: 'READY',
        aliases: ['candidate'],
        classLabels: ['Adelie', 'Chinstrap', 'Gentoo'],
      });
      expect(result.modelVersion!.featureSchema!.map((f) => f.name)).toContain('Island');
    });

    it('trains without cross-validation or a holdout when asked, and logs no validation loss', async () => {
      const result = await client.train({
        data: vegaFile('cars.json'),
        target: 'Miles_per_Gallon',
        model: 'mlp',
        features: referenceFeatures.cars,
        params: { hidden_layers: '8', max_epochs: '20' },
        cv: 0,
        testFraction: 0,
      });
      expect(result.metrics).toEqual({});
      expect(result.rows).toMatchObject({ train: 398, test: 0, droppedMissingTarget: 8 });
      const run = await client.runs.get(result.runId);
      expect(run.data.params).toMatchObject({ hidden_layers: '8', max_epochs: '20', cv: '0' });
      expect((await client.runs.metricHistory(result.runId, 'train_loss')).items).toHaveLength(20);
      expect((await client.runs.metricHistory(result.runId, 'validation_loss')).items).toEqual([]);
    });

    it('refuses bad input before creating a run', async () => {
      await expectGyreError(
        client.train({ data: vegaFile('cars.json'), target: 'mpg', model: 'ridge' }),
        'INVALID_PARAMETER_VALUE',
        /no target column 'mpg'/,
      );
      await expectGyreError(
        client.train({
          data: vegaFile('cars.json'),
          target: 'Miles_per_Gallon',
          model: 'ridge',
          params: { lambda: 3 },
        }),
        'INVALID_PARAMETER_VALUE',
        /unknown param 'lambda' for ridge; it takes alpha/,
      );
      await expectGyreError(
        client.train({
          data: vegaFile('cars.json'),
          target: 'Miles_per_Gallon',
          model: 'ridge',
          register: 'bad/name',
        }),
        'INVALID_PARAMETER_VALUE',
      );
      expect((await client.runs.search({})).items).toEqual([]);
    });
  });
}
