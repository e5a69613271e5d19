// Whether an app that shows a QR code becomes stable and stays so while it waits for the phone.
// The same file runs twice: zoneless in the `proofme-ng` project, and with zone.js and
// provideZoneChangeDetection() in `proofme-ng-zone`. A library timer or socket listener inside the
// Angular zone keeps `whenStable()` from resolving, which is what makes SSR hydration log NG0506.
// Real sockets over loopback: with zone.js it matters in which zone the browser runs their events.
import { ApplicationRef, NgZone } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { AddressInfo } from 'node:net';
import { Subscription, filter, firstValueFrom, skip } from 'rxjs';
import WebSocket, { WebSocketServer } from 'ws';
import { PROOFME_LOGGER, ProofmeOptions, ProofmeSession, ProofmeState, provideProofme, withPreflight } from 'proofme-ng';
import { ProofmeIdentification, ProofmeQr } from 'proofme-ng/components';
import { waitFor } from '../qr-decode';

declare const Zone: unknown;
const MODE = typeof Zone === 'undefined' ? 'zoneless' : 'zone.js';
const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';

interface ServerScript {
  /** Send `host` when a page connects (default true). */
  readonly host?: boolean;
  /** Called with each page socket once `host` was sent. */
  readonly onHosted?: (socket: WebSocket) => void;
}

/** A signaling endpoint on 127.0.0.1 that hosts a channel, answers pings, and counts them. */
async function startServer(script: ServerScript = {}) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let pings = 0;
  const pingWaiters: { count: number; resolve: () => void }[] = [];
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type !== 'ping') return;
      socket.send('{"type":"pong"}');
      pings++;
      for (const waiter of pingWaiters.filter((w) => pings >= w.count)) {
        pingWaiters.splice(pingWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
    if (script.host === false) return;
    const channelId = crypto.randomUUID();
    socket.send(JSON.stringify({ type: 'host', success: true, channelId, signalServer: url, message: `Host initialised ${channelId}` }));
    script.onHosted?.(socket);
  });
  return {
    url,
    /** Resolves once `count` more pings have arrived. */
    morePings: (count: number) => new Promise<void>((resolve) => pingWaiters.push({ count: pings + count, resolve })),
    stop: () =>
      new Promise<void>((resolve) => {
        server.clients.forEach((client) => client.terminate());
        server.close(() => resolve());
      }),
  };
}

