import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ProofmeService, ProofmeSession, provideProofme, withPreflight } from 'proofme-ng';
import { ProofmeIdentification, ProofmeMobileButton, ProofmeQr, ProofmeStatus } from 'proofme-ng/components';
import { expectProofmeError } from '../../test/proofme-error-matchers';
import { ProofmeIdentificationHarness } from './proofme-identification-harness';
import { ProofmeMobileButtonHarness } from './proofme-mobile-button-harness';
import { ProofmeQrHarness } from './proofme-qr-harness';
import { ProofmeStatusHarness } from './proofme-status-harness';
import { ProofmeTestingController, TEST_CHANNEL_ID } from './proofme-testing-controller';
import { provideProofmeTesting } from './provide-proofme-testing';

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';
const OTHER = 'b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3';
const OTHER_CHANNEL = 'b755d288-dc1d-4a5e-91f5-a81a092c7ea6';

/** Two sessions side by side, so the filters have something to tell apart. */
@Component({
  imports: [ProofmeQr, ProofmeStatus, ProofmeMobileButton],
  template: `
    <proofme-qr [session]="first" />
    <proofme-status [session]="first" />
    <proofme-mobile-button [session]="first" show="always" />
    <proofme-qr [session]="second" />
    <proofme-status [session]="second" />
    <proofme-mobile-button [session]="second" show="never" />
  `,
})
class TwoSessions {
  readonly first: ProofmeSession = TestBed.inject(ProofmeService).connect({ identificationId: ID });
  readonly second: ProofmeSession = TestBed.inject(ProofmeService).connect({ proofmeId: OTHER });
}

async function twoSessions(): Promise<{ loader: HarnessLoader; server: ProofmeTestingController }> {
  TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
  const server = TestBed.inject(ProofmeTestingController);
  const fixture = TestBed.createComponent(TwoSessions);
  server.expectHost({ identificationId: ID });
  server.expectConnection({ proofmeId: OTHER }).host(OTHER_CHANNEL).phoneLeft();
  await fixture.whenStable();
  return { loader: TestbedHarnessEnvironment.loader(fixture), server };
}

describe('ProofmeQrHarness.with()', () => {
  it('filters by state and by deeplink', async () => {
    const { loader } = await twoSessions();
    expect(await loader.getAllHarnesses(ProofmeQrHarness)).toHaveLength(2);
    const ready = await loader.getHarness(ProofmeQrHarness.with({ state: 'ready' }));
    expect(await ready.getDeeplink()).toContain(TEST_CHANNEL_ID);
    const left = await loader.getHarness(ProofmeQrHarness.with({ state: 'phone-left' }));
    expect(await left.hasRefreshButton()).toBe(true);
    expect(await loader.getAllHarnesses(ProofmeQrHarness.with({ deeplink: new RegExp(TEST_CHANNEL_ID) }))).toHaveLength(1);
    expect(await loader.getAllHarnesses(ProofmeQrHarness.with({ deeplink: (await ready.getDeeplink())! }))).toHaveLength(1);
    expect(await loader.getAllHarnesses(ProofmeQrHarness.with({ deeplink: TEST_CHANNEL_ID }))).toHaveLength(0);
    expect(await loader.getAllHarnesses(ProofmeQrHarness.with({ deeplink: /p=nothing-like-this/ }))).toHaveLength(0);
    expect(await loader.getAllHarnesses(ProofmeQrHarness.with({ state: 'succeeded' }))).toHaveLength(0);
  });

  it('throws PROOFME_TESTING_NO_ELEMENT when asked to click a button the state does not show', async () => {
    const { loader } = await twoSessions();
    const ready = await loader.getHarness(ProofmeQrHarness.with({ state: 'ready' }));
    expectProofmeError(await ready.clickRefresh().catch((e: unknown) => e), 'PROOFME_TESTING_NO_ELEMENT');
  });
});

describe('ProofmeStatusHarness.with()', () => {
  it('filters by state and by text', async () => {
    const { loader } = await twoSessions();
    const left = await loader.getHarness(ProofmeStatusHarness.with({ text: /The phone disconnected\./ }));
    expect(await left.getState()).toBe('phone-left');
    expect(await left.hasRetryButton()).toBe(true);
    const ready = await loader.getHarness(ProofmeStatusHarness.with({ state: 'ready' }));
    expect(await ready.getText()).not.toContain('The phone disconnected.');
    expect(await loader.getAllHarnesses(ProofmeStatusHarness.with({ text: /^nothing$/ }))).toHaveLength(0);
  });

  it('throws PROOFME_TESTING_NO_ELEMENT when asked to retry where there is nothing to retry', async () => {
    const { loader } = await twoSessions();
    const ready = await loader.getHarness(ProofmeStatusHarness.with({ state: 'ready' }));
    expectProofmeError(await ready.clickRetry().catch((e: unknown) => e), 'PROOFME_TESTING_NO_ELEMENT');
  });
});

