// Child process: the official @proofmeid/webrtc-node@0.1.3 SignalServerV2 (from the temp install whose
// folder is argv[2]) with @koush/wrtc replaced by ./wrtc-stub.js, wired as its docs and the hosted
// IPSP-Api use it: every upgrade request goes to setupP2PConnection (origin allowed, unsigned). The
// integrator part that reacts to a data-channel message with a `result` to the host is ours (3 lines).
// Its per-connection console.log lines are silenced, as our server runs with logger 'silent'.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Module from 'node:module';
import { join } from 'node:path';

const install = process.argv[2];
const stub = join(__dirname, 'wrtc-stub.js');
const resolver = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const original = resolver._resolveFilename;
resolver._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === '@koush/wrtc' ? stub : original.call(this, request, ...rest);
};
console.log = () => undefined;

interface Connection {
  webRtcClient?: { dataChannelMessage$: { subscribe(next: () => void): void } };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SignalServerV2 } = require(join(install, 'node_modules/@proofmeid/webrtc-node')) as {
  SignalServerV2: new () => {
    wsRequest$: { subscribe(next: (request: { resourceURL: { query: Record<string, string> }; origin: string }) => void): void };
    startSignal(server: unknown): void;
    sendTo(connection: unknown, message: unknown): void;
    setupP2PConnection(...args: unknown[]): Promise<Connection>;
  };
};

const http = createServer();
http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  const server = new SignalServerV2();
  server.startSignal(http);
  server.wsRequest$.subscribe((request) => {
    const { channel, data } = request.resourceURL.query;
    const hostChannel = !channel || channel === 'undefined' ? null : channel;
    server
      .setupP2PConnection(request, false, hostChannel, true, 86_400, 'turn:127.0.0.1:3478', 'testsecret', `ws://127.0.0.1:${port}`, {}, 'identify', data, request.origin)
      .then((connection) => {
        connection.webRtcClient?.dataChannelMessage$.subscribe(() =>
          server.sendTo(connection, { type: 'result', success: true, message: 'IDENTIFICATION_SUCCESS' }),
        );
      })
      .catch((error: unknown) => console.error(error));
  });
  process.send?.({ port });
});
