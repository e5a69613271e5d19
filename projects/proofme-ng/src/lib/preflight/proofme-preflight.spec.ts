import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { PLATFORM_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { ProofmeTestingController, TEST_CHANNEL_ID, provideProofmeTesting } from 'proofme-ng/testing';
import { ProofmeOptions } from '../config/proofme-config';
import { PROOFME_WEBSOCKET } from '../config/tokens';
import { provideProofme } from '../session/provide-proofme';
import { ProofmeService } from '../session/proofme.service';
import { ProofmePreflightReport } from '../session/preflight-report';
import { PROBE_HANDOVER_MS } from './proofme-preflight';
import { expectProofmeError } from '../../../test/proofme-error-matchers';
import { withPreflight } from './with-preflight';

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';
const ORG = 'd0c5e3a4-2f1b-4c7e-9a8d-6b5e4f3a2c1d';
const API = 'https://api.proofme.id/v1';

describe('ProofmeService.preflight', () => {
  let server: ProofmeTestingController;
  let http: HttpTestingController;
  let report: ProofmePreflightReport | undefined;

  function run(options: ProofmeOptions = {}, extra: unknown[] = [], target: { identificationId: string } | { proofmeId: string } = { identificationId: ID }) {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [provideProofme(options, withPreflight()), provideProofmeTesting(), provideHttpClient(), provideHttpClientTesting(), ...(extra as [])],
    });
    server = TestBed.inject(ProofmeTestingController);
    http = TestBed.inject(HttpTestingController);
    report = undefined;
    TestBed.inject(ProofmeService).preflight(target).subscribe((r) => (report = r));
  }

  const myPage = (organisationId = ORG) => http.expectOne(`${API}/customMyPage/url/http%3A%2F%2Flocalhost`).flush({ myPage: { organisationId, title: 'Shop' }, domain: 'http://localhost' });
  const identification = (status = 'PENDING', organisationId = ORG) =>
    http.expectOne(`${API}/identification/${ID}`).flush({ identification: { id: ID, organisationId, proofmeId: 'p', status } });

  afterEach(() => {
    http?.verify();
    jest.useRealTimers();
  });

  it('passes every check, and keeps its probe open for the session that follows', () => {
    run();
    const probe = server.expectConnection({ identificationId: ID }).host();
    myPage();
    identification();
    expect(report).toEqual({ ok: true, checks: expect.any(Array) });
    expect(report!.checks.map((c) => [c.name, c.status])).toEqual([
      ['websocket', 'passed'],
      ['signaling', 'passed'],
      ['my-page', 'passed'],
      ['identification', 'passed'],
    ]);
    expect(probe.isOpen).toBe(true);
  });

  describe('hand-over of the probe connection', () => {
    const pass = () => {
      const probe = server.expectConnection({ identificationId: ID }).host(TEST_CHANNEL_ID);
      myPage();
      identification();
      expect(report?.ok).toBe(true);
      return probe;
    };

    it('opens the socket at once, beside the REST reads: the socket is open before any REST answer', () => {
      run();
      // Nothing has been answered yet: the probe already exists, and the first REST read is in flight.
      const probe = server.expectConnection({ identificationId: ID }).open();
      const pending = http.expectOne(`${API}/customMyPage/url/http%3A%2F%2Flocalhost`);
      expect(pending.cancelled).toBe(false);
      expect(probe.isOpen).toBe(true);
      probe.host();
      pending.flush({ myPage: { organisationId: ORG, title: 'Shop' }, domain: 'http://localhost' });
      identification();
      expect(report?.ok).toBe(true);
    });

    it('becomes the session connect() opens next: one handshake, the probe\'s channel', () => {
      run();
      const probe = pass();
      const session = TestBed.inject(ProofmeService).connect({ identificationId: ID });
      expect(server.connections).toHaveLength(1);
      expect(session.state()).toEqual(expect.objectContaining({ status: 'ready', channelId: TEST_CHANNEL_ID }));
      // The session hears the adopted socket: the phone's frames, and its own close.
      probe.phoneConnected();
      expect(session.state().status).toBe('scanned');
      jest.advanceTimersByTime(60_000);
      expect(probe.isOpen).toBe(true);
      session.close();
      expect(probe.isOpen).toBe(false);
    });

    it('is adopted once: a second session opens its own connection', () => {
      run();
      pass();
      const service = TestBed.inject(ProofmeService);
      service.connect({ identificationId: ID });
      service.connect({ identificationId: ID });
      expect(server.connections).toHaveLength(2);
    });

    it('is not adopted by a session for another target', () => {
      run();
      const probe = pass();
      TestBed.inject(ProofmeService).connect({ identificationId: 'b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3' });
      expect(server.connections).toHaveLength(2);
      expect(probe.isOpen).toBe(true);
    });

    it(`closes when no session adopts it within ${PROBE_HANDOVER_MS} ms`, () => {
      run();
      const probe = pass();
      jest.advanceTimersByTime(PROBE_HANDOVER_MS - 1);
      expect(probe.isOpen).toBe(true);
      jest.advanceTimersByTime(1);
      expect(probe.isOpen).toBe(false);
      TestBed.inject(ProofmeService).connect({ identificationId: ID });
      expect(server.connections).toHaveLength(2);
    });

    it('is forgotten when it drops while it waits: the session opens its own', () => {
      run();
      const probe = pass();
      probe.drop();
      const session = TestBed.inject(ProofmeService).connect({ identificationId: ID });
      expect(server.connections).toHaveLength(2);
      expect(session.state().status).toBe('connecting');
    });

    it('closes when the report fails on a REST check, so nothing is adopted', () => {
      run();
      const probe = server.expectConnection().host();
      myPage();
      identification('SUCCESS');
      expect(report?.ok).toBe(false);
      expect(probe.isOpen).toBe(false);
      TestBed.inject(ProofmeService).connect({ identificationId: ID });
      expect(server.connections).toHaveLength(2);
    });

    it('closes when the caller unsubscribes before the report', () => {
      jest.useFakeTimers();
      TestBed.configureTestingModule({
        providers: [provideProofme({}, withPreflight()), provideProofmeTesting(), provideHttpClient(), provideHttpClientTesting()],
      });
      server = TestBed.inject(ProofmeTestingController);
      http = TestBed.inject(HttpTestingController);
      const subscription = TestBed.inject(ProofmeService).preflight({ identificationId: ID }).subscribe();
      const probe = server.expectConnection().host();
      subscription.unsubscribe();
      expect(probe.isOpen).toBe(false);
      http.match(() => true);
    });
  });

  it.each([
    ['a refused handshake', (s: ProofmeTestingController) => s.expectConnection().drop(), 'PROOFME_HANDSHAKE_REFUSED'],
    ['a close without a channel', (s: ProofmeTestingController) => s.expectConnection().open().close(1000), 'PROOFME_HOST_REFUSED'],
    [
      'a refused host',
      (s: ProofmeTestingController) => s.expectConnection().open().send({ type: 'host', success: false, channelId: TEST_CHANNEL_ID }),
      'PROOFME_HOST_REFUSED',
    ],
    ['a foreign signal server', (s: ProofmeTestingController) => s.expectConnection().host(TEST_CHANNEL_ID, 'wss://evil.example'), 'PROOFME_SIGNAL_SERVER_REFUSED'],
  ])('names %s on the signaling check, and closes the probe', (_name, act, failure) => {
    run({ allowedSignalServers: ['wss://api.proofme.id'] });
    act(server);
    myPage();
    identification();
    expect(report).toEqual(expect.objectContaining({ ok: false, failure: expect.objectContaining({ name: 'signaling', failure }) }));
    expect(server.openConnectionCount).toBe(0);
  });

  it('times out a signaling server that never opens a channel', () => {
    run({ connectTimeoutMs: 3000 });
    const probe = server.expectConnection().open();
    myPage();
    identification();
    expect(report).toBeUndefined();
    jest.advanceTimersByTime(3000);
    expect(report?.failure).toEqual(expect.objectContaining({ failure: 'PROOFME_CONNECT_TIMEOUT' }));
    expect(probe.isOpen).toBe(false);
  });

  it('reports a missing My Page for this origin', () => {
    run();
    server.expectConnection().host();
    http.expectOne(() => true).flush({ message: 'MY_PAGE_NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    identification();
    expect(report?.failure).toEqual(expect.objectContaining({ name: 'my-page', failure: 'PROOFME_MY_PAGE_NOT_FOUND' }));
  });

  it.each([
    ['IDENTIFICATION_NOT_FOUND', () => http.expectOne(`${API}/identification/${ID}`).flush({ message: 'IDENTIFICATION_NOT_FOUND' }, { status: 404, statusText: 'x' })],
    ['IDENTIFICATION_ALREADY_FINISHED', () => identification('SUCCESS')],
    ['IDENTIFICATION_WRONG_ORGANISATION', () => identification('PENDING', 'another-organisation')],
  ])('reports %s', (failure, answer) => {
    run();
    server.expectConnection().host();
    myPage();
    answer();
    expect(report?.failure).toEqual(expect.objectContaining({ name: 'identification', failure }));
    expect(server.openConnectionCount).toBe(0);
  });

  it('reports an unreachable API', () => {
    run();
    server.expectConnection().host();
    http.expectOne(() => true).error(new ProgressEvent('error'));
    identification();
    expect(report?.failure).toEqual(expect.objectContaining({ name: 'my-page', failure: 'PROOFME_API_UNREACHABLE' }));
  });

  it('skips the identification check for a public Proofme template', () => {
    run({}, [], { proofmeId: ID });
    server.expectConnection({ proofmeId: ID }).host();
    myPage();
    expect(report?.ok).toBe(true);
    expect(report?.checks[3]).toEqual(expect.objectContaining({ name: 'identification', status: 'skipped' }));
  });

  it('fails at once without WebSocket support', () => {
    run({}, [{ provide: PROOFME_WEBSOCKET, useValue: null }]);
    myPage();
    identification();
    expect(report?.failure).toEqual(expect.objectContaining({ name: 'websocket', failure: 'PROOFME_UNSUPPORTED' }));
    expect(server.connections).toHaveLength(0);
  });

  it('checks nothing on the server platform', () => {
    run({}, [{ provide: PLATFORM_ID, useValue: 'server' }]);
    expect(report?.ok).toBe(true);
    expect(report?.checks.every((c) => c.status === 'skipped')).toBe(true);
    expect(server.connections).toHaveLength(0);
  });
});

describe('ProofmeService.preflight without withPreflight()', () => {
  it('says how to turn it on', async () => {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    await expect(firstValueFrom(TestBed.inject(ProofmeService).preflight({ identificationId: ID }))).rejects.toThrow(
      /PROOFME_PREFLIGHT_NOT_PROVIDED.*withPreflight\(\)/,
    );
    const error = await firstValueFrom(TestBed.inject(ProofmeService).preflight({ identificationId: ID })).catch((e: unknown) => e);
    expectProofmeError(error, 'PROOFME_PREFLIGHT_NOT_PROVIDED');
    expect(TestBed.inject(ProofmeTestingController).connections).toHaveLength(0);
  });
});
