// Signaling server load, side by side: our server and the official @proofmeid/webrtc-node@0.1.3
// SignalServerV2 (temp install, --ignore-scripts, @koush/wrtc stubbed: bench/servers/wrtc-stub.js),
// each in its own child process, driven by the same client code over plain `ws` sockets.
//
//   npx tsx bench/server-side-by-side.ts [--pairs 1000] [--batch 100]
//
// Every pair runs the whole flow, all pairs concurrently connected:
//   host connects → `host` (time-to-host) · phone joins `?channel=` → `client`, host gets `clientconnected`
//   · phone reports the outcome → host gets `result` (relay latency) · phone leaves → host gets `disconnect`.
// Where the protocols differ the driver speaks each server's own way: on ours the phone's join makes
// `clientconnected` and it sends the simulator's {type:'result'} and {type:'leave'} frames; on the
// official one the phone sends an `offer` (the stub opens the "data channel") and the outcome and the
// leaving travel as bench-only ICE candidates standing in for the data channel. RSS and CPU come from
// /proc/<pid> of each server process. Everything it starts is stopped by pid.
import { ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { median, ms, percentile, printTable, ratio, stopByPid } from './lib/measure';
import { npmInstall } from './lib/scratch';

type Flavour = 'ours' | 'official';

interface Usage {
  rss: number;
  cpuSeconds: number;
}

function usage(pid: number): Usage {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rss: rssKb * 1024, cpuSeconds: ticks / 100 };
}

class Inbox {
  private readonly queue: Record<string, unknown>[] = [];
  private waiter: ((message: Record<string, unknown>) => void) | null = null;
  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(String(data)) as Record<string, unknown>;
      } catch {
        return;
      }
      if (message['type'] === 'candidate' || message['type'] === 'answer' || message['type'] === 'pong') return;
      if (this.waiter) {
        const waiter = this.waiter;
        this.waiter = null;
        waiter(message);
      } else this.queue.push(message);
    });
  }
  next(timeoutMs = 30_000): Promise<Record<string, unknown>> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a frame')), timeoutMs);
      this.waiter = (message) => {
        clearTimeout(timer);
        resolve(message);
      };
    });
  }
}

function open(url: string, localAddress?: string): Promise<Inbox> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { origin: 'http://127.0.0.1', localAddress });
    const inbox = new Inbox(socket);
    socket.once('open', () => resolve(inbox));
    socket.once('error', reject);
  });
}

const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function inBatches(count: number, size: number, work: (i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < count; i += size) await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, k) => work(i + k)));
}

function startServer(flavour: Flavour, officialDir: string): Promise<{ child: ChildProcess; port: number }> {
  const script = join(__dirname, 'servers', flavour === 'ours' ? 'our-server.ts' : 'official-server.ts');
  const child = fork(script, flavour === 'official' ? [officialDir] : [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve({ child, port: message.port }));
    child.once('exit', (code) => reject(new Error(`${flavour} server exited (${code}) before listening`)));
  });
}

interface FlavourResult {
  flavour: Flavour;
  pairs: number;
  timeToHost: number[];
  joinToConnected: number[];
  relay: number[];
  rssPerPair: number;
  baseRss: number;
  peakRss: number;
  cpuPerFlow: number;
  failures: number;
  seconds: number;
}

