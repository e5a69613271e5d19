import { RestEmulation, RunningSignalingServer, SignalingServerOptions, startSignalingServer } from '../../signaling-server/src';
import { RunningDemoServer, startDemoServer } from './demo-server';
import { emulationFor } from './integrator/emulation-config';
import type { IntegratorKeys } from './integrator/integrator-keys';

/** How to run the whole flow on this machine. */
export interface LocalStackOptions {
  /** The built demo (`dist/demo-app/browser`). */
  readonly root: string;
  /** The integrator's API key and OpenPGP keys; the emulation learns the public half. */
  readonly keys: IntegratorKeys;
  /** 0 (the default) picks free ports. */
  readonly signalPort?: number;
  readonly demoPort?: number;
  /** Anything else for the signaling server (logger, limits…). */
  readonly signaling?: Partial<SignalingServerOptions>;
}

/** The signaling server (with its Proofme REST emulation) and the demo server (with its integrator backend). */
export interface LocalStack {
  /** The signaling server running now (a new one after `startSignaling()`). */
  readonly signaling: RunningSignalingServer;
  readonly demo: RunningDemoServer;
  /** Stops the signaling server: every socket drops, as when the server dies. */
  stopSignaling(): Promise<void>;
  /** Starts a signaling server again on the same port, with the same emulation. */
  startSignaling(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the local stack that `npm start`, the e2e tests and the benchmarks all run against; binds 127.0.0.1. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const signalingOptions: Partial<SignalingServerOptions> = {
    host: '127.0.0.1',
    logger: 'silent',
    // The demo's "Simulate the phone" panel sends result/leave.
    simulator: true,
    rest: emulationFor(options.keys),
    ...options.signaling,
  };
  let signaling: RunningSignalingServer | null = await startSignalingServer({ ...signalingOptions, port: options.signalPort ?? 0 });
  const port = signaling.port;
  // The demo server is started before the restart functions exist: it reaches them through this.
  const control = { restart: async (downMs: number) => restart(downMs) };
  let demo: RunningDemoServer;
  try {
    demo = await startDemoServer({
      host: '127.0.0.1',
      port: options.demoPort ?? 0,
      root: options.root,
      signalingUrl: signaling.url,
      development: true,
      integrator: { proofmeApiUrl: signaling.httpUrl, keys: options.keys },
      signalingControl: control,
    });
  } catch (error) {
    await signaling.close();
    throw error;
  }
  // The emulation's identifications outlive a restart (see startSignaling).
  let previousRest: RestEmulation | null = null;
  const stopSignaling = async () => {
    const running = signaling;
    signaling = null;
    previousRest = running?.rest ?? previousRest;
    await running?.close();
  };
  const startSignaling = async () => {
    if (signaling) return;
    const started = await startSignalingServer({ ...signalingOptions, port });
    if (previousRest && started.rest) keepIdentifications(previousRest, started.rest);
    signaling = started;
  };
  let restarting: Promise<void> | null = null;
  const restart = (downMs: number): Promise<void> => {
    // Two clicks (or two tabs) share one restart rather than racing two servers for the port.
    restarting ??= (async () => {
      try {
        await stopSignaling();
        await new Promise((done) => setTimeout(done, downMs));
        await startSignaling();
      } finally {
        restarting = null;
      }
    })();
    return restarting;
  };
  return {
    get signaling() {
      if (!signaling) throw new Error('The signaling server is stopped.');
      return signaling;
    },
    demo,
    stopSignaling,
    startSignaling,
    close: async () => {
      await restarting?.catch(() => undefined);
      await demo.close();
      await stopSignaling();
    },
  };
}

/**
 * Hands the stopped emulation's identifications to the new one. A real Proofme keeps its
 * identifications when a signaling node restarts, but the emulation holds them in memory: without
 * this, the phone panel's restart would make the demo forget the identification in the middle of
 * the flow (no webhook for its result, "does not exist" after a reload). The signaling server has
 * no option for it, so this reaches into two of the emulation's fields: the store, and who created
 * each identification (whose webhook secret signs its webhook). Development only; the clean way
 * would be a `store` option on the signaling server.
 */
function keepIdentifications(from: RestEmulation, to: RestEmulation): void {
  type Internals = { store: RestEmulation['store']; creators: WeakMap<object, unknown> };
  const source = from as unknown as Internals;
  const target = to as unknown as Internals;
  target.store = source.store;
  target.creators = source.creators;
}
