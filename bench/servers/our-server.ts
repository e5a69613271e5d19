// Child process: our signaling server, as the side-by-side load bench runs it (silent, no per-IP limit).
import { startSignalingServer } from '../../projects/signaling-server/src';

startSignalingServer({ host: '127.0.0.1', port: 0, logger: 'silent', simulator: true, maxConnectionsPerIp: 0 }).then(
  (server) => {
    process.send?.({ port: server.port });
    process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
