import { TestBed } from '@angular/core/testing';
import { ProofmeTestingController, provideProofmeTesting } from 'proofme-ng/testing';
import { Subject } from 'rxjs';
import { ProofmeOptions } from '../config/proofme-config';
import { provideProofme } from './provide-proofme';
import { PROOFME_ONLINE } from '../config/network-online';
import { PROOFME_PAGE_VISIBLE } from '../config/page-visible';
import { TestProofmeConnection } from 'proofme-ng/testing';
import { ProofmeService } from './proofme.service';

// ProofmeSession running the machine's effects against the testing kit's sockets and Jest's timers:
// what the transition tables cannot show by themselves.

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';
const OTHER_CHANNEL = 'b755d288-dc1d-4a5e-91f5-a81a092c7ea6';

function setUp(options: ProofmeOptions) {
  const online = new Subject<boolean>();
  const visible = new Subject<boolean>();
  TestBed.configureTestingModule({
    providers: [
      provideProofme(options),
      provideProofmeTesting(),
      { provide: PROOFME_ONLINE, useValue: online },
      { provide: PROOFME_PAGE_VISIBLE, useValue: visible },
    ],
  });
  return { service: TestBed.inject(ProofmeService), server: TestBed.inject(ProofmeTestingController), online, visible };
}

/** Accepts `connection` and gives it `channelId`, expiring at `expiresAt` (our server's extension). */
function hostExpiring(connection: TestProofmeConnection, channelId: string, expiresAt: number): TestProofmeConnection {
  return connection.open().send({ type: 'host', success: true, channelId, signalServer: 'wss://api.proofme.id', expiresAt });
}

const THIRD_CHANNEL = 'c2d6f1a0-3b4e-4c5d-8e9f-0a1b2c3d4e5f';

beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  jest.clearAllTimers();
  jest.useRealTimers();
});

describe('ProofmeSession effects', () => {
  it('stops the connect timeout when the channel comes: no timer runs while ready without pings', () => {
    const { service, server } = setUp({ connectTimeoutMs: 5000, pingIntervalMs: 0 });
    const session = service.connect({ identificationId: ID });
    expect(jest.getTimerCount()).toBe(1);
    server.expectHost();
    expect(session.state().status).toBe('ready');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('does not let a socket that refresh() replaced reach the session', () => {
    const { service, server } = setUp({});
    const session = service.connect({ identificationId: ID });
    const first = server.expectHost();
    session.refresh();
    first.close(4408, 'channel expired');
    expect(session.state()).toEqual({ status: 'connecting' });
    server.expectHost(undefined, OTHER_CHANNEL);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'ready', channelId: OTHER_CHANNEL }));
  });

  it('rotates before expiry on a second socket: ready → ready, the old socket open until the new channel came', () => {
    const { service, server } = setUp({ pingIntervalMs: 0, rotateBeforeExpiryMs: 15_000 });
    const session = service.connect({ identificationId: ID });
    const first = hostExpiring(server.expectConnection(), OTHER_CHANNEL, Date.now() + 60_000);
    const seen: string[] = [];
    session.state$.subscribe((state) => seen.push(state.status));
    expect(session.expiresInMs()).toBe(60_000);

    jest.advanceTimersByTime(45_000);
    expect(session.expiresInMs()).toBe(15_000);
    const second = server.expectConnection();
    expect(first.isOpen).toBe(true);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'ready', channelId: OTHER_CHANNEL }));

    hostExpiring(second, THIRD_CHANNEL, Date.now() + 60_000);
    expect(first.isOpen).toBe(false);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'ready', channelId: THIRD_CHANNEL }));
    expect(seen).toEqual(['ready', 'ready']);
    expect(session.expiresInMs()).toBe(60_000);
    session.close();
    expect(session.expiresInMs()).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('counts a long channel down in whole minutes, and only its last minute in seconds', () => {
    const { service, server } = setUp({ pingIntervalMs: 0, rotateBeforeExpiryMs: 15_000 });
    const session = service.connect({ identificationId: ID });
    hostExpiring(server.expectConnection(), OTHER_CHANNEL, Date.now() + 600_000);
    const shown: (number | null)[] = [];
    const record = () => shown[shown.length - 1] !== session.expiresInMs() && shown.push(session.expiresInMs());
    record();
    // Every second for the first nine minutes: the value changes once a minute, not once a second.
    for (let second = 1; second <= 540; second++) {
      jest.advanceTimersByTime(1000);
      record();
    }
    expect(shown).toEqual([600_000, 540_000, 480_000, 420_000, 360_000, 300_000, 240_000, 180_000, 120_000, 60_000]);
    jest.advanceTimersByTime(1000);
    expect(session.expiresInMs()).toBe(59_000);
    jest.advanceTimersByTime(500);
    expect(session.expiresInMs()).toBe(59_000);
    jest.advanceTimersByTime(500);
    expect(session.expiresInMs()).toBe(58_000);
    session.close();
  });

  it('pauses rotation while hidden and rotates when shown again', () => {
    const { service, server, visible } = setUp({ pingIntervalMs: 0, rotateBeforeExpiryMs: 15_000 });
    const session = service.connect({ identificationId: ID });
    visible.next(true);
    hostExpiring(server.expectConnection(), OTHER_CHANNEL, Date.now() + 60_000);
    visible.next(false);
    jest.advanceTimersByTime(50_000);
    expect(server.openConnectionCount).toBe(1);
    visible.next(true);
    hostExpiring(server.expectConnection(), THIRD_CHANNEL, Date.now() + 60_000);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'ready', channelId: THIRD_CHANNEL }));
    expect(server.openConnectionCount).toBe(1);
  });

  it('goes offline on the offline event and reconnects at once on online, skipping the backoff', () => {
    const { service, server, online } = setUp({});
    const session = service.connect({ identificationId: ID });
    online.next(true);
    const first = server.expectHost();
    online.next(false);
    expect(session.state()).toEqual({ status: 'offline' });
    expect(first.isOpen).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
    online.next(true);
    expect(session.state()).toEqual({ status: 'connecting' });
    server.expectHost(undefined, OTHER_CHANNEL);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'ready', channelId: OTHER_CHANNEL }));
  });

  it('finds a black-holed socket within ping interval + pong timeout once the server has answered a ping', () => {
    const { service, server } = setUp({});
    const session = service.connect({ identificationId: ID });
    const connection = server.expectHost();
    jest.advanceTimersByTime(20_000);
    connection.pong();
    // From here the server goes silent without closing.
    jest.advanceTimersByTime(20_000 + 10_000 - 1);
    expect(session.state().status).toBe('ready');
    jest.advanceTimersByTime(1);
    expect(session.state().status).toBe('reconnecting');
  });

  it('never drops a server that does not answer pings', () => {
    const { service, server } = setUp({});
    const session = service.connect({ identificationId: ID });
    server.expectHost();
    jest.advanceTimersByTime(10 * 60_000);
    expect(session.state().status).toBe('ready');
  });
});
