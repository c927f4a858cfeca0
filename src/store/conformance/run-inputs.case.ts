import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import type { RunInput } from '../registry-model.js';
import type { StoreHarness } from '../testing/store-harness.js';
import { newRunInput } from './runs.case.js';

const T0 = 1_700_000_000_000;

const byKindAndRef = (inputs: RunInput[]) =>
  [...inputs].sort((a, b) => `${a.kind} ${a.ref}`.localeCompare(`${b.kind} ${b.ref}`));

export function runInputCases(h: () => StoreHarness): void {
  describe('run inputs', () => {
    it('records generic inputs, updating the digest when the same kind and ref come again', async () => {
      const { info } = await h().store.runs.create(newRunInput());
      const dataset = { kind: 'dataset', ref: 'iris@3', digest: 'sha256:' + 'a'.repeat(64) };
      const model = { kind: 'model', ref: 'models:/fraud/2', digest: null };
      const file = { kind: 'file', ref: 'file:///data/x.csv', digest: 'd1' };
      await h().store.runs.logInputs(info.runId, [dataset, model], T0);
      expect(byKindAndRef(await h().store.runs.inputs(info.runId))).toEqual([dataset, model]);
      const redigested = { ...dataset, digest: 'sha256:' + 'b'.repeat(64) };
      const sameRefOtherKind = { kind: 'file', ref: 'iris@3', digest: null };
      await h().store.runs.logInputs(info.runId, [redigested, file, sameRefOtherKind], T0 + 1);
      expect(byKindAndRef(await h().store.runs.inputs(info.runId))).toEqual([
        redigested,
        file,
        sameRefOtherKind,
        model,
      ]);
      await h().store.runs.logInputs(info.runId, [{ ...model, digest: 'now-known' }], T0 + 2);
      expect(await h().store.runs.inputs(info.runId)).toContainEqual({
        ...model,
        digest: 'now-known',
      });
      expect(await h().store.runs.inputs(info.runId)).toHaveLength(4);
      await h().store.runs.logInputs(info.runId, [], T0 + 3);
      expect(await h().store.runs.inputs(info.runId)).toHaveLength(4);
      const other = await h().store.runs.create(newRunInput());
      expect(await h().store.runs.inputs(other.info.runId)).toEqual([]);
    });

    it('keeps JSON details with an input, and replaces them when it is logged again', async () => {
      const { info } = await h().store.runs.create(newRunInput());
      const details = {
        source_type: 'local',
        source: '{"uri": "/data/iris.csv"}',
        schema: { cols: ['a', 'b'] },
        tags: [{ key: 'mlflow.data.context', value: 'training' }],
      };
      await h().store.runs.logInputs(
        info.runId,
        [{ kind: 'dataset', ref: 'iris', digest: 'abc', details }],
        T0,
      );
      expect(await h().store.runs.inputs(info.runId)).toEqual([
        { kind: 'dataset', ref: 'iris', digest: 'abc', details },
      ]);
      await h().store.runs.logInputs(
        info.runId,
        [{ kind: 'dataset', ref: 'iris', digest: 'abc', details: { source: 'v2' } }],
        T0 + 1,
      );
      expect(await h().store.runs.inputs(info.runId)).toEqual([
        { kind: 'dataset', ref: 'iris', digest: 'abc', details: { source: 'v2' } },
      ]);
    });

    it('refuses inputs of unknown runs', async () => {
      const input = { kind: 'dataset', ref: 'iris@3', digest: null };
      await expectGyreError(
        h().store.runs.logInputs('9'.repeat(32), [input], T0),
        'RESOURCE_DOES_NOT_EXIST',
        /9{32}/,
      );
      await expectGyreError(h().store.runs.inputs('9'.repeat(32)), 'RESOURCE_DOES_NOT_EXIST');
      expect(await h().store.runs.runsUsing('dataset', 'iris@3')).toEqual([]);
    });

    it('lists the runs that used an input, newest first', async () => {
      const input = { kind: 'dataset', ref: 'iris@3', digest: 'x' };
      const runs = [];
      for (const offset of [10, 30, 20]) {
        const { info } = await h().store.runs.create(newRunInput({ startTime: T0 + offset }));
        runs.push(info.runId);
      }
      const [oldest, newest, middle] = runs as [string, string, string];
      await h().store.runs.logInputs(oldest, [input], T0 + 11);
      await h().store.runs.logInputs(middle, [input, { ...input, ref: 'iris@4' }], T0 + 21);
      await h().store.runs.logInputs(newest, [input], T0 + 31);
      await h().store.runs.logInputs(newest, [{ ...input, digest: 'y' }], T0 + 32);
      expect(await h().store.runs.runsUsing('dataset', 'iris@3')).toEqual([newest, middle, oldest]);
      expect(await h().store.runs.runsUsing('dataset', 'iris@4')).toEqual([middle]);
      expect(await h().store.runs.runsUsing('model', 'iris@3')).toEqual([]);
    });
  });
}
