import { GyreError } from '../../core/errors/index.js';

/**
 * What is wrong with a dataset spec, as a stable word in the error's `details.reason`; callers
 * switch on it rather than on message text, which may be reworded.
 */
export type SpecProblem =
  /** The text is not valid JSON or YAML, or is empty. */
  | 'malformed_spec'
  /** A top-level key other than `columns` and `extra_columns`. */
  | 'unknown_field'
  /** A column key that is not a rule. */
  | 'unknown_rule'
  /** A value of the wrong JSON type, e.g. `"min": "ten"` or `"nullable": "no"`. */
  | 'wrong_value_type'
  /** A `type` other than integer, float, boolean, datetime and string. */
  | 'unknown_type'
  | 'invalid_regex'
  | 'min_greater_than_max'
  /** `"allowed": []`, which no value could pass. */
  | 'empty_allowed'
  /** A rule the column's type has no use for: `min` on a string column, `regex` on a number. */
  | 'rule_not_applicable'
  /** The spec names a column the file does not have. */
  | 'unknown_column';

/** Where in a spec a problem is: the file (or "request body"), and the column and rule if any. */
export interface SpecLocation {
  source: string;
  column?: string;
  rule?: string;
}

/**
 * INVALID_PARAMETER_VALUE for a bad spec, its message starting with the source, column and rule
 * (`spec.yaml: column "delay", rule "min": …`) so the person fixing it knows where to look.
 */
export function specError(reason: SpecProblem, message: string, where: SpecLocation): GyreError {
  const place = [
    where.column === undefined ? undefined : `column ${JSON.stringify(where.column)}`,
    where.rule === undefined ? undefined : `rule "${where.rule}"`,
  ].filter((part) => part !== undefined);
  const prefix = place.length > 0 ? `${where.source}: ${place.join(', ')}` : where.source;
  const located = Object.fromEntries(Object.entries(where).filter(([, v]) => v !== undefined));
  return new GyreError('INVALID_PARAMETER_VALUE', `${prefix}: ${message}`, {
    details: { reason, ...located },
  });
}
