// The preflight's probe becomes the session's connection, over real sockets against our signaling
// server: one WebSocket handshake and one channel per identification, not two. The REST reads are
// answered by a stand-in ProofmeApi the test releases by hand (REST is not what is under test here).
import { EnvironmentInjector, Injector, PLATFORM_ID, createEnvironmentInjector } from '@angular/core';
import { Subject, filter, firstValueFrom, map } from 'rxjs';
import WebSocket from 'ws';
import { PROOFME_LOGGER, ProofmeApi, ProofmePreflightReport, ProofmeService, WebSocketConstructor, provideProofme, withPreflight, withWebSocket } from 'proofme-ng';
import { RunningSignalingServer, startSignalingServer } from '../../../signaling-server/src';

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';
const ORG = 'd0c5e3a4-2f1b-4c7e-9a8d-6b5e4f3a2c1d';

/** Waits (boundedly) for the server's view to catch up with the page's. */
async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return check();
}

describe('preflight hand-over against the proofme-ng signaling server', () => {
  let server: RunningSignalingServer;
  let injector: EnvironmentInjector;
  let handshakes: number;
  let myPage: Subject<void>;
  let identificationStatus: Subject<string>;
  const api = {
    getMyPageConfig: () => myPage.pipe(map(() => ({ organisationId: ORG, domain: 'http://localhost' }))),
    getIdentification: () => identificationStatus.pipe(map((status) => ({ id: ID, organisationId: ORG, proofmeId: 'p', status }))),
  };
  const answer = (status: string) => {
    myPage.next();
    myPage.complete();
    identificationStatus.next(status);
    identificationStatus.complete();
  };

  beforeEach(async () => {
    server = await startSignalingServer({ host: '127.0.0.1', port: 0, logger: 'silent', simulator: true });
    handshakes = 0;
    myPage = new Subject();
    identificationStatus = new Subject();
    // Counts every socket the page opens: the handshakes, as the server would see them.
    const Counted = class extends WebSocket {
      constructor(url: string) {
        super(url);
        handshakes++;
      }
    };
    injector = createEnvironmentInjector(
      [
        { provide: PLATFORM_ID, useValue: 'browser' },
        { provide: PROOFME_LOGGER, useValue: { warn: () => undefined } },
        provideProofme({ signalingUrl: server.url }, withWebSocket(Counted as unknown as WebSocketConstructor), withPreflight()),
        // After withPreflight(), which provides the real one.
        { provide: ProofmeApi, useValue: api },
      ],
      Injector.NULL as EnvironmentInjector,
    );
  });
  afterEach(async () => {
    injector.destroy();
    await server.close();
  });

  async function passPreflight(): Promise<ProofmePreflightReport> {
    const report = firstValueFrom(injector.get(ProofmeService).preflight({ identificationId: ID }));
    // Answered only once the probe has its channel on the server: the socket did not wait for REST.
    expect(await eventually(() => server.metrics().channelsCreated === 1)).toBe(true);
    answer('PENDING');
    return report;
  }

  it('opens one connection and one channel for preflight + session', async () => {
    expect((await passPreflight()).ok).toBe(true);
    const session = injector.get(ProofmeService).connect({ identificationId: ID });
    const ready = await firstValueFrom(session.state$.pipe(filter((state) => state.status === 'ready')));
    expect(ready.status).toBe('ready');
    expect(handshakes).toBe(1);
    expect(server.metrics().channelsCreated).toBe(1);
    expect(server.metrics().openHosts).toBe(1);
    session.close();
    expect(await eventually(() => server.metrics().openHosts === 0)).toBe(true);
  });

  it('closes the probe on the server when the report fails', async () => {
    const report = firstValueFrom(injector.get(ProofmeService).preflight({ identificationId: ID }));
    expect(await eventually(() => server.metrics().openHosts === 1)).toBe(true);
    answer('SUCCESS');
    expect((await report).ok).toBe(false);
    expect(await eventually(() => server.metrics().openHosts === 0)).toBe(true);
  });
});
