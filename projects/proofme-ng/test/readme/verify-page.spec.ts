// verify-page.spec.ts: your page's test, with no phone and no server (Vitest or Jest, zoneless or zone.js)
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideProofme } from 'proofme-ng';
import { ProofmeIdentification } from 'proofme-ng/components';
import { ProofmeQrHarness, ProofmeTestingController, provideProofmeTesting } from 'proofme-ng/testing';

const ID = '8d7c2f64-1b0e-4c47-9a55-3f2e6d1c0b9a'; // an identification your backend created

@Component({
  imports: [ProofmeIdentification],
  template: `<proofme-identification [identificationId]="id" />`,
})
class VerifyPage {
  readonly id = ID;
}

describe('VerifyPage', () => {
  it('shows the QR code, then the outcome the phone sends', async () => {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    const fixture = TestBed.createComponent(VerifyPage);
    await fixture.whenStable(); // the session connects once the page has rendered
    const proofme = TestBed.inject(ProofmeTestingController);
    const qr = await TestbedHarnessEnvironment.loader(fixture).getHarness(ProofmeQrHarness);

    proofme.expectHost({ identificationId: ID });
    expect(await qr.getDeeplink()).toContain('https://proofme.id/app?p=');
    proofme.phoneConnected().succeed();
    expect(await qr.getState()).toBe('succeeded');
    proofme.verify(); // no connection left unexpected
  });
});
