/**
 * `ms` as people read a countdown: whole minutes ("10 min") while more than a minute is left, m:ss
 * in the last minute. Rounded up, so it never shows 0:00 while time is left. This matches the steps
 * in which `ProofmeSession.expiresInMs` changes.
 */
export function formatCountdown(ms: number): string {
  if (ms > 60_000) return `${Math.ceil(ms / 60_000)} min`;
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A label with its `{time}` placeholder filled in. Plain text: the result is bound as text, never as HTML. */
export function withTime(label: string, ms: number): string {
  return label.replace('{time}', formatCountdown(ms));
}
