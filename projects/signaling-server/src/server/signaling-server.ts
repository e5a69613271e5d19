import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Registry } from 'prom-client';
import WebSocket, { WebSocketServer } from 'ws';
import { isLoopbackHost } from 'proofme-ng/protocol';
import { ChannelRegistry } from './channel-registry';
import { CLOSE } from './close-codes';
import { ConnectionGate } from './connection-gate';
import { ConnectionsPerIp } from './connections-per-ip';
import { admit } from './admission';
import { handleHttpRequest, refuseUpgrade } from './http-routes';
import { createLogger } from './logger';
import { createCounters, createMetricsRegistry, SignalingMetricsSnapshot, snapshotCounters } from './metrics';
import { resolveSignalingOptions, SignalingConfigError, SignalingServerOptions } from './options';
import { SignalingContext, SignalingSocket } from './signaling-socket';
import { acceptConnection } from './socket-events';
import { RestEmulation } from '../rest/rest-emulation';
import { startSweeper } from './sweeper';

/** A listening server. */
export interface RunningSignalingServer {
  /** Where to connect on this machine, e.g. `ws://127.0.0.1:8787`. */
  readonly url: string;
  readonly port: number;
  /** The `signalServer` hosts are told (and put into their QR codes). */
  readonly publicUrl: string;
  /** The same port over HTTP, e.g. `http://127.0.0.1:8787`: health, metrics and the REST emulation (`<httpUrl>/v1/…`). */
  readonly httpUrl: string;
  /** True in simulator mode: phones may send `result` and `leave` (see `SignalingServerOptions.simulator`). */
  readonly simulator: boolean;
  /** The REST emulation (its store, pending webhooks), or null when `rest: false`. */
  readonly rest: RestEmulation | null;
  /** The counters as they are now. */
  metrics(): SignalingMetricsSnapshot;
  /** The prom-client registry behind `GET /metrics` (this server's own, not prom-client's global one). */
  readonly registry: Registry;
  /** TCP connections accepted but not yet upgraded or answered (waiting for headers, or refused and closing). */
  pendingConnections(): number;
  /** Stops accepting, closes every socket with 1001, and resolves when all are gone. Idempotent. */
  close(): Promise<void>;
}

/** Sockets that ignore the closing handshake this long are cut. */
const SHUTDOWN_GRACE_MS = 3000;

