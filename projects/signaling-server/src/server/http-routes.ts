import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RestEmulation } from '../rest/rest-emulation';
import { handleRestRequest } from '../rest/rest-http';
import type { Registry } from 'prom-client';
import type { SignalingMetricsSnapshot } from './metrics';

/** Plain HTTP requests: health, metrics, the REST emulation under `/v1/` when on, and a hint for anyone who opens the URL in a browser. */
export function handleHttpRequest(
  request: IncomingMessage,
  response: ServerResponse,
  snapshot: () => SignalingMetricsSnapshot,
  rest: RestEmulation | null,
  registry: Registry,
): void {
  const path = (request.url ?? '/').split('?', 1)[0];
  if (rest && path.startsWith('/v1/')) {
    handleRestRequest(request, response, rest, path).catch(() => {
      if (!response.headersSent) reply(response, 500, 'application/json', JSON.stringify({ message: 'INTERNAL_ERROR' }));
      else response.destroy();
    });
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return reply(response, 405, 'text/plain', 'Only GET.\n');
  switch (path) {
    case '/healthz': {
      const { openHosts, openPhones, waitingChannels } = snapshot();
      return reply(response, 200, 'application/json', JSON.stringify({ status: 'ok', uptimeSeconds: Math.round(process.uptime()), openHosts, openPhones, waitingChannels }));
    }
    case '/metrics':
      registry.metrics().then(
        (body) => reply(response, 200, registry.contentType, body),
        () => reply(response, 500, 'text/plain', 'Metrics unavailable.\n'),
      );
      return;
    case '/':
      return reply(response, 426, 'text/plain', 'This is a Proofme signaling server: connect with a WebSocket.\n');
    default:
      return reply(response, 404, 'text/plain', 'Not found.\n');
  }
}

function reply(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

/** Answers an upgrade with an HTTP error and a one-line explanation (the official server sends a bare 403). */
export function refuseUpgrade(socket: Duplex, status: number, explanation: string): void {
  const body = `${explanation}\n`;
  const statusText = { 400: 'Bad Request', 403: 'Forbidden', 503: 'Service Unavailable' }[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
