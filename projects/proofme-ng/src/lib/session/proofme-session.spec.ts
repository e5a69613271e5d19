import { Component, DestroyRef, EnvironmentInjector, Injector, PLATFORM_ID, createEnvironmentInjector, effect, inject, runInInjectionContext, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ProofmeTestingController, TEST_CHANNEL_ID, provideProofmeTesting } from 'proofme-ng/testing';
import { ProofmeOptions } from '../config/proofme-config';
import { PROOFME_LOGGER } from '../config/tokens';
import { ProtocolError } from 'proofme-ng/protocol';
import { provideProofme } from './provide-proofme';
import * as publicApi from 'proofme-ng';
import { expectProofmeError, thrownBy } from '../../../test/proofme-error-matchers';
import { ProofmeSession } from './proofme-session';
import { ProofmeService } from './proofme.service';
import { ProofmeResult, ProofmeState } from './proofme-state';

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';
const OTHER_CHANNEL = 'b755d288-dc1d-4a5e-91f5-a81a092c7ea6';
const DOCS_DEEPLINK = `https://proofme.id/app?p=${TEST_CHANNEL_ID}:wss%3A%2F%2Fapi.proofme.id`;

// No jitter, so delays are exact: 1 s, 2 s, 4 s…
const noJitter: ProofmeOptions = { reconnect: { jitter: 0, initialDelayMs: 1000, maxAttempts: 3 } };

function setUp(options: ProofmeOptions = {}, platform = 'browser') {
  const warn = jest.fn();
  TestBed.configureTestingModule({
    providers: [
      provideProofme({ ...noJitter, ...options, reconnect: { ...noJitter.reconnect, ...options.reconnect } }),
      provideProofmeTesting(),
      { provide: PROOFME_LOGGER, useValue: { warn } },
      { provide: PLATFORM_ID, useValue: platform },
    ],
  });
  return { service: TestBed.inject(ProofmeService), server: TestBed.inject(ProofmeTestingController), warn };
}

function record(session: { state$: import('rxjs').Observable<ProofmeState> }): ProofmeState['status'][] {
  const seen: ProofmeState['status'][] = [];
  session.state$.subscribe((state) => seen.push(state.status));
  return seen;
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  jest.clearAllTimers();
  jest.useRealTimers();
});

describe('ProofmeService.connect() inside an effect', () => {
  it('opens one connection: the effect does not track the new session\'s signals (no reconnect storm)', () => {
    const { service, server } = setUp();
    const id = signal(ID);
    const sessions: ProofmeSession[] = [];
    TestBed.runInInjectionContext(() =>
      effect((onCleanup) => {
        const session = service.connect({ identificationId: id() }, { destroyRef: TestBed.inject(DestroyRef) });
        sessions.push(session);
        // A status the effect reads after connecting is its own business: connect() must add no dependency.
        onCleanup(() => session.close());
      }),
    );
    TestBed.tick();
    server.expectConnection({ identificationId: ID }).host();
    TestBed.tick();
    server.phoneConnected();
    TestBed.tick();
    expect(sessions).toHaveLength(1);
    expect(sessions[0].state().status).toBe('scanned');
  });
});

