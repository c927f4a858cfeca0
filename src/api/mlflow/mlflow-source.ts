import type { VersionSource } from '../../registry/index.js';
import type { TrackingService } from '../../tracking/index.js';

/**
 * A model version source as MLflow clients send it, as a Gyre source: run artifact URIs in any
 * of MLflow's spellings become `runs:/<run>/<path>`; `runs:/` and `models:/` pass through; any
 * other location (s3://, a local path…) is recorded but not fetched.
 */
export async function versionSourceFromMlflow(
  source: string,
  tracking: TrackingService,
): Promise<VersionSource> {
  const proxied =
    /^(?:mlflow-artifacts:(?:\/\/[^/]*)?|https?:\/\/[^/]+(?:\/[^/]+)*?\/api\/2\.0\/mlflow-artifacts\/artifacts)\/+([^/]+)\/([0-9a-f]{32})\/artifacts(?:\/+(.*))?$/i.exec(
      source,
    );
  if (proxied) {
    const runId = proxied[2]!.toLowerCase();
    const path = proxied[3]?.replace(/\/+$/, '');
    if (path) return { uri: `runs:/${runId}/${path}` };
    // Gyre's runs:/ URIs name something below the artifact root; a model logged at the root
    // itself is found by its one ONNX file, as a run directory is.
    const onnx = (await tracking.artifacts.listFiles(runId, '')).filter((file) =>
      file.path.endsWith('.onnx'),
    );
    if (onnx.length === 1) return { uri: `runs:/${runId}/${onnx[0]!.path}` };
  }
  if (/^(runs|models):\//.test(source)) return { uri: source };
  return { external: source };
}
