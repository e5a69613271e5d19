import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ProofmeStatusHarness, ProofmeTestingController, provideProofmeTesting } from 'proofme-ng/testing';
import { PROOFME_LABELS_NL, PROOFME_LOGGER, ProofmeService, ProofmeSession, provideProofme, withLabels } from 'proofme-ng';
import { ProofmeStatus } from './proofme-status';
import { ProofmeStatusTemplate } from './proofme-status-template';

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';

@Component({
  imports: [ProofmeStatus],
  template: `<proofme-status [session]="session" [mobile]="mobile" />`,
})
class DefaultHost {
  session!: ProofmeSession;
  mobile: 'auto' | 'always' | 'never' = 'never';
}

@Component({
  imports: [ProofmeStatus, ProofmeStatusTemplate],
  template: `<proofme-status [session]="session">
    <ng-template proofmeStatus let-state let-text="text" let-action="action" let-actionLabel="actionLabel" let-countdown="countdown" let-retry="retry">
      <p class="custom">{{ state.status }}: {{ text }}</p>
      @if (countdown) {
        <p class="custom-countdown">{{ countdown }}</p>
      }
      @if (action) {
        <button class="custom-retry" [attr.data-action]="action" (click)="retry()">{{ actionLabel }}</button>
      }
    </ng-template>
  </proofme-status>`,
})
class CustomHost {
  session!: ProofmeSession;
}

