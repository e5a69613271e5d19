/**
 * Counts open TCP connections per client address (from accept, upgraded or not: see `ConnectionGate`);
 * addresses at zero are forgotten, so the map never grows stale.
 */
export class ConnectionsPerIp {
  private readonly open = new Map<string, number>();

  /** `limit` 0 means no limit. */
  constructor(private readonly limit: number) {}

  /** True when `ip` may open one more connection. */
  allows(ip: string): boolean {
    return this.limit === 0 || (this.open.get(ip) ?? 0) < this.limit;
  }

  /** Counts one more connection from `ip` (call once per accepted socket). */
  acquire(ip: string): void {
    this.open.set(ip, (this.open.get(ip) ?? 0) + 1);
  }

  /** Counts one connection from `ip` gone (call once, when that socket closes). */
  release(ip: string): void {
    const count = (this.open.get(ip) ?? 0) - 1;
    if (count > 0) this.open.set(ip, count);
    else this.open.delete(ip);
  }

  /** How many addresses have open connections (tests check nothing leaks). */
  get addresses(): number {
    return this.open.size;
  }
}
