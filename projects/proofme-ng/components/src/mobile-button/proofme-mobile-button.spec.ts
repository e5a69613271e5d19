import { Platform } from '@angular/cdk/platform';
import { Component, DestroyRef, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ProofmeMobileButtonHarness, ProofmeTestingController, provideProofmeTesting } from 'proofme-ng/testing';
import { ProofmeService, ProofmeSession, provideProofme } from 'proofme-ng';
import { ProofmeMobileButton, ProofmeMobileButtonMode } from './proofme-mobile-button';

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';

@Component({
  imports: [ProofmeMobileButton],
  template: `<proofme-mobile-button [session]="session" [show]="show()" />`,
})
class Host {
  session!: ProofmeSession;
  readonly show = signal<ProofmeMobileButtonMode>('auto');
}

const IPAD_IN_APP = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
const IPAD_SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

type Flags = Partial<Pick<Platform, 'ANDROID' | 'IOS' | 'SAFARI'>>;

describe('<proofme-mobile-button>', () => {
  const jsdomAgent = window.navigator.userAgent;
  afterEach(() => {
    Object.defineProperty(window.navigator, 'maxTouchPoints', { value: 0, configurable: true });
    Object.defineProperty(window.navigator, 'userAgent', { value: jsdomAgent, configurable: true });
  });

  async function setUp(flags: Flags, show: ProofmeMobileButtonMode = 'auto') {
    const platform = { isBrowser: true, ANDROID: false, IOS: false, SAFARI: false, ...flags };
    TestBed.configureTestingModule({
      providers: [provideProofme(), provideProofmeTesting(), { provide: Platform, useValue: platform }],
    });
    const fixture = TestBed.createComponent(Host);
    const session = TestBed.inject(ProofmeService).connect({ identificationId: ID }, { destroyRef: fixture.componentRef.injector.get(DestroyRef) });
    fixture.componentInstance.session = session;
    fixture.componentInstance.show.set(show);
    await fixture.whenStable();
    const harness = await TestbedHarnessEnvironment.loader(fixture).getHarness(ProofmeMobileButtonHarness);
    return { fixture, session, harness, server: TestBed.inject(ProofmeTestingController) };
  }

  it.each([
    ['Android', { ANDROID: true }],
    ['iOS', { IOS: true, SAFARI: true }],
  ])('shows on %s and links to the session deeplink once ready', async (_name, flags) => {
    const { harness, server, session } = await setUp(flags);
    expect(await harness.isVisible()).toBe(true);
    expect(await harness.getHref()).toBeNull();
    server.expectHost();
    const state = session.state();
    expect(await harness.getHref()).toBe(state.status === 'ready' ? state.deeplink : 'not ready');
    expect(await harness.getLabel()).toBe('Open in the Proofme app');
  });

  it('is inert until the channel is ready', async () => {
    const { fixture } = await setUp({ ANDROID: true });
    const link: HTMLAnchorElement = fixture.nativeElement.querySelector('a');
    expect(link.hasAttribute('href')).toBe(false);
    expect(link.getAttribute('aria-disabled')).toBe('true');
  });

  it('shows on an iPad that reports itself as a Mac', async () => {
    Object.defineProperty(window.navigator, 'maxTouchPoints', { value: 5, configurable: true });
    Object.defineProperty(window.navigator, 'userAgent', { value: IPAD_SAFARI, configurable: true });
    const { harness } = await setUp({ SAFARI: true });
    expect(await harness.isVisible()).toBe(true);
  });

  it('shows in an iPad in-app browser, whose Mac UA has no "Safari" (so the CDK has no SAFARI flag)', async () => {
    Object.defineProperty(window.navigator, 'maxTouchPoints', { value: 5, configurable: true });
    Object.defineProperty(window.navigator, 'userAgent', { value: IPAD_IN_APP, configurable: true });
    const { harness } = await setUp({});
    expect(await harness.isVisible()).toBe(true);
  });

  it('is hidden, not dimmed, once the phone has scanned, and keeps its place', async () => {
    const { fixture, harness, server } = await setUp({ ANDROID: true });
    server.expectHost();
    expect(await harness.isVisible()).toBe(true);
    server.phoneConnected();
    await fixture.whenStable();
    expect(await harness.isVisible()).toBe(false);
    const host: HTMLElement = fixture.nativeElement.querySelector('proofme-mobile-button');
    expect(host.classList).toContain('proofme-mobile-button--done');
    expect(host.querySelector('a')).not.toBeNull();
  });

  it('stays hidden on a desktop, including desktop Safari', async () => {
    expect(await (await setUp({})).harness.isVisible()).toBe(false);
    TestBed.resetTestingModule();
    expect(await (await setUp({ SAFARI: true })).harness.isVisible()).toBe(false);
  });

  it('can be forced on or off', async () => {
    expect(await (await setUp({}, 'always')).harness.isVisible()).toBe(true);
    TestBed.resetTestingModule();
    expect(await (await setUp({ ANDROID: true }, 'never')).harness.isVisible()).toBe(false);
  });
});