/** Starts a Proofme-V2-compatible signaling server. Rejects with {@link SignalingConfigError} on bad options. */
export async function startSignalingServer(options: Partial<SignalingServerOptions> = {}): Promise<RunningSignalingServer> {
  const resolved = resolveSignalingOptions(options);
  const logger = createLogger(resolved.logger);
  const rest = resolved.rest ? await RestEmulation.create(resolved.rest, logger.child({ component: 'rest' }), (message) => new SignalingConfigError(message)) : null;
  const context: SignalingContext = {
    options: resolved,
    registry: new ChannelRegistry(),
    counters: createCounters(),
    connectionsPerIp: new ConnectionsPerIp(resolved.maxConnectionsPerIp),
    logger,
    signalServer: '',
    identifications: rest,
  };
  const snapshot = (): SignalingMetricsSnapshot => snapshotCounters(context.counters, context.registry.size);
  const registry = createMetricsRegistry(snapshot);
  const gate = new ConnectionGate(context.connectionsPerIp, context.counters, logger, resolved.headersTimeoutMs);
  // No compression: frames are tiny and permessage-deflate costs ~300 KB of zlib state per socket.
  const wss = new WebSocketServer({ noServer: true, maxPayload: resolved.maxPayload, perMessageDeflate: false, WebSocket: SignalingSocket });
  const http = createServer(
    {
      headersTimeout: resolved.headersTimeoutMs,
      requestTimeout: resolved.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(resolved.headersTimeoutMs / 4))),
    },
    (request: IncomingMessage, response: ServerResponse) => {
      try {
        if (!gate.headersArrived(request.socket)) return;
        handleHttpRequest(request, response, snapshot, rest, registry);
      } catch (error) {
        handlerFailed('request', error, request.socket);
      }
    },
  );
  let shuttingDown = false;

  // Everything below runs on client input: an exception must cost at most that one connection.
  const handlerFailed = (handler: string, error: unknown, socket: Duplex): void => {
    context.counters.handlerErrors++;
    logger.error({ handler, err: error }, 'handler failed; connection cut');
    socket.destroy();
  };
  http.on('connection', (socket: Socket) => {
    try {
      gate.accept(socket);
    } catch (error) {
      handlerFailed('connection', error, socket);
    }
  });
  http.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    try {
      gate.clientError(error, socket);
    } catch (failure) {
      handlerFailed('clientError', failure, socket);
    }
  });
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      socket.on('error', destroyOnError);
      if (!gate.headersArrived(socket)) return;
      const admission = admit(request, context, shuttingDown);
      if (!admission.ok) {
        context.counters.refusedUpgrades[admission.reason]++;
        logger.info({ ip: request.socket.remoteAddress, origin: request.headers.origin, reason: admission.reason }, 'upgrade refused');
        refuseUpgrade(socket, admission.status, admission.explanation);
        gate.answered(socket);
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        try {
          acceptConnection(ws as SignalingSocket, context, admission.ip, admission.who);
        } catch (error) {
          handlerFailed('accept', error, socket);
        }
      });
    } catch (error) {
      handlerFailed('upgrade', error, socket);
    }
  });

  const port = await listen(http, resolved.host, resolved.port);
  const localHost = resolved.host === '0.0.0.0' ? '127.0.0.1' : resolved.host === '::' ? '::1' : resolved.host;
  const authority = `${localHost.includes(':') ? `[${localHost}]` : localHost}:${port}`;
  const url = `ws://${authority}`;
  context.signalServer = resolved.publicUrl ?? url;
  warnAboutPublicUrl(context);
  const stopSweeper = startSweeper(context, wss.clients, gate);
  logger.info({ url, publicUrl: context.signalServer, port, mode: resolved.simulator ? 'simulator' : 'production' }, 'listening');

  let closing: Promise<void> | undefined;
  const shutdown = async (): Promise<void> => {
    shuttingDown = true;
    stopSweeper();
    rest?.close();
    const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
    await closeAll(wss.clients);
    http.closeAllConnections();
    await httpClosed;
    context.registry.clear();
    wss.close();
    logger.info('stopped');
  };
  return {
    url,
    port,
    publicUrl: context.signalServer,
    httpUrl: `http://${authority}`,
    simulator: resolved.simulator,
    rest,
    metrics: snapshot,
    registry,
    pendingConnections: () => gate.pending,
    close: () => (closing ??= shutdown()),
  };
}

function destroyOnError(this: Duplex): void {
  this.destroy();
}

function listen(http: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http.once('error', (error: NodeJS.ErrnoException) => reject(new SignalingConfigError(`Cannot listen on ${host}:${port}: ${error.code ?? error.message}.`)));
    http.listen(port, host, () => {
      const address = http.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

async function closeAll(clients: ReadonlySet<WebSocket>): Promise<void> {
  const closed = [...clients].map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
  for (const ws of clients) ws.close(CLOSE.goingAway, 'Server shutting down');
  const stragglers = setTimeout(() => clients.forEach((ws) => ws.terminate()), SHUTDOWN_GRACE_MS);
  await Promise.all(closed);
  clearTimeout(stragglers);
}

// The proofme-ng library refuses an unencrypted signalServer unless it is loopback: say so at start.
function warnAboutPublicUrl(context: SignalingContext): void {
  const advertised = new URL(context.signalServer);
  if (advertised.protocol === 'ws:' && !isLoopbackHost(advertised.hostname)) {
    context.logger.warn({ publicUrl: context.signalServer }, 'publicUrl is ws: on a non-loopback host: browsers and the proofme-ng library will refuse it; put a TLS proxy in front and advertise wss:');
  }
}
