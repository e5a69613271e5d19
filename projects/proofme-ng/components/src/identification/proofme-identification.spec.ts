import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import {
  ProofmeMobileButtonHarness,
  ProofmeQrHarness,
  ProofmeStatusHarness,
  ProofmeTestingController,
  provideProofmeTesting,
} from 'proofme-ng/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ProofmeResult, provideProofme, withPreflight } from 'proofme-ng';
import { ProofmeMobileButtonMode } from '../mobile-button/proofme-mobile-button';
import { expectProofmeError } from '../../../test/proofme-error-matchers';
import { ProofmeIdentification } from './proofme-identification';
import { ProofmeStatusTemplate } from '../status/proofme-status-template';

const PROOFME_ID = 'b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3';

@Component({
  imports: [ProofmeIdentification],
  template: `<proofme-identification [proofmeId]="proofmeId" [mobile]="mobile()" (result)="results.push($event)" />`,
})
class Host {
  readonly proofmeId = PROOFME_ID;
  readonly mobile = signal<ProofmeMobileButtonMode>('auto');
  readonly results: ProofmeResult[] = [];
}

describe('<proofme-identification>', () => {
  async function setUp(mobile: ProofmeMobileButtonMode) {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.mobile.set(mobile);
    await fixture.whenStable();
    return { fixture, loader: TestbedHarnessEnvironment.loader(fixture), server: TestBed.inject(ProofmeTestingController) };
  }

  it('shows the QR code and the status for one session on a desktop, and emits the result', async () => {
    const { fixture, loader, server } = await setUp('auto');
    server.expectHost({ proofmeId: PROOFME_ID });
    const qr = await loader.getHarness(ProofmeQrHarness);
    expect(await qr.getDeeplink()).toContain('https://proofme.id/app?p=');
    expect(await loader.hasHarness(ProofmeMobileButtonHarness)).toBe(false);
    server.phoneConnected().succeed();
    expect(await (await loader.getHarness(ProofmeStatusHarness)).getState()).toBe('succeeded');
    expect(fixture.componentInstance.results).toEqual([{ status: 'succeeded', message: 'IDENTIFICATION_SUCCESS' }]);
    server.verify();
  });

  it('says a recoverable state once, with one button to act on it', async () => {
    const { fixture, server } = await setUp('auto');
    server.expectHost().phoneLeft();
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.textContent!.split('The phone disconnected.').length - 1).toBe(1);
    expect([...element.querySelectorAll('button')].map((b) => b.textContent!.trim())).toEqual(['New QR code']);
  });

  it('puts the button first and shrinks the code on a phone', async () => {
    const { fixture, loader, server } = await setUp('always');
    server.expectHost();
    const qr = await loader.getHarness(ProofmeQrHarness);
    const button = await loader.getHarness(ProofmeMobileButtonHarness);
    expect(await button.getHref()).toBe(await qr.getDeeplink());
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('proofme-qr')?.getAttribute('style')).toContain('--proofme-qr-size: 160px');
    expect(element.querySelector('proofme-identification > :first-child')?.tagName).toBe('PROOFME-MOBILE-BUTTON');
  });

  it('uses phone wording on a phone, and hides the button once scanned', async () => {
    const { fixture, loader, server } = await setUp('always');
    server.expectHost();
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('.proofme-status__text')?.textContent).toBe('Open the Proofme app to continue.');
    server.phoneConnected();
    await fixture.whenStable();
    expect(await (await loader.getHarness(ProofmeMobileButtonHarness)).isVisible()).toBe(false);
    expect(element.textContent).not.toMatch(/scan the QR code/i);
  });

  it('offers a primary "Try again" after a failure: a new session for the same public template (proofmeId), focus on the status', async () => {
    const { fixture, server } = await setUp('never');
    server.expectHost().phoneConnected().fail();
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const buttons = [...element.querySelectorAll<HTMLButtonElement>('button')];
    expect(buttons.map((b) => b.textContent!.trim())).toEqual(['Try again']);
    expect(buttons[0].classList).toContain('proofme-primary-button');
    const before = server.connections.length;
    buttons[0].click();
    await fixture.whenStable();
    expect(server.connections.length).toBe(before + 1);
    expect(document.activeElement).toBe(element.querySelector('proofme-status'));
    server.expectHost({ proofmeId: PROOFME_ID }, 'b755d288-dc1d-4a5e-91f5-a81a092c7ea6');
    await fixture.whenStable();
    expect(element.querySelector('proofme-status')?.getAttribute('data-state')).toBe('ready');
  });
});