describe('ProofmeMobileButtonHarness.with()', () => {
  it('filters by visibility and by href', async () => {
    const { loader } = await twoSessions();
    const [shown] = await loader.getAllHarnesses(ProofmeMobileButtonHarness.with({ visible: true }));
    expect(await shown.getHref()).toContain(TEST_CHANNEL_ID);
    expect(await loader.getAllHarnesses(ProofmeMobileButtonHarness.with({ visible: false }))).toHaveLength(1);
    expect(await loader.getAllHarnesses(ProofmeMobileButtonHarness.with({ href: new RegExp(TEST_CHANNEL_ID) }))).toHaveLength(1);
    expect(await loader.getAllHarnesses(ProofmeMobileButtonHarness.with({ href: (await shown.getHref())! }))).toHaveLength(1);
    expect(await loader.getAllHarnesses(ProofmeMobileButtonHarness.with({ href: new RegExp(OTHER_CHANNEL) }))).toHaveLength(0);
  });
});

describe('ProofmeIdentificationHarness', () => {
  @Component({
    imports: [ProofmeIdentification],
    template: `<proofme-identification [identificationId]="id" [mobile]="mobile()" />`,
  })
  class Host {
    readonly id = ID;
    readonly mobile = signal<'always' | 'never'>('never');
  }

  async function setUp(mobile: 'always' | 'never' = 'never') {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.mobile.set(mobile);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    return { loader, server: TestBed.inject(ProofmeTestingController) };
  }

  it('reads the state, the status text and the code, and finds it with({ state })', async () => {
    const { loader, server } = await setUp();
    const identification = await loader.getHarness(ProofmeIdentificationHarness);
    expect(await identification.getState()).toBe('connecting');
    server.expectHost({ identificationId: ID });
    expect(await identification.getState()).toBe('ready');
    expect(await identification.getStatusText()).toContain('Scan the QR code');
    expect(await (await identification.getQr()).getDeeplink()).toContain(TEST_CHANNEL_ID);
    expect(await identification.getMobileButton()).toBeNull();
    expect(await identification.isHandheldLayout()).toBe(false);
    expect(await loader.getAllHarnesses(ProofmeIdentificationHarness.with({ state: 'ready' }))).toHaveLength(1);
    expect(await loader.getAllHarnesses(ProofmeIdentificationHarness.with({ state: 'succeeded' }))).toHaveLength(0);
    server.phoneConnected().succeed();
    expect(await identification.getState()).toBe('succeeded');
  });

  it('gives the mobile button in the phone layout', async () => {
    const { loader, server } = await setUp('always');
    server.expectHost();
    const identification = await loader.getHarness(ProofmeIdentificationHarness);
    expect(await identification.isHandheldLayout()).toBe(true);
    const button = await identification.getMobileButton();
    expect(await button?.getHref()).toBe(await (await identification.getQr()).getDeeplink());
  });

  it('retries through the status line, and refuses to when there is nothing to retry', async () => {
    const { loader, server } = await setUp();
    server.expectHost();
    const identification = await loader.getHarness(ProofmeIdentificationHarness);
    expectProofmeError(await identification.clickRetry().catch((e: unknown) => e), 'PROOFME_TESTING_NO_ELEMENT');
    server.phoneLeft();
    expect(await identification.getState()).toBe('phone-left');
    await identification.clickRetry();
    server.expectHost({ identificationId: ID }, OTHER_CHANNEL);
    expect(await (await identification.getQr()).getDeeplink()).toContain(OTHER_CHANNEL);
  });

  it('reads and retries a preflight failure', async () => {
    TestBed.configureTestingModule({
      providers: [provideProofme({}, withPreflight()), provideProofmeTesting(), provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(Host);
    const identification = await TestbedHarnessEnvironment.loader(fixture).getHarness(ProofmeIdentificationHarness);
    const server = TestBed.inject(ProofmeTestingController);
    const http = TestBed.inject(HttpTestingController);
    expect(await identification.isCheckingPreflight()).toBe(true);
    expect(await identification.getPreflightFailure()).toBeNull();
    expectProofmeError(await identification.clickRetryPreflight().catch((e: unknown) => e), 'PROOFME_TESTING_NO_ELEMENT');

    server.expectConnection().host();
    http.expectOne(() => true).flush({ myPage: { organisationId: OTHER }, domain: 'http://localhost' });
    http.expectOne(() => true).flush({ message: 'IDENTIFICATION_NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    expect(await identification.getPreflightFailure()).toBe('IDENTIFICATION_NOT_FOUND');
    expect(await identification.getPreflightMessage()).toBeTruthy();
    expect(await identification.getStatusText()).toBeNull();

    await identification.clickRetryPreflight();
    expect(await identification.isCheckingPreflight()).toBe(true);
    server.match();
    http.match(() => true);
  });
});
