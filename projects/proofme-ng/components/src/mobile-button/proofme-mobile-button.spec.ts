import { Platform } from '@angular/cdk/platform';
import { Component, signal } from '@angular/core';
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

type Flags = Partial<Pick<Platform, 'ANDROID' | 'IOS' | 'SAFARI'>>;

describe('<proofme-mobile-button>', () => {
  afterEach(() => Object.defineProperty(window.navigator, 'maxTouchPoints', { value: 0, configurable: true }));

  async function setUp(flags: Flags, show: ProofmeMobileButtonMode = 'auto') {
    const platform = { isBrowser: true, ANDROID: false, IOS: false, SAFARI: false, ...flags };
    TestBed.configureTestingModule({
      providers: [provideProofme(), provideProofmeTesting(), { provide: Platform, useValue: platform }],
    });
    const session = TestBed.inject(ProofmeService).connect({ identificationId: ID });
    const fixture = TestBed.createComponent(Host);
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
    const { harness } = await setUp({ SAFARI: true });
    expect(await harness.isVisible()).toBe(true);
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