describe('ProofmeSession', () => {
  it('connects as a host for the identification and shows the channel once the server hosts it', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: ID });
    expect(session.state()).toEqual({ status: 'connecting' });

    const connection = server.expectConnection({ identificationId: ID });
    expect(connection.url).toBe(`wss://api.proofme.id/?channel=undefined&data=id:${ID}`);
    connection.host();

    expect(session.state()).toEqual({
      status: 'ready',
      channelId: TEST_CHANNEL_ID,
      signalServer: 'wss://api.proofme.id',
      deeplink: DOCS_DEEPLINK,
    });
    server.verify();
  });

  it('connects by proofme id, with keepalive when configured', () => {
    const { service, server } = setUp({ keepalive: true, signalingUrl: 'ws://127.0.0.1:8787' });
    service.connect({ proofmeId: ID });
    expect(server.expectConnection({ proofmeId: ID }).url).toBe(`ws://127.0.0.1:8787/?channel=undefined&data=proofme:${ID}&keepalive=true`);
  });

  it('replays the current state to a late subscriber', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: ID });
    server.expectHost();
    const late = record(session);
    expect(late).toEqual(['ready']);
  });

  it('falls back to the configured signaling URL when the host frame names no server', () => {
    const { service, server } = setUp({ signalingUrl: 'ws://localhost:8787' });
    const session = service.connect({ identificationId: ID });
    server.expectConnection().host(TEST_CHANNEL_ID, null);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'ready', signalServer: 'ws://localhost:8787' }));
  });

  it('never builds a QR for a signal server outside the allowlist', () => {
    const { service, server, warn } = setUp({ allowedSignalServers: ['wss://api.proofme.id'] });
    const session = service.connect({ identificationId: ID });
    const messages: string[] = [];
    session.state$.subscribe((state) => 'deeplink' in state && messages.push(state.deeplink));
    const connection = server.expectConnection().host(TEST_CHANNEL_ID, 'wss://evil.example');

    expect(session.state()).toEqual(expect.objectContaining({ status: 'error', code: 'PROOFME_SIGNAL_SERVER_REFUSED' }));
    expect(messages).toEqual([]);
    expect(connection.isOpen).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('allowedSignalServers'));
  });

  it('refuses a host frame whose signal server makes a deeplink too long for a QR code: a typed error, not ready', () => {
    const { service, server, warn } = setUp({ allowedSignalServers: ['wss://api.proofme.id'] });
    const session = service.connect({ identificationId: ID });
    const statuses = record(session);
    // A 1,000-character path; each `/` becomes `%2F` in the deeplink, 2,091 characters in all.
    const connection = server.expectConnection().host(TEST_CHANNEL_ID, `wss://api.proofme.id${'/a'.repeat(500)}`);
    expect(session.state()).toEqual({ status: 'error', code: 'PROOFME_DEEPLINK_TOO_LONG', message: expect.stringContaining('level H holds at most 1273 bytes') });
    expect(statuses).not.toContain('ready');
    expect(connection.isOpen).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('No QR code was made'));
  });

  it('measures the deeplink against the configured error-correction level', () => {
    // A 1,291-character deeplink: too long for H (1,273 bytes), fine for L (2,953).
    const path = 'a'.repeat(1200);
    const strict = setUp({ allowedSignalServers: ['wss://api.proofme.id'] });
    const refused = strict.service.connect({ identificationId: ID });
    strict.server.expectConnection().host(TEST_CHANNEL_ID, `wss://api.proofme.id/${path}`);
    expect(refused.state()).toEqual(expect.objectContaining({ status: 'error', code: 'PROOFME_DEEPLINK_TOO_LONG' }));
    TestBed.resetTestingModule();
    const lenient = setUp({ allowedSignalServers: ['wss://api.proofme.id'], qrErrorCorrectionLevel: 'L' });
    const accepted = lenient.service.connect({ identificationId: ID });
    lenient.server.expectConnection().host(TEST_CHANNEL_ID, `wss://api.proofme.id/${path}`);
    expect(accepted.state()).toEqual(expect.objectContaining({ status: 'ready' }));
  });

  it('refuses an unencrypted remote signal server by default', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: ID });
    server.expectConnection().host(TEST_CHANNEL_ID, 'ws://api.proofme.id');
    expect(session.state()).toEqual(expect.objectContaining({ status: 'error', code: 'PROOFME_SIGNAL_SERVER_REFUSED' }));
  });

  it('reports a host frame with success:false', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: ID });
    server.expectConnection().open().send({ type: 'host', success: false, channelId: TEST_CHANNEL_ID, message: 'no' });
    expect(session.state()).toEqual({ status: 'error', code: 'PROOFME_HOST_REFUSED', message: 'no' });
  });

  it('follows the phone to success: scanned, succeeded, one result, then everything completes', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: ID });
    const statuses = record(session);
    const results: ProofmeResult[] = [];
    let resultCompleted = false;
    let messagesCompleted = false;
    session.result$.subscribe({ next: (r) => results.push(r), complete: () => (resultCompleted = true) });
    session.messages$.subscribe({ complete: () => (messagesCompleted = true) });

    const connection = server.expectHost().phoneConnected();
    expect(session.state()).toEqual(expect.objectContaining({ status: 'scanned', deeplink: DOCS_DEEPLINK }));
    connection.succeed();

    expect(statuses).toEqual(['connecting', 'ready', 'scanned', 'succeeded']);
    expect(results).toEqual([{ status: 'succeeded', message: 'IDENTIFICATION_SUCCESS' }]);
    expect(resultCompleted && messagesCompleted).toBe(true);
    expect(connection.isOpen).toBe(false);

    // A terminal state never reconnects, whatever happens next.
    jest.advanceTimersByTime(120_000);
    expect(server.connections).toHaveLength(1);
    session.close();
    expect(session.state().status).toBe('succeeded');
  });

  it('gives a late result$ subscriber the result', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: ID });
    server.expectHost().phoneConnected().fail('IDENTIFICATION');
    const results: ProofmeResult[] = [];
    session.result$.subscribe((r) => results.push(r));
    expect(results).toEqual([{ status: 'failed', message: 'IDENTIFICATION' }]);
  });

  it('completes result$ without a value when closed before an outcome', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: ID });
    server.expectHost();
    const next = jest.fn();
    const complete = jest.fn();
    session.result$.subscribe({ next, complete });
    session.close();
    expect(next).not.toHaveBeenCalled();
    expect(complete).toHaveBeenCalled();
    expect(session.state()).toEqual({ status: 'closed' });
  });

  it('treats disconnect as a dead channel, and refresh() opens a new one', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: ID });
    const first = server.expectHost().phoneConnected().phoneLeft();
    expect(session.state()).toEqual({ status: 'phone-left', channelId: TEST_CHANNEL_ID });
    expect(first.isOpen).toBe(false);
    jest.advanceTimersByTime(60_000);
    expect(server.connections).toHaveLength(1);

    session.refresh();
    expect(session.state()).toEqual({ status: 'connecting' });
    server.expectHost(undefined, OTHER_CHANNEL);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'ready', channelId: OTHER_CHANNEL }));
  });

  it('opens a new channel by itself after the phone leaves when autoRefresh is on', () => {
    const { service, server } = setUp({ autoRefresh: true });
    const session = service.connect({ identificationId: ID });
    const statuses = record(session);
    server.expectHost().phoneLeft();
    server.expectHost(undefined, OTHER_CHANNEL);
    expect(statuses).toEqual(['connecting', 'ready', 'phone-left', 'connecting', 'ready']);
  });

  it('reconnects to a new channel with exponential backoff after a drop, and resets once a channel has held', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: ID });
    server.expectHost().drop();
    expect(session.state()).toEqual({ status: 'reconnecting', attempt: 1, delayMs: 1000, retryAt: Date.now() + 1000 });

    jest.advanceTimersByTime(999);
    expect(server.openConnectionCount).toBe(0);
    jest.advanceTimersByTime(1);
    server.expectConnection().drop();
    expect(session.state()).toEqual({ status: 'reconnecting', attempt: 2, delayMs: 2000, retryAt: Date.now() + 2000 });

    jest.advanceTimersByTime(2000);
    server.expectHost(undefined, OTHER_CHANNEL);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'ready', channelId: OTHER_CHANNEL }));

    // The budget is per outage, and an outage ends when a channel has stayed up reconnect.stableAfterMs (10 s).
    jest.advanceTimersByTime(10_000);
    server.current.close(1000);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'reconnecting', attempt: 1, delayMs: 1000 }));
  });

  it('does not let a server that hosts and drops at once reset the backoff: PROOFME_UNREACHABLE after maxAttempts', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: ID });
    server.expectHost().drop();
    const delays: number[] = [];
    for (let state = session.state(); state.status === 'reconnecting'; state = session.state()) {
      delays.push(state.delayMs);
      jest.advanceTimersByTime(state.delayMs);
      server.expectHost().drop();
    }
    expect(delays).toEqual([1000, 2000, 4000]);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'error', code: 'PROOFME_UNREACHABLE' }));
  });

  it('retryNow() starts the pending attempt at once and repeats the state with no delay left', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: ID });
    server.expectHost().drop();
    session.retryNow();
    expect(session.state()).toEqual({ status: 'reconnecting', attempt: 1, delayMs: 0, retryAt: Date.now() });
    server.expectHost(undefined, OTHER_CHANNEL);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'ready', channelId: OTHER_CHANNEL }));
    expect(server.openConnectionCount).toBe(1);
  });

  it('gives up with PROOFME_UNREACHABLE after the configured attempts', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: ID });
    server.expectHost().drop();
    for (const delay of [1000, 2000, 4000]) {
      jest.advanceTimersByTime(delay);
      server.expectConnection().drop();
    }
    expect(session.state()).toEqual(expect.objectContaining({ status: 'error', code: 'PROOFME_UNREACHABLE' }));
    jest.advanceTimersByTime(60_000);
    expect(server.openConnectionCount).toBe(0);
    expect(jest.getTimerCount()).toBe(0);

    // An error is recoverable by hand.
    session.refresh();
    server.expectHost();
    expect(session.state().status).toBe('ready');
  });

  it('reports a refusal on the very first connection at once, with a hint, and does not retry', () => {
    const { service, server, warn } = setUp();
    const session = service.connect({ identificationId: ID });
    server.expectConnection().drop(); // a 403 at the upgrade: error + close 1006 before open
    expect(session.state()).toEqual(expect.objectContaining({ status: 'error', code: 'PROOFME_HANDSHAKE_REFUSED' }));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Custom page'));
    jest.advanceTimersByTime(60_000);
    expect(server.connections).toHaveLength(1);
  });

  it('times out a server that accepts but never sends host, retrying before it gives up', () => {
    const { service, server } = setUp({ connectTimeoutMs: 5000, reconnect: { maxAttempts: 1 } });
    const session = service.connect({ identificationId: ID });
    const first = server.expectConnection().open();
    jest.advanceTimersByTime(5000);
    expect(first.isOpen).toBe(false);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'reconnecting', attempt: 1, delayMs: 1000 }));
    jest.advanceTimersByTime(1000);
    server.expectConnection().open();
    jest.advanceTimersByTime(5000);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'error', code: 'PROOFME_CONNECT_TIMEOUT' }));
    expect(server.openConnectionCount).toBe(0);
  });

  it('cancels the connect timeout once the channel is hosted: no timer is left while it waits for the phone', () => {
    const { service, server } = setUp({ connectTimeoutMs: 5000, pingIntervalMs: 0 });
    const session = service.connect({ identificationId: ID });
    expect(jest.getTimerCount()).toBe(1);
    server.expectHost();
    expect(session.state().status).toBe('ready');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('pings once ready and, with a pong timeout, reconnects when pongs stop', () => {
    const { service, server } = setUp({ pingIntervalMs: 1000, pongTimeoutMs: 500 });
    const session = service.connect({ identificationId: ID });
    const connection = server.expectHost();
    jest.advanceTimersByTime(1000);
    expect(connection.sent).toEqual([{ type: 'ping' }]);
    connection.pong();
    jest.advanceTimersByTime(1000);
    expect(connection.sent).toHaveLength(2);
    expect(session.state().status).toBe('ready');
    jest.advanceTimersByTime(500);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'reconnecting' }));
    expect(connection.isOpen).toBe(false);
  });

  it('keeps going without pongs when the watchdog is off (the default)', () => {
    const { service, server } = setUp({ pingIntervalMs: 1000 });
    const session = service.connect({ identificationId: ID });
    const connection = server.expectHost();
    jest.advanceTimersByTime(10_000);
    expect(connection.sent).toHaveLength(10);
    expect(session.state().status).toBe('ready');
  });

  it('reports malformed frames, logs once, and carries on', () => {
    const { service, server, warn } = setUp();
    // Bound to the test's injector, so the only warning is the frame's (not the unbound session's).
    const session = TestBed.runInInjectionContext(() => service.connect({ identificationId: ID }));
    const errors: ProtocolError[] = [];
    session.protocolErrors$.subscribe((e) => errors.push(e));
    const connection = server.expectHost();
    connection.send('{oops').send({ type: 'hello' }).send('[]').send(new ArrayBuffer(2)).phoneConnected();
    expect(errors.map((e) => e.kind)).toEqual(['not-json', 'unknown-type', 'not-object', 'not-json']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(session.state().status).toBe('scanned');
  });

  it('stops, without retrying, when the server closes cleanly before opening a channel (finished or revoked identification)', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: ID });
    server.expectConnection().open().close(1000, 'Identification already finished');
    expect(session.state()).toEqual(expect.objectContaining({ status: 'error', code: 'PROOFME_HOST_REFUSED' }));
    jest.advanceTimersByTime(60_000);
    expect(server.connections).toHaveLength(1);
  });

  it('shows an expired channel when the server retires it with 4408', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: ID });
    server.expectHost().close(4408, 'channel expired');
    expect(session.state()).toEqual({ status: 'expired' });
    jest.advanceTimersByTime(60_000);
    expect(server.connections).toHaveLength(1);
  });

  it('refuses an id that is not a UUID with a typed error instead of throwing', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: 'x&data=proofme:1' });
    expect(session.state()).toEqual(expect.objectContaining({ status: 'error', code: 'PROOFME_INVALID_TARGET' }));
    expect(server.connections).toHaveLength(0);
  });

  it('opens nothing on the server platform', () => {
    const { service, server } = setUp({}, 'server');
    const session = service.connect({ identificationId: ID });
    jest.advanceTimersByTime(60_000);
    expect(session.state()).toEqual({ status: 'connecting' });
    expect(server.connections).toHaveLength(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('close() is idempotent, closes the socket and completes the streams', () => {
    const { service, server } = setUp();
    const session = service.connect({ identificationId: ID });
    const connection = server.expectHost();
    const complete = jest.fn();
    session.state$.subscribe({ complete });
    session.close();
    session.close();
    expect(connection.isOpen).toBe(false);
    expect(complete).toHaveBeenCalledTimes(1);
    session.refresh();
    expect(server.connections).toHaveLength(1);
  });

  it('closes a session when the DestroyRef it was given is destroyed', () => {
    const { service, server } = setUp();
    const child = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    const session = service.connect({ identificationId: ID }, { destroyRef: child.get(DestroyRef) });
    server.expectHost();
    child.destroy();
    expect(session.state()).toEqual({ status: 'closed' });
    expect(server.openConnectionCount).toBe(0);
  });

  it('takes its config from the injector that provides it, e.g. a lazy route', () => {
    const { server } = setUp();
    const route = createEnvironmentInjector([provideProofme({ signalingUrl: 'wss://route.example' })], TestBed.inject(EnvironmentInjector));
    route.get(ProofmeService).connect({ identificationId: ID });
    expect(server.expectConnection().url).toBe(`wss://route.example/?channel=undefined&data=id:${ID}`);
    route.destroy();
    expect(server.openConnectionCount).toBe(0);
  });

  it('refuses a DestroyRef that is already destroyed instead of leaking the session', () => {
    const { service, server } = setUp();
    const child = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    const destroyRef = child.get(DestroyRef);
    child.destroy();
    expect(() => service.connect({ identificationId: ID }, { destroyRef })).toThrow(/PROOFME_DESTROYED/);
    expect(server.connections).toHaveLength(0);
  });

  it('throws PROOFME_DESTROYED as a ProofmeError', () => {
    const { service } = setUp();
    const child = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    const destroyRef = child.get(DestroyRef);
    child.destroy();
    expectProofmeError(thrownBy(() => service.connect({ identificationId: ID }, { destroyRef })), 'PROOFME_DESTROYED');
  });

  describe('lifetime: what a session is bound to', () => {
    const UNBOUND = /outside an injection context without \{ destroyRef \} or \{ injector \}/;

    it('binds to the caller\'s DestroyRef when connect() runs in an injection context', () => {
      const { service, server, warn } = setUp();
      const child = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
      const session = runInInjectionContext(child, () => service.connect({ identificationId: ID }));
      server.expectHost();
      child.destroy();
      expect(session.state()).toEqual({ status: 'closed' });
      expect(server.openConnectionCount).toBe(0);
      expect(warn).not.toHaveBeenCalled();
    });

    it('binds to the component that connects in a field initialiser', () => {
      const { server } = setUp();
      @Component({ template: '' })
      class Holder {
        readonly session = inject(ProofmeService).connect({ identificationId: ID });
      }
      const fixture = TestBed.createComponent(Holder);
      server.expectHost();
      fixture.destroy();
      expect(fixture.componentInstance.session.state()).toEqual({ status: 'closed' });
      expect(server.openConnectionCount).toBe(0);
    });

    it('binds to { injector } outside an injection context, environment or component', () => {
      const { service, server, warn } = setUp();
      const child = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
      const fromEnvironment = service.connect({ identificationId: ID }, { injector: child });
      @Component({ template: '' })
      class Holder {
        readonly injector = inject(Injector);
      }
      const fixture = TestBed.createComponent(Holder);
      const fromComponent = service.connect({ proofmeId: ID }, { injector: fixture.componentInstance.injector });
      server.expectConnection({ identificationId: ID });
      server.expectConnection({ proofmeId: ID });

      fixture.destroy();
      expect(fromComponent.state()).toEqual({ status: 'closed' });
      expect(fromEnvironment.state()).toEqual({ status: 'connecting' });
      child.destroy();
      expect(fromEnvironment.state()).toEqual({ status: 'closed' });
      expect(warn).not.toHaveBeenCalled();
    });

    it('prefers { destroyRef } over { injector } and over the caller\'s context', () => {
      const { service, server } = setUp();
      const caller = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
      const given = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
      const other = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
      const session = runInInjectionContext(caller, () =>
        service.connect({ identificationId: ID }, { destroyRef: given.get(DestroyRef), injector: other }),
      );
      server.expectHost();
      caller.destroy();
      other.destroy();
      expect(session.state().status).toBe('ready');
      given.destroy();
      expect(session.state()).toEqual({ status: 'closed' });
    });

    it('refuses an injector that is already destroyed with PROOFME_DESTROYED', () => {
      const { service, server } = setUp();
      const child = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
      child.destroy();
      expectProofmeError(thrownBy(() => service.connect({ identificationId: ID }, { injector: child })), 'PROOFME_DESTROYED');
      expect(server.connections).toHaveLength(0);
    });

    it('outside both, warns once (dev mode) that the session lives until close() or the service\'s injector goes', () => {
      const { service, server, warn } = setUp();
      const first = service.connect({ identificationId: ID });
      service.connect({ proofmeId: ID });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(UNBOUND));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('{ destroyRef: inject(DestroyRef) }'));

      // Nothing else ends it: only close(), or the service's injector (see "closes every session…").
      server.expectHost({ identificationId: ID });
      server.expectConnection({ proofmeId: ID });
      jest.advanceTimersByTime(1_000);
      expect(first.state().status).toBe('ready');
      first.close();
      expect(first.state()).toEqual({ status: 'closed' });
    });
  });

  describe('ProofmeSession, the public type', () => {
    it('is what connect() returns, for instanceof checks', () => {
      const { service, server } = setUp();
      const session = TestBed.runInInjectionContext(() => service.connect({ identificationId: ID }));
      expect(session).toBeInstanceOf(ProofmeSession);
      server.expectConnection();
    });

    it('cannot be constructed: it is abstract, and the implementation is not exported', () => {
      // @ts-expect-error: abstract, so `new ProofmeSession()` does not compile. Its typings once hid an
      // @internal constructor, so it compiled and then crashed; the abstract base holds nothing and does not.
      expect(() => new ProofmeSession()).not.toThrow();
      expect(Object.keys(publicApi)).toContain('ProofmeSession');
      expect(Object.keys(publicApi)).not.toContain('SocketSession');
      expect(Object.keys(publicApi)).not.toContain('ProofmeSessionContext');
    });
  });

  it('closes every session when the service injector is destroyed', () => {
    const { service, server } = setUp();
    service.connect({ identificationId: ID });
    service.connect({ proofmeId: ID });
    expect(server.openConnectionCount).toBe(2);
    TestBed.resetTestingModule();
    expect(server.openConnectionCount).toBe(0);
  });

  it('leaves no socket and no timer behind after 1,000 connect/close cycles', () => {
    const { service, server } = setUp({ pingIntervalMs: 1000, pongTimeoutMs: 500 });
    for (let i = 0; i < 1000; i++) {
      const session = service.connect({ identificationId: ID });
      if (i % 3 === 0) server.connections[i].host();
      if (i % 3 === 1) server.connections[i].host().drop();
      session.close();
    }
    expect(server.connections).toHaveLength(1000);
    expect(server.openConnectionCount).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  describe('when subscribers act on what they are told', () => {
    it('close() on "reconnecting" leaves no timer and opens nothing later', () => {
      const { service, server } = setUp();
      const session = service.connect({ identificationId: ID });
      session.state$.subscribe((state) => state.status === 'reconnecting' && session.close());
      server.expectHost().drop();
      expect(session.state()).toEqual({ status: 'closed' });
      jest.advanceTimersByTime(60_000);
      expect(server.connections).toHaveLength(1);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('refresh() on "reconnecting" opens one connection, which a stale retry never replaces', () => {
      const { service, server } = setUp();
      const session = service.connect({ identificationId: ID });
      let refreshed = false;
      session.state$.subscribe((state) => {
        if (state.status === 'reconnecting' && !refreshed) {
          refreshed = true;
          session.refresh();
        }
      });
      server.expectHost().drop();
      const fresh = server.expectHost(undefined, OTHER_CHANNEL).phoneConnected();
      jest.advanceTimersByTime(60_000);
      expect(server.connections).toHaveLength(2);
      expect(fresh.isOpen).toBe(true);
      expect(session.state()).toEqual(expect.objectContaining({ status: 'scanned', channelId: OTHER_CHANNEL }));
    });

    it('close() on a terminal state still lets result$ deliver the result', () => {
      const { service, server } = setUp();
      const session = service.connect({ identificationId: ID });
      session.state$.subscribe((state) => (state.status === 'succeeded' || state.status === 'failed') && session.close());
      const results: ProofmeResult[] = [];
      session.result$.subscribe((result) => results.push(result));
      server.expectHost().phoneConnected().succeed();
      expect(results).toEqual([{ status: 'succeeded', message: 'IDENTIFICATION_SUCCESS' }]);
      expect(session.state().status).toBe('succeeded');
    });

    it('tells every subscriber the states in order, even when one of them refreshes', () => {
      const { service, server } = setUp();
      const session = service.connect({ identificationId: ID });
      session.state$.subscribe((state) => state.status === 'phone-left' && session.refresh());
      const seen = record(session);
      server.expectHost().phoneLeft();
      expect(seen).toEqual(['connecting', 'ready', 'phone-left', 'connecting']);
      expect(session.state()).toEqual({ status: 'connecting' });
      expect(server.openConnectionCount).toBe(1);
    });

    it('close() from a messages$ subscriber on "host" wins: the session stays closed', () => {
      const { service, server } = setUp();
      const session = service.connect({ identificationId: ID });
      session.messages$.subscribe((message) => message.type === 'host' && session.close());
      const connection = server.expectHost();
      expect(session.state()).toEqual({ status: 'closed' });
      expect(connection.isOpen).toBe(false);
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
