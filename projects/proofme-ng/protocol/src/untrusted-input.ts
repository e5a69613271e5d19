// Readers for values that came over the network: they never throw, and never reach anything a
// value merely inherits (`constructor`, `__proto__`, prototype methods).

/** Internal (`ɵobjectFields`): a JSON object's fields, or null for anything that is not a plain object. */
export function objectFields(value: unknown): Readonly<Record<string, unknown>> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Readonly<Record<string, unknown>>) : null;
}

/** Internal (`ɵownField`): an own property of `fields`; undefined for a missing or merely inherited one. */
export function ownField(fields: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(fields, key) ? (fields as Readonly<Record<string, unknown>>)[key] : undefined;
}

/** Internal (`ɵparseUrl`): `value` as a URL, or null when it is not a string of a sane length that parses as one. */
export function parseUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
