import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ProofmeQrHarness, ProofmeTestingController, TEST_CHANNEL_ID, provideProofmeTesting } from 'proofme-ng/testing';
import { decodeQrSvg, waitFor } from '../../../test/qr-decode';
import { PROOFME_LABELS_NL, ProofmeResult, ProofmeService, ProofmeSession, ProofmeState, provideProofme, withLabels } from 'proofme-ng';
import { expectProofmeError } from '../../../test/proofme-error-matchers';
import { ProofmeQr } from './proofme-qr';

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';
const OTHER_CHANNEL = 'b755d288-dc1d-4a5e-91f5-a81a092c7ea6';

@Component({
  imports: [ProofmeQr],
  template: `<proofme-qr
    [identificationId]="identificationId()"
    [session]="session()"
    [size]="200"
    [elementType]="elementType()"
    (result)="results.push($event)"
    (stateChange)="states.push($event.status)"
  />`,
})
class Host {
  readonly identificationId = signal<string | undefined>(ID);
  readonly session = signal<ProofmeSession | undefined>(undefined);
  readonly elementType = signal<'svg' | 'canvas'>('svg');
  readonly results: ProofmeResult[] = [];
  readonly states: ProofmeState['status'][] = [];
}

describe('<proofme-qr>', () => {
  let fixture: ComponentFixture<Host>;
  let loader: HarnessLoader;
  let server: ProofmeTestingController;

  async function create(...features: Parameters<typeof provideProofme>[1][]) {
    TestBed.configureTestingModule({ providers: [provideProofme({}, ...features), provideProofmeTesting()] });
    fixture = TestBed.createComponent(Host);
    loader = TestbedHarnessEnvironment.loader(fixture);
    server = TestBed.inject(ProofmeTestingController);
    await fixture.whenStable();
    return loader.getHarness(ProofmeQrHarness);
  }

  const svg = () => waitFor(() => fixture.nativeElement.querySelector('proofme-qr svg:not(.proofme-qr__icon)') as Element | null);

  it('draws no blank code when the session was told a lower error-correction level than this component draws', async () => {
    // The session checks against L (2,953 bytes); this component defaults to the same level, so
    // only an explicit stricter input can disagree: pass H through the config the input reads.
    TestBed.configureTestingModule({ providers: [provideProofme({ qrErrorCorrectionLevel: 'L', allowedSignalServers: ['wss://api.proofme.id'] }), provideProofmeTesting()] });
    const session = TestBed.inject(ProofmeService).connect({ identificationId: ID });
    TestBed.inject(ProofmeTestingController).expectConnection().host(TEST_CHANNEL_ID, `wss://api.proofme.id/${'a'.repeat(1200)}`);
    expect(session.state().status).toBe('ready');
    const strict = TestBed.createComponent(ProofmeQr);
    strict.componentRef.setInput('session', session);
    strict.componentRef.setInput('errorCorrectionLevel', 'H');
    await strict.whenStable();
    const element: HTMLElement = strict.nativeElement;
    expect(element.querySelector('qrcode')).toBeNull();
    expect(element.textContent).toContain('The identification service gave an address too long for a QR code.');
    expect(element.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('QR code not available');
    strict.componentRef.setInput('errorCorrectionLevel', 'L');
    await strict.whenStable();
    expect(element.querySelector('qrcode')).not.toBeNull();
  });

  it('holds a placeholder of the same size while connecting', async () => {
    const qr = await create();
    expect(await qr.getState()).toBe('connecting');
    expect(await qr.getDeeplink()).toBeNull();
    const host: HTMLElement = fixture.nativeElement.querySelector('proofme-qr');
    expect(host.style.getPropertyValue('--proofme-qr-size')).toBe('200px');
    expect(host.querySelector('.proofme-qr__placeholder--busy')).not.toBeNull();
    expect(host.querySelector('[role="img"]')?.getAttribute('aria-busy')).toBe('true');
    expect(await qr.getAriaLabel()).toBe('QR code not available');
  });

  it('draws a code that decodes to exactly the session deeplink', async () => {
    const qr = await create();
    server.expectHost({ identificationId: ID });
    const element = await svg();
    const deeplink = await qr.getDeeplink();
    expect(deeplink).toBe(`https://proofme.id/app?p=${TEST_CHANNEL_ID}:wss%3A%2F%2Fapi.proofme.id`);
    expect(decodeQrSvg(element)).toBe(deeplink);
    expect(await qr.getAriaLabel()).toBe('QR code to scan with the Proofme app');
    expect(fixture.nativeElement.querySelector('proofme-qr [role="img"]')).not.toBeNull();
  });

  it('draws dark modules on a white quiet zone whatever the page theme says', async () => {
    await create();
    const host: HTMLElement = fixture.nativeElement.querySelector('proofme-qr');
    host.style.setProperty('--proofme-text', '#ffffff');
    host.style.setProperty('--proofme-primary', '#000000');
    server.expectHost();
    const element = await svg();
    expect(element.querySelector('path[fill]')?.getAttribute('fill')).toBe('#ffffff');
    expect(element.querySelector('path[stroke]')?.getAttribute('stroke')).toBe('#000000');
    // Four modules of quiet zone: the first run starts at x = 4.
    expect(element.querySelector('path[stroke]')?.getAttribute('d')).toMatch(/^M4 4\.5h/);
  });

  it('dims a scanned code and draws an icon with a short title, not the status sentence', async () => {
    const qr = await create();
    server.expectHost().phoneConnected();
    expect(await qr.getState()).toBe('scanned');
    expect(await qr.isDimmed()).toBe(true);
    expect(await qr.getOverlayText()).toBe('Scanned');
    expect(await qr.getAriaLabel()).toBe('Continue on your phone');
    expect(fixture.nativeElement.textContent).not.toContain('QR code scanned. Continue on your phone.');
  });

  it.each([
    ['phone-left', () => server.expectHost().phoneLeft(), 'Disconnected'],
    ['expired', () => server.expectHost().close(4408), 'Expired'],
    ['reconnecting', () => server.expectHost().drop(), 'Reconnecting'],
    ['error', () => server.expectConnection().drop(), 'Unavailable'],
  ] as const)('says %s with an icon and a short title only', async (_status, act, title) => {
    const qr = await create();
    act();
    await fixture.whenStable();
    expect(await qr.getOverlayText()).toBe(title);
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('.proofme-qr__overlay svg')).not.toBeNull();
    expect(element.querySelectorAll('.proofme-qr__message')).toHaveLength(1);
  });

  it('leaves the white quiet-zone area to states that show a code', async () => {
    const qr = await create();
    const host: HTMLElement = fixture.nativeElement.querySelector('proofme-qr');
    expect(host.classList).not.toContain('proofme-qr--code');
    server.expectHost();
    await fixture.whenStable();
    expect(host.classList).toContain('proofme-qr--code');
    server.phoneLeft();
    await fixture.whenStable();
    expect(host.classList).not.toContain('proofme-qr--code');
    expect(await qr.getState()).toBe('phone-left');
  });

  it('draws the refresh as a real <button> and keeps focus on the code area after it', async () => {
    await create();
    server.expectHost().phoneLeft();
    await fixture.whenStable();
    const button: HTMLButtonElement = fixture.nativeElement.querySelector('.proofme-qr__refresh');
    expect(button.tagName).toBe('BUTTON');
    expect(button.type).toBe('button');
    button.focus();
    button.click();
    await fixture.whenStable();
    expect(document.activeElement).toBe(fixture.nativeElement.querySelector('.proofme-qr__frame'));
  });

  it('shows success, hides the code and emits the result once', async () => {
    const qr = await create();
    server.expectHost().phoneConnected().succeed();
    await fixture.whenStable();
    expect(await qr.getState()).toBe('succeeded');
    expect(await qr.getDeeplink()).toBeNull();
    expect(await qr.getOverlayText()).toBe('Done');
    expect(fixture.componentInstance.results).toEqual([{ status: 'succeeded', message: 'IDENTIFICATION_SUCCESS' }]);
    expect(fixture.componentInstance.states).toEqual(expect.arrayContaining(['ready', 'scanned', 'succeeded']));
  });

  it('offers "Try again" after a failed proofmeId session, which opens a new session (each is a new identification)', async () => {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    const session = TestBed.inject(ProofmeService).connect({ proofmeId: ID });
    fixture = TestBed.createComponent(Host);
    fixture.componentInstance.identificationId.set(undefined);
    fixture.componentInstance.session.set(session);
    server = TestBed.inject(ProofmeTestingController);
    const qr = await TestbedHarnessEnvironment.loader(fixture).getHarness(ProofmeQrHarness);
    server.expectHost({ proofmeId: ID }).phoneConnected().fail();
    expect(await qr.getOverlayText()).toBe('Not completed');
    const button: HTMLButtonElement = fixture.nativeElement.querySelector('.proofme-qr__refresh');
    expect(button.textContent?.trim()).toBe('Try again');
    const before = server.connections.length;
    await qr.clickRefresh();
    await fixture.whenStable();
    expect(server.connections.length).toBe(before + 1);
    server.expectHost({ proofmeId: ID }, OTHER_CHANNEL);
    expect(await qr.getState()).toBe('ready');
  });

  it('offers no "Try again" after a failed identification id: it is finished for good, a new channel for it is refused', async () => {
    const qr = await create();
    server.expectHost({ identificationId: ID }).phoneConnected().fail();
    expect(await qr.getOverlayText()).toBe('Not completed');
    expect(fixture.nativeElement.querySelector('.proofme-qr__refresh')).toBeNull();
    // Said to assistive technology too: the frame is named after the state.
    expect(fixture.nativeElement.querySelector('.proofme-qr__frame').getAttribute('aria-label')).toBe('Not completed');
    const before = server.connections.length;
    (fixture.debugElement.query((el) => el.name === 'proofme-qr').componentInstance as ProofmeQr).refresh();
    await fixture.whenStable();
    expect(server.connections.length).toBe(before);
  });

  it('hides the code when the phone leaves and refreshes to a new channel on click', async () => {
    const qr = await create();
    server.expectHost().phoneLeft();
    expect(await qr.getState()).toBe('phone-left');
    expect(await qr.getDeeplink()).toBeNull();
    await qr.clickRefresh();
    server.expectHost(undefined, OTHER_CHANNEL);
    expect(await qr.getDeeplink()).toContain(OTHER_CHANNEL);
    expect(decodeQrSvg(await svg())).toContain(OTHER_CHANNEL);
  });

  it('offers a refresh when the channel expired', async () => {
    const qr = await create();
    server.expectHost().close(4408, 'channel expired');
    expect(await qr.getState()).toBe('expired');
    expect(await qr.hasRefreshButton()).toBe(true);
  });

  it('offers a refresh when the server could not be reached', async () => {
    const qr = await create();
    server.expectConnection().drop();
    expect(await qr.getState()).toBe('error');
    expect(await qr.hasRefreshButton()).toBe(true);
  });

  it('offers no refresh that cannot help: the server refused to host this identification', async () => {
    const qr = await create();
    server.expectConnection().open().send({ type: 'host', success: false, channelId: TEST_CHANNEL_ID });
    expect(await qr.getState()).toBe('error');
    expect(await qr.hasRefreshButton()).toBe(false);
  });

  it('closes the session it owns when destroyed, or when the id changes', async () => {
    await create();
    server.expectHost();
    fixture.componentInstance.identificationId.set('b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3');
    await fixture.whenStable();
    expect(server.connections[0].isOpen).toBe(false);
    server.expectHost({ identificationId: 'b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3' });
    fixture.destroy();
    expect(server.openConnectionCount).toBe(0);
  });

  it('only renders a session it is given, and leaves it open when destroyed', async () => {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    const session = TestBed.inject(ProofmeService).connect({ proofmeId: ID });
    fixture = TestBed.createComponent(Host);
    fixture.componentInstance.identificationId.set(undefined);
    fixture.componentInstance.session.set(session);
    server = TestBed.inject(ProofmeTestingController);
    server.expectHost({ proofmeId: ID });
    await fixture.whenStable();
    expect(decodeQrSvg(await svg())).toContain(TEST_CHANNEL_ID);
    fixture.destroy();
    expect(session.state().status).toBe('ready');
    expect(server.openConnectionCount).toBe(1);
    server.verify();
  });

  it('refuses two sources at once with a clear dev-mode error', async () => {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    const session = TestBed.inject(ProofmeService).connect({ proofmeId: ID });
    fixture = TestBed.createComponent(Host);
    fixture.componentInstance.session.set(session);
    const error = await fixture.whenStable().catch((e: unknown) => e);
    expect(error).toEqual(expect.objectContaining({ message: expect.stringMatching(/PROOFME_INVALID_INPUTS.*exactly one of/) }));
    expectProofmeError(error, 'PROOFME_INVALID_INPUTS');
  });

  it('frees the blob: URL angularx-qrcode makes of every code, so new channels do not pile up memory', async () => {
    const created: string[] = [];
    const createSpy = jest.spyOn(URL, 'createObjectURL').mockImplementation(() => {
      created.push(`blob:proofme-test/${created.length}`);
      return created[created.length - 1];
    });
    const revokeSpy = jest.spyOn(URL, 'revokeObjectURL');
    try {
      const qr = await create();
      server.expectHost();
      await svg();
      server.phoneLeft();
      await qr.clickRefresh();
      server.expectHost(undefined, OTHER_CHANNEL);
      await fixture.whenStable();
      await waitFor(() => created.length === 2);
      await waitFor(() => revokeSpy.mock.calls.length === 2);
      expect(revokeSpy.mock.calls.map(([url]) => url)).toEqual(created);
    } finally {
      createSpy.mockRestore();
      revokeSpy.mockRestore();
    }
  });

  it('draws on a canvas when asked', async () => {
    await create();
    fixture.componentInstance.elementType.set('canvas');
    server.expectHost();
    await fixture.whenStable();
    await waitFor(() => fixture.nativeElement.querySelector('proofme-qr canvas'));
  });

  it('speaks Dutch with withLabels(PROOFME_LABELS_NL), and takes single overrides', async () => {
    const qr = await create(withLabels(PROOFME_LABELS_NL, { continueOnPhone: 'Kijk op je telefoon', titles: { succeeded: 'Gelukt' } }));
    server.expectHost();
    expect(await qr.getAriaLabel()).toBe('QR-code om te scannen met de Proofme-app');
    server.phoneConnected();
    expect(await qr.getAriaLabel()).toBe('Kijk op je telefoon');
    expect(await qr.getOverlayText()).toBe('Gescand');
    server.succeed();
    expect(await qr.getOverlayText()).toBe('Gelukt');
  });
});