describe('<proofme-identification> with a custom status look', () => {
  @Component({
    imports: [ProofmeIdentification, ProofmeStatusTemplate],
    template: `<proofme-identification [proofmeId]="id" mobile="never">
      <ng-template proofmeStatus let-state let-text="text"><p class="custom">{{ state.status }}: {{ text }}</p></ng-template>
    </proofme-identification>`,
  })
  class CustomLook {
    readonly id = PROOFME_ID;
  }

  it('passes an ng-template proofmeStatus placed inside it on to its status', async () => {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    const fixture = TestBed.createComponent(CustomLook);
    await fixture.whenStable();
    TestBed.inject(ProofmeTestingController).expectHost({ proofmeId: PROOFME_ID });
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('proofme-status .custom')?.textContent).toBe('ready: Scan the QR code with the Proofme app.');
    expect(element.querySelector('.proofme-status__text')).toBeNull();
  });
});

describe('<proofme-identification> after a failed identification', () => {
  const FIRST = '505c0af1-4807-41ed-83ba-d0f0c2571815';
  const NEXT = '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

  @Component({
    imports: [ProofmeIdentification],
    template: `<proofme-identification [identificationId]="id()" mobile="never" (tryAgain)="failures.push($event); id.set(next)" />`,
  })
  class Listening {
    readonly id = signal(FIRST);
    readonly next = NEXT;
    readonly failures: ProofmeResult[] = [];
  }

  @Component({
    imports: [ProofmeIdentification],
    template: `<proofme-identification [identificationId]="id" mobile="never" />`,
  })
  class NotListening {
    readonly id = FIRST;
  }

  it('asks the app for a new identification through (tryAgain), never a new channel for the finished one', async () => {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    const fixture = TestBed.createComponent(Listening);
    await fixture.whenStable();
    const server = TestBed.inject(ProofmeTestingController);
    server.expectHost({ identificationId: FIRST }).phoneConnected().fail('Your document could not be read.');
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const button = element.querySelector<HTMLButtonElement>('proofme-status button')!;
    expect(button.textContent!.trim()).toBe('Try again');
    // A double click asks once: two clicks must not make the app create two identifications.
    button.click();
    button.click();
    await fixture.whenStable();
    expect(fixture.componentInstance.failures).toEqual([{ status: 'failed', message: 'Your document could not be read.' }]);
    // The next session is for the identification the app made, not the finished one.
    server.expectHost({ identificationId: NEXT });
    server.verify();
    await fixture.whenStable();
    expect(element.querySelector('proofme-status')?.getAttribute('data-state')).toBe('ready');
  });

  it('offers no "Try again" for a failed identification when the app does not listen to (tryAgain)', async () => {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    const fixture = TestBed.createComponent(NotListening);
    await fixture.whenStable();
    const server = TestBed.inject(ProofmeTestingController);
    server.expectHost({ identificationId: FIRST }).phoneConnected().fail();
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('proofme-status')?.getAttribute('data-state')).toBe('failed');
    expect(fixture.nativeElement.querySelectorAll('button').length).toBe(0);
  });
});

