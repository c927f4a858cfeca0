/** JSON columns are text in both dialects; null stays SQL NULL. */
export function toJsonColumn(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function fromJsonColumn(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}
