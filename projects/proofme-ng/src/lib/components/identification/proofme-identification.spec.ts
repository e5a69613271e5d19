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
import { provideProofme } from '../../config';
import { ProofmeResult } from '../../session/proofme-state';
import { ProofmeMobileButtonMode } from '../mobile-button/proofme-mobile-button';
import { ProofmeIdentification } from './proofme-identification';

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
});
