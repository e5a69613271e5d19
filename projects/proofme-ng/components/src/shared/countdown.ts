/** `ms` as m:ss, rounded up to whole seconds (a countdown never shows 0:00 while time is left). */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A label with its `{time}` placeholder filled in. Plain text: the result is bound as text, never as HTML. */
export function withTime(label: string, ms: number): string {
  return label.replace('{time}', formatCountdown(ms));
}
