import { invalidParameter } from '../../core/errors/index.js';

/**
 * Reads request fields the way MLflow's server does: GET fields arrive as query-string text
 * (lists as repeated keys, `k[]=` or `k[0]=`), POST/PATCH/DELETE fields as JSON; numbers may be
 * numeric strings; unknown fields are ignored. Messages follow MLflow's wording.
 */
export class RequestFields {
  constructor(private readonly fields: Record<string, unknown>) {}

  static fromQuery(query: Record<string, unknown>): RequestFields {
    const fields: Record<string, unknown> = {};
    for (const [rawKey, value] of Object.entries(query)) {
      const key = rawKey.replace(/\[\d*\]$/, '');
      const existing: unknown = fields[key];
      const values: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
      const before: unknown[] =
        existing === undefined
          ? []
          : Array.isArray(existing)
            ? (existing as unknown[])
            : [existing];
      // One plain `k=v` stays a scalar; repeated keys and `k[]=` / `k[0]=` forms make a list.
      fields[key] =
        existing === undefined && rawKey === key && values.length === 1
          ? value
          : [...before, ...values];
    }
    return new RequestFields(fields);
  }

  static fromBody(body: unknown): RequestFields {
    return new RequestFields(
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : {},
    );
  }

  has(name: string): boolean {
    return this.fields[name] !== undefined && this.fields[name] !== null;
  }

  string(name: string): string | undefined {
    const value = this.fields[name];
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value.length === 0 ? undefined : this.scalar(name, value[0]);
    return this.scalar(name, value);
  }

  requiredString(name: string, ...alternatives: string[]): string {
    for (const field of [name, ...alternatives]) {
      const value = this.string(field);
      if (value !== undefined && value !== '') return value;
    }
    throw missing(name);
  }

  integer(name: string): number | undefined {
    const value = this.fields[name];
    if (value === undefined || value === null || value === '') return undefined;
    const number =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^-?\d+$/.test(value.trim())
          ? Number(value)
          : Number.NaN;
    if (!Number.isSafeInteger(number)) throw invalid(name, value);
    return number;
  }

  /** A double: a number, a numeric string, or "NaN" / "Infinity" / "-Infinity". */
  /** `max_results` with MLflow's default for the endpoint (0 or absent) and its upper limit. */
  maxResults(defaultValue: number, limit: number): number {
    const value = this.integer('max_results') || defaultValue;
    if (value > limit)
      throw invalidParameter(
        `Invalid value for request parameter max_results. It must be at most ${limit}, but got value ${value}`,
      );
    return value;
  }

  double(name: string): number | undefined {
    return this.has(name) ? toDouble(name, this.fields[name]) : undefined;
  }

  boolean(name: string): boolean | undefined {
    const value = this.fields[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'True') return true;
    if (value === 'false' || value === 'False') return false;
    throw invalid(name, value);
  }

  strings(name: string): string[] {
    const value = this.fields[name];
    if (value === undefined || value === null) return [];
    return (Array.isArray(value) ? value : [value]).map((item) => this.scalar(name, item));
  }

  /** A repeated message field (an array of objects). */
  objects(name: string): RequestFields[] {
    const value = this.fields[name];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw invalid(name, value);
    return value.map((item) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item))
        throw invalid(name, item);
      return new RequestFields(item as Record<string, unknown>);
    });
  }

  object(name: string): RequestFields | undefined {
    const value = this.fields[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw invalid(name, value);
    return new RequestFields(value as Record<string, unknown>);
  }

  private scalar(name: string, value: unknown): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw invalid(name, value);
  }
}

export function toDouble(name: string, value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === 'NaN') return Number.NaN;
    if (text === 'Infinity' || text === 'inf') return Infinity;
    if (text === '-Infinity' || text === '-inf') return -Infinity;
    if (text !== '' && Number.isFinite(Number(text))) return Number(text);
  }
  throw invalid(name, value);
}

export function missing(name: string) {
  return invalidParameter(
    `Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`,
  );
}

export function invalid(name: string, value: unknown) {
  const type = value === null ? 'NoneType' : Array.isArray(value) ? 'list' : typeof value;
  return invalidParameter(
    `Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied. Hint: Value was of type '${type}'. See the API docs for more information about request parameters.`,
  );
}
