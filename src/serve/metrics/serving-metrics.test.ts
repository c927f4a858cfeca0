import { describe, expect, it } from 'vitest';
import { ServingMetrics } from './serving-metrics.js';

describe('ServingMetrics', () => {
  it('exposes request, latency, queue, batch, model and process metrics in Prometheus text', async () => {
    const metrics = new ServingMetrics();
    metrics.requests.inc({ model: 'cls', version: '3', protocol: 'v2', status: '200' });
    metrics.requestSeconds.observe({ model: 'cls', version: '3', protocol: 'v2' }, 0.004);
    metrics.batchSize.observe({ model: 'cls' }, 8);
    metrics.queueDepth.set({ model: 'cls' }, 2);
    metrics.loadedModels.set({ model: 'cls', version: '3' }, 1);
    metrics.predictionLog.inc({ event: 'dropped' }, 5);
    const text = await metrics.text();
    expect(text).toContain(
      'gyre_inference_requests_total{model="cls",version="3",protocol="v2",status="200"} 1',
    );
    expect(text).toContain(
      'gyre_inference_request_duration_seconds_bucket{le="0.005",model="cls",version="3",protocol="v2"} 1',
    );
    expect(text).toContain('gyre_inference_batch_size_bucket{le="8",model="cls"} 1');
    expect(text).toContain('gyre_inference_queue_depth{model="cls"} 2');
    expect(text).toContain('gyre_loaded_models{model="cls",version="3"} 1');
    expect(text).toContain('gyre_prediction_log_rows_total{event="dropped"} 5');
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('keeps two servers in one process apart', async () => {
    const a = new ServingMetrics({ processMetrics: false });
    const b = new ServingMetrics({ processMetrics: false });
    a.requests.inc({ model: 'x', version: '1', protocol: 'gyre', status: '200' });
    expect(await b.text()).not.toContain('model="x"');
  });
});
