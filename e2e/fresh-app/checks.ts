// What the fresh-app check counts: named checks, stages with their timings, and the closing report.

export interface Check {
  readonly name: string;
  readonly ok: boolean;
}

const checks: Check[] = [];
const timings = new Map<string, { ms: number; ok: boolean }>();

/** Records and prints one check; returns `ok`. */
export function check(name: string, ok: boolean, detail?: string): boolean {
  checks.push({ name, ok });
  console.log(`${ok ? '  ✔' : '  ✘'} ${name}${detail ? ` (${detail})` : ''}`);
  return ok;
}

/** Thrown after a stage failed: the rest of that app's stages cannot run. */
export class StageFailed extends Error {}

/** Runs one stage of an app, timed; a failure is a failed check and ends that app's run. */
export async function stage<T>(app: string, name: string, body: () => Promise<T>): Promise<T> {
  console.log(`\n=== ${app}: ${name} ===`);
  const started = performance.now();
  try {
    const value = await body();
    timings.set(`${app}/${name}`, { ms: performance.now() - started, ok: true });
    check(`${app}: ${name}`, true);
    return value;
  } catch (error) {
    timings.set(`${app}/${name}`, { ms: performance.now() - started, ok: false });
    check(`${app}: ${name}`, false, messageOf(error));
    throw new StageFailed(messageOf(error));
  }
}

export function stageTiming(app: string, name: string): { ms: number; ok: boolean } | undefined {
  return timings.get(`${app}/${name}`);
}

export function failedChecks(): readonly Check[] {
  return checks.filter((c) => !c.ok);
}

export function checkCount(): number {
  return checks.length;
}

/** A markdown table with padded columns. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: readonly string[]): string => `| ${row.map((text, column) => text.padEnd(widths[column])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
