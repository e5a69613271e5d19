// Shared helpers for the benchmarks: byte sizes, percentiles, tables, machine facts, processes.
// Benchmarks print figures; nothing here asserts a time.
import type { SpawnOptions } from 'node:child_process';
import { runQuiet, stopByPid } from '../../tools/processes';
import { readdirSync, lstatSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The repository root (bench/lib/..). */
export const ROOT = join(__dirname, '..', '..');

/** Bytes of `code` as shipped: raw, gzip -9 and brotli -11 (what a CDN would serve). */
export interface Bytes {
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

export function bytesOf(code: string | Buffer): Bytes {
  const buffer = typeof code === 'string' ? Buffer.from(code) : code;
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export function addBytes(a: Bytes, b: Bytes): Bytes {
  return { raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli };
}

export const ZERO_BYTES: Bytes = { raw: 0, gzip: 0, brotli: 0 };

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;
export const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
export const ms = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
export const ratio = (a: number, b: number): string => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(1)}×` : 'n/a');

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Prints a Markdown table (also readable in a terminal) and returns it for BENCHMARKS.md. */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  const text = [`\n### ${title}\n`, line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
  console.log(text);
  return text;
}

/** nproc, memory and the load average, for the record: the machine is shared and noisy. */
export function machine(): string {
  const [one, five, fifteen] = loadavg().map((n) => n.toFixed(2));
  return `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${mb(totalmem())} RAM (${mb(freemem())} free), load average ${one} / ${five} / ${fifteen}, Node ${process.version}`;
}

/** Total bytes of the regular files under `dir` (symlinks are not followed). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.isFile()) total += lstatSync(path).size;
  }
  return total;
}

/** Runs a command to completion (cwd: the repository root unless given); rejects with its output on a non-zero exit. */
export function run(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<string> {
  return runQuiet(command, args, { ...options, cwd: options.cwd ?? ROOT });
}

// One copy of the process helpers, shared with e2e/fresh-app.
export { stopByPid };
