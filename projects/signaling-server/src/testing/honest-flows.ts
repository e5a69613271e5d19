import { PhoneSimulator } from '../phone/phone-simulator';
import { connectTestHost } from './test-host';

/** Options of {@link runHonestFlows}. */
export interface HonestFlowOptions {
  /** Stops starting new flows once aborted (the flow in progress finishes). */
  readonly signal?: AbortSignal;
  /** Stops after this many flows, completed or failed. Default unbounded (then give `signal`). */
  readonly maxFlows?: number;
  /** Per step (host message, join, each relayed message). Default 5000 ms. */
  readonly stepTimeoutMs?: number;
}

/** What {@link runHonestFlows} saw. */
export interface HonestFlowTally {
  completed: number;
  failed: number;
  /** The first few failures' messages, for the test or bench output. */
  readonly errors: string[];
}

/**
 * One honest host+phone pair after another against `url`, as a page and the simulator do it: host
 * gets its channel, phone joins, host hears `clientconnected`, phone reports success, host gets the
 * `result`, phone leaves, host hears `disconnect` and closes. Never rejects: a flow that throws or
 * times out counts as failed. The tests and the abuse bench run it next to an attack.
 */
export async function runHonestFlows(url: string, options: HonestFlowOptions = {}): Promise<HonestFlowTally> {
  const tally: HonestFlowTally = { completed: 0, failed: 0, errors: [] };
  const timeoutMs = options.stepTimeoutMs ?? 5000;
  const maxFlows = options.maxFlows ?? Number.POSITIVE_INFINITY;
  while (!options.signal?.aborted && tally.completed + tally.failed < maxFlows) {
    try {
      await oneFlow(url, timeoutMs);
      tally.completed++;
    } catch (error) {
      tally.failed++;
      if (tally.errors.length < 5) tally.errors.push((error as Error).message);
    }
  }
  return tally;
}

async function oneFlow(url: string, timeoutMs: number): Promise<void> {
  const host = await connectTestHost(url, { timeoutMs });
  try {
    const phone = PhoneSimulator.fromDeeplink(host.deeplink, { joinTimeoutMs: timeoutMs });
    try {
      await phone.join();
      expectType(await host.next(timeoutMs), 'clientconnected');
      await phone.succeed();
      expectType(await host.next(timeoutMs), 'result');
      await phone.leave();
      expectType(await host.next(timeoutMs), 'disconnect');
    } finally {
      await within(phone.close(), timeoutMs).catch(() => undefined);
    }
  } finally {
    await within(host.close(), timeoutMs).catch(() => host.socket.terminate());
  }
}

// A server that stops answering must fail the flow, not hang it.
function within<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No close within ${timeoutMs} ms.`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function expectType(message: { readonly type: string }, type: string): void {
  if (message.type !== type) throw new Error(`Expected ${type}, got ${message.type}.`);
}
