/** Decides whether a page's `Origin` may open a host connection. */
export type OriginPolicy = (origin: string | undefined) => boolean;

// `scheme://host[:port|:*]`, nothing after: an Origin header never has a path.
const ORIGIN_PATTERN = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?$/;

/**
 * Compiles the allowlist once, so each upgrade costs a Set lookup and, for `:*` entries, one
 * regular expression. Requests without an Origin are not from a browser (a phone, a CLI): allowed,
 * since the allowlist exists to stop other web pages, not programs.
 */
export function compileOriginPolicy(patterns: readonly string[], toError: (message: string) => Error): OriginPolicy {
  if (patterns.includes('*')) return () => true;
  const exact = new Set<string>();
  const anyPort: RegExp[] = [];
  for (const raw of patterns) {
    const pattern = raw.trim().toLowerCase();
    const match = ORIGIN_PATTERN.exec(pattern);
    if (!match) throw toError(`Not an origin pattern: "${raw}" (expected e.g. https://shop.example, http://localhost:* or *).`);
    const [, scheme, host, port] = match;
    if (port === '*') anyPort.push(new RegExp(`^${scheme}://${host.replace(/[.[\]]/g, '\\$&')}(?::\\d{1,5})?$`));
    else exact.add(new URL(pattern).origin); // folds default ports: https://a:443 is https://a
  }
  return (origin) => {
    if (origin === undefined) return true;
    const normalised = origin.toLowerCase();
    return exact.has(normalised) || anyPort.some((regex) => regex.test(normalised));
  };
}
