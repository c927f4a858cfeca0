import type { VersionSource } from '../../registry/index.js';

/**
 * A model version source as MLflow clients send it, as a Gyre source: run artifact URIs in any
 * of MLflow's spellings become `runs:/<run>/<path>`; `runs:/` and `models:/` pass through; any
 * other location (s3://, a local path…) is recorded but not fetched.
 */
export function versionSourceFromMlflow(source: string): VersionSource {
  const proxied =
    /^(?:mlflow-artifacts:(?:\/\/[^/]*)?|https?:\/\/[^/]+(?:\/[^/]+)*?\/api\/2\.0\/mlflow-artifacts\/artifacts)\/+([^/]+)\/([0-9a-f]{32})\/artifacts(?:\/(.*))?$/i.exec(
      source,
    );
  if (proxied?.[3]) return { uri: `runs:/${proxied[2]}/${proxied[3]}` };
  if (/^(runs|models):\//.test(source)) return { uri: source };
  return { external: source };
}