async function runFlavour(flavour: Flavour, pairs: number, batch: number, officialDir: string): Promise<FlavourResult> {
  const { child, port } = await startServer(flavour, officialDir);
  const url = `ws://127.0.0.1:${port}`;
  const hosts: Inbox[] = [];
  const phones: Inbox[] = [];
  const channels: string[] = [];
  const timeToHost: number[] = [];
  const joinToConnected: number[] = [];
  const relay: number[] = [];
  let failures = 0;
  const started = process.hrtime.bigint();
  try {
    await new Promise((r) => setTimeout(r, 300));
    const base = usage(child.pid as number);
    await inBatches(pairs, batch, async (i) => {
      const start = process.hrtime.bigint();
      hosts[i] = await open(`${url}/?channel=undefined&data=id:${crypto.randomUUID()}`);
      const host = await hosts[i].next();
      timeToHost.push(elapsed(start));
      if (host['type'] !== 'host') failures++;
      channels[i] = String(host['channelId']);
    });
    await inBatches(pairs, batch, async (i) => {
      const start = process.hrtime.bigint();
      // Phones from another loopback address, as bench/signaling-load.ts does (ephemeral ports).
      phones[i] = await open(`${url}/?channel=${channels[i]}`, '127.0.0.2');
      if ((await phones[i].next())['type'] !== 'client') failures++;
      if (flavour === 'official') phones[i].socket.send(JSON.stringify({ type: 'offer', offer: { type: 'offer', sdp: '' } }));
      if ((await hosts[i].next())['type'] !== 'clientconnected') failures++;
      joinToConnected.push(elapsed(start));
    });
    const peak = usage(child.pid as number);
    await inBatches(pairs, Math.max(1, Math.floor(batch / 2)), async (i) => {
      const start = process.hrtime.bigint();
      const relayed = hosts[i].next();
      phones[i].socket.send(
        JSON.stringify(
          flavour === 'ours' ? { type: 'result', success: true, message: 'IDENTIFICATION_SUCCESS' } : { type: 'candidate', candidate: { bench: 'result' } },
        ),
      );
      const message = await relayed;
      relay.push(elapsed(start));
      if (message['type'] !== 'result') failures++;
    });
    await inBatches(pairs, batch, async (i) => {
      const gone = hosts[i].next();
      phones[i].socket.send(JSON.stringify(flavour === 'ours' ? { type: 'leave' } : { type: 'candidate', candidate: { bench: 'leave' } }));
      const message = await gone.catch(() => ({ type: 'timeout' }));
      // Ours retires the channel after `result`: the host may be closed instead of told `disconnect`.
      if (message['type'] !== 'disconnect' && flavour === 'official') failures++;
      phones[i].socket.close();
      hosts[i].socket.close();
    });
    const after = usage(child.pid as number);
    return {
      flavour,
      pairs,
      timeToHost,
      joinToConnected,
      relay,
      baseRss: base.rss,
      peakRss: peak.rss,
      rssPerPair: (peak.rss - base.rss) / pairs,
      cpuPerFlow: ((after.cpuSeconds - base.cpuSeconds) * 1000) / pairs,
      failures,
      seconds: elapsed(started) / 1000,
    };
  } finally {
    for (const inbox of [...hosts, ...phones]) inbox?.socket.terminate();
    await stopByPid(child);
  }
}

export interface SideBySideResult {
  readonly results: FlavourResult[];
  readonly tables: string[];
}

export async function serverSideBySide(options: { pairs?: number; batch?: number } = {}): Promise<SideBySideResult> {
  const pairs = Math.max(1, Math.min(options.pairs ?? 1000, 9000));
  const batch = Math.max(1, options.batch ?? 100);
  const official = await npmInstall('official-node', ['@proofmeid/webrtc-node@0.1.3']);
  const results = [await runFlavour('ours', pairs, batch, official.dir), await runFlavour('official', pairs, batch, official.dir)];
  const [a, b] = results;
  const p = (xs: number[], q: number) => ms(percentile(xs, q));
  const tables = [
    printTable(
      `3b. Side by side: ${pairs} concurrent pairs, same client driver (batches of ${batch}), each server in its own process`,
      ['figure', 'ours', 'official SignalServerV2 (wrtc stubbed)', 'official ÷ ours'],
      [
        ['time-to-host p50 / p99', `${p(a.timeToHost, 50)} / ${p(a.timeToHost, 99)}`, `${p(b.timeToHost, 50)} / ${p(b.timeToHost, 99)}`, ratio(median(b.timeToHost), median(a.timeToHost))],
        ['phone join → host clientconnected p50 / p99', `${p(a.joinToConnected, 50)} / ${p(a.joinToConnected, 99)}`, `${p(b.joinToConnected, 50)} / ${p(b.joinToConnected, 99)}`, ratio(median(b.joinToConnected), median(a.joinToConnected))],
        ['result relay p50 / p99', `${p(a.relay, 50)} / ${p(a.relay, 99)}`, `${p(b.relay, 50)} / ${p(b.relay, 99)}`, ratio(median(b.relay), median(a.relay))],
        ['server RSS idle / at peak', `${(a.baseRss / 2 ** 20).toFixed(1)} / ${(a.peakRss / 2 ** 20).toFixed(1)} MiB`, `${(b.baseRss / 2 ** 20).toFixed(1)} / ${(b.peakRss / 2 ** 20).toFixed(1)} MiB`, ratio(b.peakRss, a.peakRss)],
        ['server RSS per pair', `${(a.rssPerPair / 1024).toFixed(1)} KiB`, `${(b.rssPerPair / 1024).toFixed(1)} KiB`, ratio(b.rssPerPair, a.rssPerPair)],
        ['server CPU per completed flow', ms(a.cpuPerFlow), ms(b.cpuPerFlow), ratio(b.cpuPerFlow, a.cpuPerFlow)],
        ['wall time / failures', `${a.seconds.toFixed(1)} s / ${a.failures}`, `${b.seconds.toFixed(1)} s / ${b.failures}`, ''],
      ],
    ),
  ];
  return { results, tables };
}

if (require.main === module) {
  const { values } = parseArgs({ options: { pairs: { type: 'string', default: '1000' }, batch: { type: 'string', default: '100' } } });
  serverSideBySide({ pairs: Number(values.pairs), batch: Number(values.batch) }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
