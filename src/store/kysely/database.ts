import type { Generated } from 'kysely';

/** Table shapes as stored. Booleans are 0/1 integers so both dialects read them alike. */
export interface Database extends RegistryTables, DatasetTables, PredictionTables {
  schema_migrations: { version: number; name: string; applied_time: number };
  experiments: {
    experiment_id: Generated<number>;
    name: string;
    lifecycle_stage: string;
    creation_time: number;
    last_update_time: number;
    deleted_time: number | null;
  };
  experiment_tags: { experiment_id: number; key: string; value: string };
  runs: {
    run_id: string;
    experiment_id: number;
    run_name: string;
    user_id: string;
    status: string;
    start_time: number;
    end_time: number | null;
    lifecycle_stage: string;
    deleted_time: number | null;
    parent_run_id: string | null;
  };
  params: { run_id: string; key: string; value: string };
  tags: { run_id: string; key: string; value: string };
  /** Full history. */
  metrics: MetricRow;
  /** The latest point per (run, key): highest step, then latest timestamp. */
  latest_metrics: MetricRow;
  run_artifacts: {
    run_id: string;
    path: string;
    digest: string;
    size: number;
    created_time: number;
  };
}

/** Registry tables (migration 2). JSON columns hold text; the repositories parse them. */
export interface RegistryTables {
  registered_models: {
    model_id: Generated<number>;
    name: string;
    description: string;
    lifecycle_stage: string;
    creation_time: number;
    last_update_time: number;
    deleted_time: number | null;
  };
  registered_model_tags: { model_id: number; key: string; value: string };
  model_versions: {
    version_id: Generated<number>;
    model_id: number;
    version: number;
    source: string;
    run_id: string | null;
    status: string;
    status_message: string;
    description: string;
    stage: string;
    user_id: string;
    digest: string;
    size: number;
    signature: string | null;
    feature_schema: string | null;
    class_labels: string | null;
    model_info: string | null;
    creation_time: number;
    last_update_time: number;
    lifecycle_stage: string;
    deleted_time: number | null;
  };
  model_version_tags: { version_id: number; key: string; value: string };
  model_aliases: { model_id: number; alias: string; version_id: number };
  registry_audit: {
    audit_id: Generated<number>;
    time: number;
    actor: string;
    action: string;
    model_id: number;
    model_name: string;
    version: number | null;
    subject: string | null;
    old_value: string | null;
    new_value: string | null;
  };
  outbox: { event_id: Generated<number>; time: number; type: string; payload: string };
  run_inputs: {
    run_id: string;
    kind: string;
    ref: string;
    digest: string | null;
    created_time: number;
    /** JSON, migration 3 */
    details: string | null;
  };
}

/** One metric point as stored. NaN is value NULL with is_nan 1 (SQLite cannot hold NaN). */
export interface MetricRow {
  run_id: string;
  key: string;
  value: number | null;
  is_nan: number;
  step: number;
  timestamp: number;
}

export type TableName = keyof Database;

/** Dataset tables (migration 4). JSON columns hold text; the repository parses them. */
export interface DatasetTables {
  datasets: {
    dataset_id: Generated<number>;
    name: string;
    creation_time: number;
    last_update_time: number;
  };
  dataset_versions: {
    version_id: Generated<number>;
    dataset_id: number;
    version: number;
    digest: string;
    size: number;
    row_count: number;
    format: string;
    source: string;
    description: string;
    user_id: string;
    creation_time: number;
    schema: string;
    profile: string;
    spec: string | null;
  };
  dataset_version_tags: { version_id: number; key: string; value: string };
  dataset_aliases: { dataset_id: number; alias: string; version_id: number };
}

/** The prediction log (migration 5). Inputs and outputs are JSON text. */
export interface PredictionTables {
  predictions: {
    request_id: string;
    row: number;
    model_name: string;
    model_version: number | null;
    time: number;
    latency_ms: number;
    inputs: string;
    outputs: string;
  };
}
