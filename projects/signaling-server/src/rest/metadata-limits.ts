/**
 * Bounds on the `metadata` an identification stores: the integrator's own reference (an order
 * number, a customer id), not a document store. A value past any bound is refused with 400
 * `INVALID_BODY` and nothing is stored.
 */
export const METADATA_LIMITS = {
  /** Bytes of `JSON.stringify(metadata)` (UTF-8). */
  maxBytes: 4096,
  /** Nesting: `{"a":1}` is depth 1, `{"a":{"b":1}}` depth 2; a scalar is depth 0. */
  maxDepth: 8,
  /**
   * Values in all (objects, arrays and scalars, the root included). Byte size alone is not enough:
   * 16 KB of `[{},{},…]` is ~5,000 objects and ~350 KB of heap.
   */
  maxValues: 256,
} as const;

/** Why metadata was refused; `null` when it fits {@link METADATA_LIMITS}. Never throws, never recurses. */
export function metadataProblem(metadata: unknown): 'too-deep' | 'too-many-values' | 'too-large' | null {
  // Iterative: a recursive walk is what a 5,000-deep value is built to overflow.
  const pending: { value: unknown; depth: number }[] = [{ value: metadata, depth: 0 }];
  let values = 0;
  while (pending.length > 0) {
    const { value, depth } = pending.pop() as { value: unknown; depth: number };
    if (++values > METADATA_LIMITS.maxValues) return 'too-many-values';
    if (typeof value !== 'object' || value === null) continue;
    if (depth + 1 > METADATA_LIMITS.maxDepth) return 'too-deep';
    for (const child of Array.isArray(value) ? value : Object.values(value)) pending.push({ value: child, depth: depth + 1 });
  }
  // Only now is stringifying safe: depth and count are bounded.
  return Buffer.byteLength(JSON.stringify(metadata) ?? '') > METADATA_LIMITS.maxBytes ? 'too-large' : null;
}
