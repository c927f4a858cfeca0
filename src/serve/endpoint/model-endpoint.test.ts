import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tinyVariant } from '../../testing/registry-fixtures.js';
import { openTempGyre } from '../../testing/temp-gyre.js';
import { loadModel, type LoadedModel } from '../runtime/index.js';
import { followRegistry } from './follow-registry.js';
import { ModelEndpoint, type ModelEndpointDeps } from './model-endpoint.js';

type TempGyre = Awaited<ReturnType<typeof openTempGyre>>;

describe('ModelEndpoint', () => {
  let gyre: TempGyre;
  const switches: [number | null, number | null][] = [];
  const failures: unknown[] = [];
  let failVersion: number | undefined;

  const deps = (): ModelEndpointDeps<LoadedModel> => ({
    resolveVersion: async (uri) => (await gyre.registry.versions.resolve(uri)).version,
    versionOf: (model) => model.version?.version ?? null,
    load: async (uri, version) => {
      if (version === failVersion) throw new Error(`version ${version} is broken`);
      return loadModel(`models:/m/${version}`, { registry: gyre.registry, name: 'm' });
    },
    onSwitch: (from, to) =>
      switches.push([from.version?.version ?? null, to.version?.version ?? null]),
    onReloadFailed: (error) => failures.push(error),
  });

  const register = (variant: number) =>
    gyre.registry.versions.register({
      name: 'm',
      source: { upload: Readable.from([tinyVariant(variant)]) },
    });

  const infer = (endpoint: ModelEndpoint<LoadedModel>) =>
    endpoint.current.infer({
      x: { datatype: 'FP32', shape: [1, 3], data: Float32Array.of(1, 2, 3) },
    });

  beforeEach(async () => {
    gyre = await openTempGyre();
    switches.length = 0;
    failures.length = 0;
    failVersion = undefined;
    await register(1);
    await register(2);
    await register(3);
    await gyre.registry.models.setAlias('m', 'champion', 1);
  });
  afterEach(() => gyre.dispose());

  it('follows an alias: loads the new version before switching, and no request fails meanwhile', async () => {
    const endpoint = await ModelEndpoint.open('models:/m@champion', deps());
    const follower = await followRegistry({
      bus: gyre.bus,
      onChange: () => void endpoint.refresh(),
    });
    let stop = false;
    let served = 0;
    const load = (async () => {
      while (!stop) {
        const outputs = await infer(endpoint);
        expect(Array.from(outputs.y!.data as Float32Array)).toHaveLength(3);
        served += 1;
      }
    })();
    await gyre.registry.models.setAlias('m', 'champion', 2);
    await endpoint.refresh();
    expect(endpoint.current.version?.version).toBe(2);
    await gyre.registry.models.setAlias('m', 'champion', 3);
    await endpoint.refresh();
    stop = true;
    await load;
    expect(served).toBeGreaterThan(0);
    expect(endpoint.current.version?.version).toBe(3);
    expect(switches).toEqual([
      [1, 2],
      [2, 3],
    ]);
    follower.stop();
    await endpoint.close();
  });

  it('keeps serving the old version when the new one fails to load, and says why', async () => {
    const endpoint = await ModelEndpoint.open('models:/m@champion', deps());
    failVersion = 2;
    await gyre.registry.models.setAlias('m', 'champion', 2);
    expect(await endpoint.refresh()).toBe('failed');
    expect(String(failures[0])).toMatch(/version 2 is broken/);
    expect(endpoint.current.version?.version).toBe(1);
    await infer(endpoint);
    expect(await endpoint.refresh()).toBe('failed');
    failVersion = undefined;
    expect(await endpoint.refresh()).toBe('switched');
    expect(await endpoint.refresh()).toBe('unchanged');
    await endpoint.close();
    expect(await endpoint.refresh()).toBe('closed');
  });

  it('hears of changes made by other processes through the outbox', async () => {
    const seen: string[] = [];
    const follower = await followRegistry({
      events: (cursor) => gyre.registry.events(cursor),
      pollMs: 20,
      onChange: (model) => seen.push(model),
    });
    // Written to the store directly, as another process would: this process's bus hears nothing.
    await gyre.store.modelAliases.set('m', 'champion', 3, { now: Date.now(), actor: 'elsewhere' });
    await expect.poll(() => seen, { timeout: 5000 }).toContain('m');
    follower.stop();
  });
});