describe('<proofme-identification> with preflight', () => {
  const API = 'https://api.proofme.id/v1';
  const ORG = 'd0c5e3a4-2f1b-4c7e-9a8d-6b5e4f3a2c1d';
  const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';

  @Component({
    imports: [ProofmeIdentification],
    template: `<proofme-identification [identificationId]="id()" />`,
  })
  class PreflightHost {
    readonly id = signal(ID);
  }

  async function setUp() {
    TestBed.configureTestingModule({
      providers: [provideProofme({}, withPreflight()), provideProofmeTesting(), provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(PreflightHost);
    await fixture.whenStable();
    return { fixture, server: TestBed.inject(ProofmeTestingController), http: TestBed.inject(HttpTestingController) };
  }

  const answerApi = (http: HttpTestingController, status: string) => {
    http.expectOne(() => true).flush({ myPage: { organisationId: ORG }, domain: 'http://localhost' });
    http.expectOne(`${API}/identification/${ID}`).flush({ identification: { id: ID, organisationId: ORG, status } });
  };

  it('shows a QR code only after every check passed', async () => {
    const { fixture, server, http } = await setUp();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Checking that everything is ready');
    server.expectConnection().host('b755d288-dc1d-4a5e-91f5-a81a092c7ea6');
    answerApi(http, 'PENDING');
    await fixture.whenStable();
    // One handshake: the session took over the preflight's probe, and shows its channel.
    expect(server.connections).toHaveLength(1);
    expect(server.openConnectionCount).toBe(1);
    const qr = await TestbedHarnessEnvironment.loader(fixture).getHarness(ProofmeQrHarness);
    expect(await qr.getDeeplink()).toContain('https://proofme.id/app?p=b755d288-dc1d-4a5e-91f5-a81a092c7ea6');
    server.verify();
    http.verify();
  });

  it('says what is wrong, and what to do, instead of showing a dead QR code', async () => {
    const { fixture, server, http } = await setUp();
    server.expectConnection().host();
    answerApi(http, 'SUCCESS');
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const panel = element.querySelector('[role="alert"]');
    expect(panel?.getAttribute('data-preflight-failure')).toBe('IDENTIFICATION_ALREADY_FINISHED');
    expect(panel?.textContent).toContain('This identification has already been completed.');
    expect(panel?.textContent).toContain('start a new identification');
    expect(element.querySelector('proofme-qr')).toBeNull();
    expect(server.openConnectionCount).toBe(0);

    // Checking again runs every check again.
    (element.querySelector('.proofme-identification__preflight-retry') as HTMLButtonElement).click();
    await fixture.whenStable();
    server.expectConnection().host();
    answerApi(http, 'PENDING');
    await fixture.whenStable();
    // The second probe passed and became the session: no third connection.
    expect(server.connections).toHaveLength(2);
    expect(server.openConnectionCount).toBe(1);
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });

  it('checks a new id before it connects to it: no session for an unchecked id', async () => {
    const { fixture, server, http } = await setUp();
    server.expectConnection().host();
    answerApi(http, 'PENDING');
    await fixture.whenStable();
    expect(server.connections).toHaveLength(1);
    const other = 'b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3';
    fixture.componentInstance.id.set(other);
    await fixture.whenStable();
    // Only the preflight's probe for the new id is open: no session was opened for it unchecked.
    expect(server.connections.filter((c) => c.isOpen).map((c) => c.data)).toEqual([`id:${other}`]);
    expect(server.connections.filter((c) => c.data === `id:${other}`)).toHaveLength(1);
    http.expectOne(() => true).flush({ myPage: { organisationId: ORG }, domain: 'http://localhost' });
    http.expectOne(`${API}/identification/${other}`).flush({ message: 'IDENTIFICATION_NOT_FOUND' }, { status: 404, statusText: 'x' });
    server.expectConnection({ identificationId: other }).host();
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('[role="alert"]')?.getAttribute('data-preflight-failure')).toBe('IDENTIFICATION_NOT_FOUND');
    expect(server.connections.filter((c) => c.data === `id:${other}`)).toHaveLength(1);
  });
});

describe('<proofme-identification [preflight]="true"> without withPreflight()', () => {
  @Component({
    imports: [ProofmeIdentification],
    template: `<proofme-identification [proofmeId]="id" [preflight]="true" />`,
  })
  class ForcedPreflightHost {
    readonly id = PROOFME_ID;
  }

  it('throws PROOFME_PREFLIGHT_NOT_PROVIDED, and opens nothing', async () => {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    const fixture = TestBed.createComponent(ForcedPreflightHost);
    expectProofmeError(await fixture.whenStable().catch((e: unknown) => e), 'PROOFME_PREFLIGHT_NOT_PROVIDED');
    expect(TestBed.inject(ProofmeTestingController).connections).toHaveLength(0);
  });
});

describe('<proofme-identification> focus and layout while its preflight runs', () => {
  const API = 'https://api.proofme.id/v1';
  const ORG = 'd0c5e3a4-2f1b-4c7e-9a8d-6b5e4f3a2c1d';
  const FIRST = '505c0af1-4807-41ed-83ba-d0f0c2571815';
  const NEXT = '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

  @Component({
    imports: [ProofmeIdentification],
    template: `
      <button type="button" class="elsewhere">Elsewhere</button>
      @if (shown()) {
        <proofme-identification [identificationId]="id()" [mobile]="mobile()" (tryAgain)="id.set(next)" />
      }
    `,
  })
  class StartedHost {
    readonly shown = signal(false);
    readonly id = signal(FIRST);
    readonly next = NEXT;
    readonly mobile = signal<ProofmeMobileButtonMode>('never');
  }

  // jsdom has no user activation: a page that shows the component in reply to a click has one.
  let activation: { isActive: boolean; hasBeenActive: boolean };
  beforeEach(() => {
    activation = { isActive: true, hasBeenActive: true };
    Object.defineProperty(window.navigator, 'userActivation', { configurable: true, get: () => activation });
  });
  afterEach(() => {
    delete (window.navigator as { userActivation?: unknown }).userActivation;
    (document.activeElement as HTMLElement | null)?.blur();
  });

  async function start(mobile: ProofmeMobileButtonMode = 'never') {
    TestBed.configureTestingModule({
      providers: [provideProofme({}, withPreflight()), provideProofmeTesting(), provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(StartedHost);
    // Attached, as a page is: focus() does nothing on an element outside the document.
    document.body.append(fixture.nativeElement);
    fixture.componentInstance.mobile.set(mobile);
    fixture.componentInstance.shown.set(true);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    return {
      fixture,
      element,
      server: TestBed.inject(ProofmeTestingController),
      http: TestBed.inject(HttpTestingController),
      pass: async (id: string) => {
        const http = TestBed.inject(HttpTestingController);
        TestBed.inject(ProofmeTestingController).expectConnection({ identificationId: id }).host();
        http.expectOne(() => true).flush({ myPage: { organisationId: ORG }, domain: 'http://localhost' });
        http.expectOne(`${API}/identification/${id}`).flush({ identification: { id, organisationId: ORG, status: 'PENDING' } });
        await fixture.whenStable();
      },
    };
  }

  afterEach(() => document.querySelectorAll('[ng-version], div[id^="root"]').forEach((node) => node.remove()));

  it('after Start: holds focus in the component while it checks, and hands it to the status once the session shows', async () => {
    const { element, pass } = await start();
    expect(element.querySelector('proofme-identification')!.contains(document.activeElement)).toBe(true);
    await pass(FIRST);
    expect(element.querySelector('proofme-status')).not.toBeNull();
    expect(document.activeElement).toBe(element.querySelector('proofme-status'));
  });

  it('after "Try again" and the new id the app passes: focus on the new status, never on <body>', async () => {
    const { fixture, element, server, pass } = await start();
    await pass(FIRST);
    server.current.phoneConnected().fail();
    await fixture.whenStable();
    element.querySelector<HTMLButtonElement>('proofme-status button')!.click();
    await fixture.whenStable();
    // The new id is being checked: focus waits in the component, not on <body>.
    expect(element.querySelector('proofme-status')).toBeNull();
    expect(document.activeElement).not.toBe(document.body);
    expect(element.querySelector('proofme-identification')!.contains(document.activeElement)).toBe(true);
    await pass(NEXT);
    expect(element.querySelector('proofme-status')?.getAttribute('data-state')).toBe('ready');
    expect(document.activeElement).toBe(element.querySelector('proofme-status'));
  });

  it('after "Check again": focus waits in the component while it checks again, then goes to the status', async () => {
    activation = { isActive: false, hasBeenActive: false };
    const { fixture, element, http, server, pass } = await start();
    server.expectConnection({ identificationId: FIRST }).host();
    http.expectOne(() => true).flush({ myPage: { organisationId: ORG }, domain: 'http://localhost' });
    http.expectOne(`${API}/identification/${FIRST}`).flush({ message: 'IDENTIFICATION_NOT_FOUND' }, { status: 404, statusText: 'x' });
    await fixture.whenStable();
    const retry = element.querySelector<HTMLButtonElement>('.proofme-identification__preflight-retry')!;
    retry.focus();
    retry.click();
    await fixture.whenStable();
    expect(document.activeElement).toBe(element.querySelector('.proofme-identification__pending'));
    await pass(FIRST);
    expect(document.activeElement).toBe(element.querySelector('proofme-status'));
  });

  it('never takes focus back from where the user moved it while the preflight ran', async () => {
    const { element, pass } = await start();
    const elsewhere = element.querySelector<HTMLButtonElement>('.elsewhere')!;
    elsewhere.focus();
    await pass(FIRST);
    expect(element.querySelector('proofme-status')).not.toBeNull();
    expect(document.activeElement).toBe(elsewhere);
  });

  it('takes no focus when not shown in reply to the user (a page that just loaded, or a click long ago)', async () => {
    activation = { isActive: false, hasBeenActive: true };
    const { element, pass } = await start();
    expect(document.activeElement).toBe(document.body);
    await pass(FIRST);
    expect(element.querySelector('proofme-status')).not.toBeNull();
    expect(document.activeElement).toBe(document.body);
  });

  it('reserves the session layout while it checks: the status block, the final QR size and the button space on a phone', async () => {
    const { element } = await start('always');
    const pending = element.querySelector('.proofme-identification__pending');
    expect(pending?.classList).toContain('proofme-identification__status');
    expect(pending?.querySelector('[role="status"]')?.textContent).toContain('Checking that everything is ready');
    expect(element.querySelector('proofme-qr')?.getAttribute('style')).toContain('--proofme-qr-size: 160px');
    const space = element.querySelector('proofme-identification > :first-child');
    expect(space?.classList).toContain('proofme-identification__button-space');
    // Seen by nobody: a box that only keeps the button's place.
    expect(space?.getAttribute('aria-hidden')).toBe('true');
  });
});
