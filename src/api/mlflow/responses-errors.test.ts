import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AJAX,
  API,
  ARTIFACTS,
  mlflowError,
  ok,
  openMlflowHarness,
  type HttpMethod,
  type MlflowHarness,
} from '../../testing/mlflow-wire.js';

let h: MlflowHarness;
beforeAll(async () => {
  h = await openMlflowHarness();
});
afterAll(() => h.dispose());

describe('errors as MLflow writes them', () => {
  it('answers unknown endpoints and wrong methods with JSON 404 ENDPOINT_NOT_FOUND under both prefixes', async () => {
    const unknown: [HttpMethod, string][] = [
      ['GET', `${API}/no/such-endpoint`],
      ['GET', `${AJAX}/no/such-endpoint`],
      // MLflow 3.x endpoints: a 3.x client reports them as unsupported instead of retrying.
      ['GET', `${API}/traces`],
      ['POST', `${API}/logged-models/search`],
      ['GET', `${API}/runs/create`],
      ['PUT', `${API}/registered-models/update`],
      // MLflow's proxy also deletes artifacts (HttpArtifactRepository.delete_artifacts); Gyre does not.
      ['DELETE', `${ARTIFACTS}/0/${'0'.repeat(32)}/artifacts/x.txt`],
    ];
    for (const [method, url] of unknown)
      mlflowError(
        await h.mlflow.send({
          method,
          url,
          headers: { 'content-type': 'application/json' },
          ...(method === 'GET' ? {} : { body: '{}' }),
        }),
        404,
        'ENDPOINT_NOT_FOUND',
      );
  });

  it('maps error codes to MLflow HTTP statuses (already-exists is 400, not 409)', async () => {
    ok(await h.mlflow.post('registered-models/create', { name: 'dup' }));
    mlflowError(
      await h.mlflow.post('registered-models/create', { name: 'dup' }),
      400,
      'RESOURCE_ALREADY_EXISTS',
    );
    mlflowError(
      await h.mlflow.get('experiments/get-by-name', { experiment_name: 'my exp/α' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
      "Could not find experiment with name 'my exp/α'",
    );
    mlflowError(
      await h.mlflow.get('runs/get', { run_id: '' }),
      400,
      'INVALID_PARAMETER_VALUE',
      "Missing value for required parameter 'run_id'. See the API docs for more information about request parameters.",
    );
    mlflowError(
      await h.mlflow.post('experiments/search', { max_results: 50001 }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
  });
});

describe('GET /health and GET /version', () => {
  it('answer plain text; /version is the MLflow release whose API Gyre speaks', async () => {
    const health = await h.mlflow.send({ method: 'GET', url: '/health' });
    expect([health.status, health.text]).toEqual([200, 'OK']);
    expect(health.headers['content-type']).toMatch(/^text\/plain/);
    const version = await h.mlflow.send({ method: 'GET', url: '/version' });
    expect([version.status, version.text]).toEqual([200, '2.9.2']);
  });
});