describe('<proofme-status>', () => {
  /** What the component's own live region says once the next frame has run. */
  async function announced(fixture: { whenStable(): Promise<unknown>; nativeElement: HTMLElement }): Promise<string | null | undefined> {
    await fixture.whenStable();
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    await fixture.whenStable();
    return fixture.nativeElement.querySelector('.proofme-status__live')?.textContent;
  }

  function setUp<T extends { session: ProofmeSession }>(host: new () => T, ...features: Parameters<typeof provideProofme>[1][]) {
    return setUpWith({}, host, ...features);
  }

  function setUpWith<T extends { session: ProofmeSession }>(
    options: Parameters<typeof provideProofme>[0],
    host: new () => T,
    ...features: Parameters<typeof provideProofme>[1][]
  ) {
    TestBed.configureTestingModule({
      providers: [
        provideProofme(options, ...features),
        provideProofmeTesting(),
        { provide: PROOFME_LOGGER, useValue: { warn: () => undefined } },
      ],
    });
    const session = TestBed.inject(ProofmeService).connect({ identificationId: ID });
    const fixture = TestBed.createComponent(host);
    fixture.componentInstance.session = session;
    return { fixture, session, server: TestBed.inject(ProofmeTestingController) };
  }

  it.each([
    ['connecting', () => undefined, 'Preparing a secure connection…', false],
    ['ready', (s: ProofmeTestingController) => s.expectHost(), 'Scan the QR code with the Proofme app.', false],
    ['scanned', (s: ProofmeTestingController) => s.expectHost().phoneConnected(), 'QR code scanned. Continue on your phone.', false],
    ['succeeded', (s: ProofmeTestingController) => s.expectHost().succeed(), 'Identification successful.', false],
    ['failed', (s: ProofmeTestingController) => s.expectHost().fail(), 'Identification failed.', false],
    ['phone-left', (s: ProofmeTestingController) => s.expectHost().phoneLeft(), 'The phone disconnected.', true],
    ['expired', (s: ProofmeTestingController) => s.expectHost().close(4408), 'This QR code has expired.', true],
    ['reconnecting', (s: ProofmeTestingController) => s.expectHost().drop(), 'Connection lost. Reconnecting…', true],
    ['error', (s: ProofmeTestingController) => s.expectConnection().drop(), 'Could not reach the identification service.', true],
  ] as const)('shows %s as text, with a retry button only when it can help', async (status, act, text, retry) => {
    const { fixture, server } = setUp(DefaultHost);
    act(server);
    const harness = await TestbedHarnessEnvironment.loader(fixture).getHarness(ProofmeStatusHarness);
    expect(await harness.getState()).toBe(status);
    expect(await harness.getText()).toContain(text);
    expect(await harness.hasRetryButton()).toBe(retry);
  });

  it.each([
    ['English', [], 'The identification service gave an address too long for a QR code.'],
    ['Dutch', [withLabels(PROOFME_LABELS_NL)], 'De identificatiedienst gaf een adres dat te lang is voor een QR-code.'],
  ] as const)('says in %s that the deeplink is too long for a QR code, not that the service is unreachable', async (_language, features, text) => {
    const { fixture, server, session } = setUp(DefaultHost, ...features);
    server.expectConnection().host(undefined, `wss://api.proofme.id${'/a'.repeat(500)}`);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'error', code: 'PROOFME_DEEPLINK_TOO_LONG' }));
    const harness = await TestbedHarnessEnvironment.loader(fixture).getHarness(ProofmeStatusHarness);
    expect(await harness.getState()).toBe('error');
    expect(await harness.getText()).toBe(text);
    // A new channel would be just as long: no retry button.
    expect(await harness.hasRetryButton()).toBe(false);
  });

  it('announces each change politely, in a live region of its own', async () => {
    const { fixture, server } = setUp(DefaultHost);
    const region: HTMLElement = fixture.nativeElement.querySelector('.proofme-status__live') ?? (await fixture.whenStable(), fixture.nativeElement.querySelector('.proofme-status__live'));
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(await announced(fixture)).toBe('Preparing a secure connection…');
    server.expectHost();
    expect(await announced(fixture)).toBe('Scan the QR code with the Proofme app.');
    server.phoneConnected();
    expect(await announced(fixture)).toBe('QR code scanned. Continue on your phone.');
  });

  it('announces the same message again when it repeats (cleared, then set on the next frame)', async () => {
    const { fixture, server, session } = setUp(DefaultHost);
    server.expectConnection().open().close(1000);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'error', code: 'PROOFME_HOST_REFUSED' }));
    const first = await announced(fixture);
    // The same refusal once more: identical text, so the region must be emptied before it is set.
    session.refresh();
    server.expectConnection().open().close(1000);
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('.proofme-status__live').textContent).toBe('');
    expect(await announced(fixture)).toBe(first);
  });

  it('counts down to the next attempt while reconnecting and starts it at once with "Retry now"', async () => {
    const { fixture, server, session } = setUp(DefaultHost);
    server.expectHost().drop();
    await fixture.whenStable();
    const state = session.state();
    expect(state.status).toBe('reconnecting');
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('.proofme-status__countdown')?.textContent).toMatch(/^Trying again in 0:\d\d$/);
    const button = element.querySelector<HTMLButtonElement>('.proofme-status__retry')!;
    expect(button.textContent?.trim()).toBe('Retry now');
    const before = server.connections.length;
    button.click();
    expect(server.connections.length).toBe(before + 1);
    // The button is gone with the state: focus stays on the status, not on <body>.
    expect(document.activeElement).toBe(element.querySelector('proofme-status'));
  });

  it('shows the expiry countdown calmly while a code is shown: minutes, then m:ss in the last minute', async () => {
    const { fixture, server } = setUp(DefaultHost);
    server.expectConnection().open().send({ type: 'host', channelId: 'b755d288-dc1d-4a5e-91f5-a81a092c7ea6', success: true, expiresAt: Date.now() + 552_000 });
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('.proofme-status__countdown')?.textContent).toBe('Code valid for 10 min');
  });

  it('shows the last minute of a code in m:ss', async () => {
    const { fixture, server } = setUp(DefaultHost);
    server.expectConnection().open().send({ type: 'host', channelId: 'b755d288-dc1d-4a5e-91f5-a81a092c7ea6', success: true, expiresAt: Date.now() + 42_500 });
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('.proofme-status__countdown')?.textContent).toMatch(/^Code valid for 0:4[23]$/);
  });

  it.each([
    ['phone-left', (s: ProofmeTestingController) => s.expectHost().phoneLeft(), 'The Proofme app disconnected. Try again to continue.'],
    ['ready', (s: ProofmeTestingController) => s.expectHost(), 'Open the Proofme app to continue.'],
    ['scanned', (s: ProofmeTestingController) => s.expectHost().phoneConnected(), 'Continue in the Proofme app.'],
    ['expired', (s: ProofmeTestingController) => s.expectHost().close(4408), 'This link has expired. Try again to continue.'],
  ] as const)('uses phone wording for %s with mobile="always" (never "scan the QR code")', async (_status, act, text) => {
    const { fixture, server } = setUp(DefaultHost);
    fixture.componentInstance.mobile = 'always';
    act(server);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('.proofme-status__text')?.textContent).toBe(text);
    expect(element.textContent).not.toMatch(/QR/);
  });

  it('shows the server\'s reason for a failure as text, and no "Try again" without a component that can restart', async () => {
    const { fixture, server } = setUp(DefaultHost);
    server.expectHost().fail('Your document has expired <b>now</b>');
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('.proofme-status__reason')?.textContent).toBe('Your document has expired <b>now</b>');
    expect(element.querySelector('b')).toBeNull();
    expect(element.querySelector('.proofme-status__retry')).toBeNull();
  });

  it('shows no raw code as a reason', async () => {
    const { fixture, server } = setUp(DefaultHost);
    server.expectHost().fail('IDENTIFICATION_FAILED');
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('.proofme-status__reason')).toBeNull();
  });

  it('retries with a new channel', async () => {
    const { fixture, server, session } = setUp(DefaultHost);
    server.expectHost().phoneLeft();
    const harness = await TestbedHarnessEnvironment.loader(fixture).getHarness(ProofmeStatusHarness);
    await harness.clickRetry();
    server.expectHost(undefined, 'b755d288-dc1d-4a5e-91f5-a81a092c7ea6');
    expect(session.state()).toEqual(expect.objectContaining({ status: 'ready', channelId: 'b755d288-dc1d-4a5e-91f5-a81a092c7ea6' }));
  });

  it('takes its texts from the labels', async () => {
    const { fixture, server } = setUp(DefaultHost, withLabels({ status: { ready: 'Scan me' } }));
    server.expectHost();
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toContain('Scan me');
    expect(await announced(fixture)).toBe('Scan me');
  });

  it('renders a custom template with the state, the text and the retry action', async () => {
    const { fixture, server } = setUp(CustomHost);
    server.expectHost().phoneLeft();
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('.custom')?.textContent).toBe('phone-left: The phone disconnected. Get a new QR code to try again.');
    expect(element.querySelector('.proofme-status__text')).toBeNull();
    const button = element.querySelector('.custom-retry') as HTMLButtonElement;
    expect([button.dataset['action'], button.textContent]).toEqual(['refresh', 'New QR code']);
    button.click();
    expect(server.connections).toHaveLength(2);
  });

  it('counts the reconnect wait down on a monotonic clock: a wall clock set back an hour changes nothing', async () => {
    // A wait long enough (no jitter) that the attempt cannot start during the test.
    const { fixture, server } = setUpWith({ reconnect: { initialDelayMs: 20_000, jitter: 0 } }, DefaultHost);
    server.expectHost().close(1006);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const shown = element.querySelector('.proofme-status__countdown')?.textContent;
    expect(shown).toBe('Trying again in 0:20');
    const realNow = Date.now;
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() - 3_600_000);
    try {
      // Until the status's own 1 s ticker has run (later on a loaded machine), then what it shows.
      const countdown = () => element.querySelector('.proofme-status__countdown')?.textContent;
      for (let waited = 0; countdown() === shown && waited < 10_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await fixture.whenStable();
      }
      expect(countdown()).toMatch(/^Trying again in 0:1\d$/);
    } finally {
      spy.mockRestore();
    }
  });

  it('gives a custom template the countdown and Retry now while reconnecting', async () => {
    const { fixture, server } = setUp(CustomHost);
    server.expectHost().close(1006);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('.custom-countdown')?.textContent).toMatch(/^Trying again in 0:\d\d$/);
    const button = element.querySelector('.custom-retry') as HTMLButtonElement;
    expect([button.dataset['action'], button.textContent]).toEqual(['retry-now', 'Retry now']);
    const before = server.connections.length;
    button.click();
    expect(server.connections.length).toBe(before + 1);
  });

  it('gives a custom template no action while the phone is scanning, and its retry() then drops nothing', async () => {
    const { fixture, server } = setUp(CustomHost);
    server.expectHost().phoneConnected();
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('.custom-retry')).toBeNull();
    const status = fixture.debugElement.query((el) => el.name === 'proofme-status').componentInstance as ProofmeStatus;
    status.retry();
    expect(server.connections).toHaveLength(1);
    expect(status.state().status).toBe('scanned');
  });

  it('shows text, never markup, from anywhere', async () => {
    const { fixture, server } = setUp(DefaultHost, withLabels({ status: { ready: '<img src=x onerror=alert(1)>' } }));
    server.expectHost();
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('img')).toBeNull();
    expect(element.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

