import { LiveAnnouncer } from '@angular/cdk/a11y';
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
  template: `<proofme-status [session]="session" />`,
})
class DefaultHost {
  session!: ProofmeSession;
}

@Component({
  imports: [ProofmeStatus, ProofmeStatusTemplate],
  template: `<proofme-status [session]="session">
    <ng-template proofmeStatus let-state let-text="text" let-recoverable="recoverable" let-retry="retry">
      <p class="custom">{{ state.status }}: {{ text }}</p>
      @if (recoverable) {
        <button class="custom-retry" (click)="retry()">again</button>
      }
    </ng-template>
  </proofme-status>`,
})
class CustomHost {
  session!: ProofmeSession;
}

describe('<proofme-status>', () => {
  const announce = jest.fn().mockResolvedValue(undefined);

  function setUp<T extends { session: ProofmeSession }>(host: new () => T, ...features: Parameters<typeof provideProofme>[1][]) {
    announce.mockClear();
    TestBed.configureTestingModule({
      providers: [
        provideProofme({}, ...features),
        provideProofmeTesting(),
        { provide: LiveAnnouncer, useValue: { announce } },
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
    ['reconnecting', (s: ProofmeTestingController) => s.expectHost().drop(), 'Connection lost. Reconnecting…', false],
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

  it('announces each change politely', async () => {
    const { fixture, server } = setUp(DefaultHost);
    await fixture.whenStable();
    server.expectHost();
    await fixture.whenStable();
    server.phoneConnected();
    await fixture.whenStable();
    expect(announce.mock.calls).toEqual([
      ['Preparing a secure connection…', 'polite'],
      ['Scan the QR code with the Proofme app.', 'polite'],
      ['QR code scanned. Continue on your phone.', 'polite'],
    ]);
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
    expect(announce).toHaveBeenLastCalledWith('Scan me', 'polite');
  });

  it('renders a custom template with the state, the text and the retry action', async () => {
    const { fixture, server } = setUp(CustomHost);
    server.expectHost().phoneLeft();
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('.custom')?.textContent).toBe('phone-left: The phone disconnected. Get a new QR code to try again.');
    expect(element.querySelector('.proofme-status__text')).toBeNull();
    (element.querySelector('.custom-retry') as HTMLButtonElement).click();
    expect(server.connections).toHaveLength(2);
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

