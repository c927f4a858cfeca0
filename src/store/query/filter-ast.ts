/** The typed form of a search filter such as `metrics.acc > 0.9 and (tags.team = 'x' or params.lr IN ('0.1'))`. */

export type Entity = 'metric' | 'param' | 'tag' | 'attribute';

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE';

export type FilterValue = string | number;

export interface Comparison {
  kind: 'compare';
  entity: Entity;
  /** Metric/param/tag key, or the canonical attribute name. */
  key: string;
  op: CompareOp;
  value: FilterValue;
}

export interface InList {
  kind: 'in';
  entity: Entity;
  key: string;
  negated: boolean;
  values: FilterValue[];
}

export interface NullCheck {
  kind: 'null';
  entity: Entity;
  key: string;
  /** `IS NOT NULL`: the key is present. */
  negated: boolean;
}

export interface Junction {
  kind: 'and' | 'or';
  items: FilterNode[];
}

export type FilterNode = Comparison | InList | NullCheck | Junction;

export interface OrderTerm {
  entity: Entity;
  key: string;
  descending: boolean;
}