/** Fails fast instead of hanging when `promise` does not settle: the only clock in these tests. */
async function within<T>(promise: Promise<T>, what: string, ms = 1000): Promise<T> {
  let guard: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (guard = setTimeout(() => reject(new Error(`${MODE}: ${what} within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(guard);
  }
}

const reach = (session: ProofmeSession, status: ProofmeState['status']) =>
  firstValueFrom(session.state$.pipe(filter((state) => state.status === status)));

describe(`app stability while a QR code waits for the phone (${MODE})`, () => {
  let stopServer: (() => Promise<void>) | null = null;
  let fixture: ComponentFixture<ProofmeQr | ProofmeIdentification> | null = null;
  let subscriptions = new Subscription();

  afterEach(async () => {
    subscriptions.unsubscribe();
    subscriptions = new Subscription();
    fixture?.destroy();
    fixture = null;
    await stopServer?.();
    stopServer = null;
  });

  async function showQr(script: ServerScript, options: ProofmeOptions) {
    const server = await startServer(script);
    stopServer = server.stop;
    TestBed.configureTestingModule({
      providers: [
        provideProofme({ signalingUrl: server.url, ...options }),
        { provide: PROOFME_LOGGER, useValue: { warn: () => undefined } },
      ],
    });
    fixture = TestBed.createComponent(ProofmeQr);
    fixture.componentRef.setInput('identificationId', ID);
    // Attached to the application as a bootstrapped view is, so the app's stability covers it.
    fixture.autoDetectChanges();
    const session = (fixture.componentInstance as ProofmeQr).activeSession()!;
    return { server, session, appRef: TestBed.inject(ApplicationRef), zone: TestBed.inject(NgZone) };
  }

  /** Every value `isStable` emits from now on. */
  function watchStability(appRef: ApplicationRef): boolean[] {
    const seen: boolean[] = [];
    subscriptions.add(appRef.isStable.subscribe((stable) => seen.push(stable)));
    return seen;
  }

  it('is stable once the code is shown, and stays stable across pings and the pong watchdog', async () => {
    const { server, session, appRef, zone } = await showQr({}, { pingIntervalMs: 100, pongTimeoutMs: 90 });
    await reach(session, 'ready');
    await waitFor(() => fixture!.nativeElement.querySelector('qrcode svg, qrcode canvas, qrcode img'));
    await within(appRef.whenStable(), 'whenStable() resolves once the QR code is shown');

    const stability = watchStability(appRef);
    await server.morePings(3);
    expect(session.state().status).toBe('ready');
    expect(zone.hasPendingMacrotasks).toBe(false);
    expect(stability).toEqual([true]);
  });

  it('is stable while it waits for the server to host a channel (connect timeout armed)', async () => {
    const { appRef, zone, session } = await showQr({ host: false }, { connectTimeoutMs: 30_000 });
    await within(appRef.whenStable(), 'whenStable() resolves while connecting');
    expect(session.state().status).toBe('connecting');
    expect(zone.hasPendingMacrotasks).toBe(false);
  });

  it('is stable during reconnect backoff, and again once the new code is shown', async () => {
    let connections = 0;
    const { server, appRef, zone, session } = await showQr(
      // The first connection drops right after its channel; the second one stays.
      { onHosted: (socket) => ++connections === 1 && setTimeout(() => socket.terminate(), 20) },
      { pingIntervalMs: 100, reconnect: { initialDelayMs: 1500, jitter: 0, maxAttempts: 3 } },
    );
    // Changes that socket and timer callbacks make outside the zone are delivered back inside it,
    // where an app's subscribers are followed by change detection.
    const inAngularZone: boolean[] = [];
    // skip(1): the current state is replayed in the zone of the subscribe() call, this test's own.
    subscriptions.add(session.state$.pipe(skip(1)).subscribe(() => inAngularZone.push(NgZone.isInAngularZone())));
    await reach(session, 'reconnecting');
    await within(appRef.whenStable(), 'whenStable() resolves during the reconnect backoff');
    expect(session.state().status).toBe('reconnecting');
    expect(zone.hasPendingMacrotasks).toBe(false);

    await reach(session, 'ready');
    await within(appRef.whenStable(), 'whenStable() resolves once the new code is shown');
    const stability = watchStability(appRef);
    await server.morePings(2);
    expect(zone.hasPendingMacrotasks).toBe(false);
    expect(stability).toEqual([true]);
    expect(inAngularZone.length).toBeGreaterThanOrEqual(2);
    expect(inAngularZone.every((inside) => inside === (MODE === 'zone.js'))).toBe(true);
  });

  it('is stable while the preflight waits for the signaling server', async () => {
    const server = await startServer({ host: false });
    stopServer = server.stop;
    TestBed.configureTestingModule({
      providers: [
        provideProofme({ signalingUrl: server.url, connectTimeoutMs: 30_000 }, withPreflight()),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: PROOFME_LOGGER, useValue: { warn: () => undefined } },
      ],
    });
    fixture = TestBed.createComponent(ProofmeIdentification);
    fixture.componentRef.setInput('identificationId', ID);
    fixture.autoDetectChanges();
    const appRef = TestBed.inject(ApplicationRef);
    const http = TestBed.inject(HttpTestingController);
    // The REST checks are answered; only the signaling probe is left, and the server never hosts.
    (await waitFor(() => http.match(() => true)[0])).flush({ myPage: { organisationId: ID }, domain: 'http://localhost' });
    (await waitFor(() => http.match(() => true)[0])).flush({ identification: { id: ID, organisationId: ID, status: 'PENDING' } });
    await within(appRef.whenStable(), 'whenStable() resolves while the preflight probes the signaling server');
    expect(TestBed.inject(NgZone).hasPendingMacrotasks).toBe(false);
    expect(fixture.nativeElement.textContent).toContain('Checking that everything is ready');
  });
});
