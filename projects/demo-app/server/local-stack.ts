import { RunningSignalingServer, SignalingServerOptions, startSignalingServer } from '../../signaling-server/src';
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
  let demo: RunningDemoServer;
  try {
    demo = await startDemoServer({
      host: '127.0.0.1',
      port: options.demoPort ?? 0,
      root: options.root,
      signalingUrl: signaling.url,
      development: true,
      integrator: { proofmeApiUrl: signaling.httpUrl, keys: options.keys },
    });
  } catch (error) {
    await signaling.close();
    throw error;
  }
  const stopSignaling = async () => {
    const running = signaling;
    signaling = null;
    await running?.close();
  };
  return {
    get signaling() {
      if (!signaling) throw new Error('The signaling server is stopped.');
      return signaling;
    },
    demo,
    stopSignaling,
    startSignaling: async () => {
      signaling ??= await startSignalingServer({ ...signalingOptions, port });
    },
    close: async () => {
      await demo.close();
      await stopSignaling();
    },
  };
}
