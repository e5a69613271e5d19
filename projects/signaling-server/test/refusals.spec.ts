import { PhoneSimulator } from '../src/phone/phone-simulator';
import type { RunningSignalingServer } from '../src/server/signaling-server';
import { connectTestHost } from '../src/testing/test-host';
import { eventually, httpGet, refusedUpgrade, startTestServer } from './helpers';

const HOST_QUERY = '/?channel=undefined&data=proofme:b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3';

describe('upgrade refusals', () => {
  let server: RunningSignalingServer;

  beforeEach(async () => {
    server = await startTestServer({ allowedOrigins: ['https://shop.example', 'http://localhost:*'], maxConnectionsPerIp: 2 });
  });
  afterEach(() => server.close());

  it('answers a page origin not on the list with 403 and an explanation', async () => {
    const { status, body } = await refusedUpgrade(server.url + HOST_QUERY, { origin: 'https://evil.example' });
    expect(status).toBe(403);
    expect(body).toMatch(/origin is not allowed/);
    expect(server.metrics().refusedUpgrades.origin).toBe(1);
  });

  it('accepts listed origins, any port for `:*` entries, and clients without an Origin (phones)', async () => {
    for (const origin of ['https://shop.example', 'http://localhost:4200']) {
      const host = await connectTestHost(server.url, { origin });
      await host.close();
    }
    const host = await connectTestHost(server.url);
    await host.close();
    expect(server.metrics().refusedUpgrades.origin).toBe(0);
  });

  it('answers a host without a valid data=id:|proofme:<uuid> with 400', async () => {
    for (const data of ['', 'id:nope', 'other:b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3']) {
      const { status, body } = await refusedUpgrade(`${server.url}/?channel=undefined&data=${encodeURIComponent(data)}`);
      expect(status).toBe(400);
      expect(body).toMatch(/data=id:<uuid>/);
    }
    const host = await connectTestHost(server.url, { data: 'id:505c0af1-4807-41ed-83ba-d0f0c2571815' });
    await host.close();
  });

  it('answers connections over the per-IP limit with 429, and counts closed ones back', async () => {
    const first = await connectTestHost(server.url);
    const second = await connectTestHost(server.url);
    expect((await refusedUpgrade(server.url + HOST_QUERY)).status).toBe(429);
    await expect(new PhoneSimulator(server.url, first.host.channelId).join()).rejects.toMatchObject({ code: 'PROOFME_PHONE_CONNECT_FAILED' });
    await first.close();
    await eventually(() => server.metrics().openHosts === 1);
    const third = await connectTestHost(server.url);
    await Promise.all([second.close(), third.close()]);
    expect(server.metrics().refusedConnections['ip-limit']).toBe(2);
  });
});

describe('plain HTTP', () => {
  it('serves /healthz as JSON and /metrics as Prometheus text', async () => {
    const server = await startTestServer();
    try {
      const host = await connectTestHost(server.url);
      const health = await httpGet(server, '/healthz');
      expect(health.status).toBe(200);
      expect(health.type).toMatch(/application\/json/);
      expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', openHosts: 1, waitingChannels: 1 });

      const metrics = await httpGet(server, '/metrics');
      expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
      for (const line of [
        'proofme_signal_open_hosts 1',
        'proofme_signal_open_phones 0',
        'proofme_signal_channels_created_total 1',
        'proofme_signal_results_total{outcome="success"} 0',
        'proofme_signal_rejected_frames_total{reason="binary"} 0',
        '# TYPE process_resident_memory_bytes gauge',
      ]) {
        expect(metrics.body).toContain(line);
      }
      expect((await httpGet(server, '/nope')).status).toBe(404);
      await host.close();
    } finally {
      await server.close();
    }
  });

  it('exposes prom-client process metrics and the transport refusals, from a registry per server', async () => {
    // Two servers in one process: prom-client's global registry would refuse the second set of metrics.
    const [server, other] = await Promise.all([startTestServer({ maxConnectionsPerIp: 1 }), startTestServer()]);
    try {
      const held = await connectTestHost(server.url);
      expect((await refusedUpgrade(server.url + HOST_QUERY)).status).toBe(429);
      await held.close();
      await eventually(() => server.metrics().openHosts === 0);
      const metrics = await httpGet(server, '/metrics');
      expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
      for (const line of [
        /^process_open_fds \d+$/m,
        /^process_resident_memory_bytes \d+$/m,
        /^nodejs_eventloop_lag_seconds [\d.e-]+$/m,
        /^proofme_signal_refused_connections_total\{reason="ip-limit"\} 1$/m,
        /^proofme_signal_refused_connections_total\{reason="header-timeout"\} 0$/m,
        /^proofme_signal_refused_connections_total\{reason="bad-request"\} 0$/m,
        /^proofme_signal_refused_upgrades_total\{reason="bad-request"\} 0$/m,
        /^proofme_signal_rejected_frames_total\{reason="rate-limit"\} 0$/m,
        /^proofme_signal_backpressure_closed_total 0$/m,
        /^proofme_signal_handler_errors_total 0$/m,
      ]) {
        expect(metrics.body).toMatch(line);
      }
      expect((await httpGet(other, '/metrics')).body).toMatch(/^proofme_signal_refused_connections_total\{reason="ip-limit"\} 0$/m);
    } finally {
      await Promise.all([server.close(), other.close()]);
    }
  });
});
