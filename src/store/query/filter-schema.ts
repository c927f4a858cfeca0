import type { Entity } from './filter-ast.js';

export interface AttributeSpec {
  type: 'string' | 'number';
}

/** What a filter over one kind of record may name: prefixes per entity and the attributes. */
export interface FilterSchema {
  /** Human name of the searched records, for messages ("runs", "experiments"). */
  subject: string;
  prefixes: Record<string, Entity>;
  /** Canonical attribute names and their types. */
  attributes: Record<string, AttributeSpec>;
  /** Other spellings accepted for attributes (`created` → `start_time`). */
  attributeAliases: Record<string, string>;
}

/** The prefixes every searchable record takes (MLflow's spellings included). */
const tagAndAttributePrefixes: Record<string, Entity> = {
  tags: 'tag',
  tag: 'tag',
  attributes: 'attribute',
  attribute: 'attribute',
  attr: 'attribute',
};

export const runFilterSchema: FilterSchema = {
  subject: 'runs',
  prefixes: {
    metrics: 'metric',
    metric: 'metric',
    params: 'param',
    param: 'param',
    parameters: 'param',
    ...tagAndAttributePrefixes,
    run: 'attribute',
  },
  attributes: {
    run_id: { type: 'string' },
    run_name: { type: 'string' },
    status: { type: 'string' },
    user_id: { type: 'string' },
    experiment_id: { type: 'string' },
    parent_run_id: { type: 'string' },
    start_time: { type: 'number' },
    end_time: { type: 'number' },
  },
  attributeAliases: { created: 'start_time', name: 'run_name', run_uuid: 'run_id' },
};

export const experimentFilterSchema: FilterSchema = {
  subject: 'experiments',
  prefixes: tagAndAttributePrefixes,
  attributes: {
    name: { type: 'string' },
    experiment_id: { type: 'string' },
    creation_time: { type: 'number' },
    last_update_time: { type: 'number' },
  },
  attributeAliases: {},
};

export const modelFilterSchema: FilterSchema = {
  subject: 'registered models',
  prefixes: tagAndAttributePrefixes,
  attributes: {
    name: { type: 'string' },
    description: { type: 'string' },
    creation_time: { type: 'number' },
    last_update_time: { type: 'number' },
  },
  // MLflow's names for the same attributes.
  attributeAliases: {
    timestamp: 'last_update_time',
    last_updated_timestamp: 'last_update_time',
    creation_timestamp: 'creation_time',
  },
};

export const modelVersionFilterSchema: FilterSchema = {
  subject: 'model versions',
  prefixes: tagAndAttributePrefixes,
  attributes: {
    name: { type: 'string' },
    version: { type: 'number' },
    run_id: { type: 'string' },
    source: { type: 'string' },
    status: { type: 'string' },
    stage: { type: 'string' },
    user_id: { type: 'string' },
    digest: { type: 'string' },
    creation_time: { type: 'number' },
    last_update_time: { type: 'number' },
  },
  // MLflow's names for the same attributes.
  attributeAliases: {
    version_number: 'version',
    source_path: 'source',
    current_stage: 'stage',
    timestamp: 'last_update_time',
    last_updated_timestamp: 'last_update_time',
    creation_timestamp: 'creation_time',
  },
};
