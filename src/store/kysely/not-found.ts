import { notFound } from '../../core/errors/index.js';

export function experimentNotFound(experimentId: string) {
  return notFound(`no experiment with id '${experimentId}'`, { experiment_id: experimentId });
}

export function runNotFound(runId: string) {
  return notFound(`no run with id '${runId}'`, { run_id: runId });
}
