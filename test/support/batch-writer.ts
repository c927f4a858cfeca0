/**
 * Streams batches to a Gyre server until the server goes away, printing `ACK <n>` after each
 * batch the server acknowledged. Batch n holds metric `m` at steps n*1000 … n*1000+999 (value =
 * step) and param `batch_<n>`. Exits 0 when the connection fails, which is what the test expects.
 */
const [url, runId] = process.argv.slice(2);
const pointsPerBatch = 1000;

for (let n = 0; ; n += 1) {
  const metrics = Array.from({ length: pointsPerBatch }, (_, i) => ({
    key: 'm',
    value: n * pointsPerBatch + i,
    step: n * pointsPerBatch + i,
    timestamp: 1,
  }));
  try {
    const response = await fetch(`${url}/api/v1/runs/${runId}/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ metrics, params: [{ key: `batch_${n}`, value: String(n) }] }),
    });
    if (response.status !== 204) {
      console.log(`REJECTED ${n} ${response.status} ${await response.text()}`);
      process.exit(1);
    }
    console.log(`ACK ${n}`);
  } catch {
    process.exit(0);
  }
}
