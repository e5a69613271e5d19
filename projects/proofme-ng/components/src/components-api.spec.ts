import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ProofmeTestingController, provideProofmeTesting } from 'proofme-ng/testing';
import { ProofmeService, ProofmeSession, provideProofme } from 'proofme-ng';
import { ProofmeIdentification } from './identification/proofme-identification';
import { ProofmeMobileButton } from './mobile-button/proofme-mobile-button';
import { ProofmeQr } from './qr/proofme-qr';
import { ProofmeStatus } from './status/proofme-status';

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';

/** Static attributes, as an app writes them in a template: strings that the transforms turn into values. */
@Component({
  imports: [ProofmeQr, ProofmeStatus, ProofmeIdentification],
  template: `
    <proofme-qr [session]="session" size="200" margin="2" showRefresh="false" />
    <proofme-status [session]="session" announce="false" />
  `,
})
class AttributeHost {
  readonly session: ProofmeSession = TestBed.inject(ProofmeService).connect({ identificationId: ID });
}

@Component({
  imports: [ProofmeIdentification],
  template: `<proofme-identification [session]="session" qrSize="300" compactQrSize="120" mobile="always" />`,
})
class IdentificationAttributeHost {
  readonly session: ProofmeSession = TestBed.inject(ProofmeService).connect({ identificationId: ID });
}

describe('component inputs', () => {
  it('take static attributes: numbers through numberAttribute, booleans through booleanAttribute', async () => {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    const fixture = TestBed.createComponent(AttributeHost);
    TestBed.inject(ProofmeTestingController).expectHost().phoneLeft();
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const qr = element.querySelector<HTMLElement>('proofme-qr')!;
    expect(qr.style.getPropertyValue('--proofme-qr-size')).toBe('200px');
    // showRefresh="false" is false, not the truthy string "false".
    expect(qr.querySelector('.proofme-qr__refresh')).toBeNull();
    // announce="false" likewise: nothing announced, even a frame later.
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    await fixture.whenStable();
    expect(element.querySelector('.proofme-status__live')?.textContent).toBe('');
  });

  it('take numeric attributes for the identification\'s code sizes', async () => {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    const fixture = TestBed.createComponent(IdentificationAttributeHost);
    TestBed.inject(ProofmeTestingController).expectHost();
    await fixture.whenStable();
    const qr = (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>('proofme-qr')!;
    // mobile="always": the compact size applies.
    expect(qr.style.getPropertyValue('--proofme-qr-size')).toBe('120px');
    fixture.destroy();
  });

  it('keeps preflight unset unless given, and reads a bare preflight attribute as true', () => {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    const fixture = TestBed.createComponent(ProofmeIdentification);
    expect(fixture.componentInstance.preflight()).toBeUndefined();
    fixture.componentRef.setInput('preflight', '');
    expect(fixture.componentInstance.preflight()).toBe(true);
    fixture.componentRef.setInput('preflight', 'false');
    expect(fixture.componentInstance.preflight()).toBe(false);
  });
});

describe('component public surface', () => {
  it('keeps template-only members protected', () => {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    const session = TestBed.inject(ProofmeService).connect({ identificationId: ID });
    const button = TestBed.createComponent(ProofmeMobileButton);
    button.componentRef.setInput('session', session);
    const status = TestBed.createComponent(ProofmeStatus);
    status.componentRef.setInput('session', session);
    const qr = TestBed.createComponent(ProofmeQr);
    // Each line compiles only while the member is protected: `@ts-expect-error` fails on a public one.
    // @ts-expect-error template-only
    void button.componentInstance.visible;
    // @ts-expect-error template-only
    void button.componentInstance.deeplink;
    // @ts-expect-error template-only
    void status.componentInstance.text;
    // @ts-expect-error template-only
    void status.componentInstance.recoverable;
    // @ts-expect-error template-only
    void qr.componentInstance.deeplink;
    // What a parent may read through viewChild() stays public.
    expect(status.componentInstance.state().status).toBe('connecting');
    expect(qr.componentInstance.state().status).toBe('connecting');
    TestBed.inject(ProofmeTestingController).expectConnection();
  });

  it('imports nothing from @angular/cdk/private (not public API)', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
    const sources = files(__dirname).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'));
    expect(sources.length).toBeGreaterThan(5);
    const offenders = sources.filter((file) => /from '@angular\/cdk\/private'/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe("<proofme-status>'s live region", () => {
  it('lives inside the component (heard inside a modal <dialog>), polite, and carries the text', async () => {
    jest.useFakeTimers();
    try {
      TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
      const fixture = TestBed.createComponent(ProofmeStatus);
      fixture.componentRef.setInput('session', TestBed.inject(ProofmeService).connect({ identificationId: ID }));
      TestBed.inject(ProofmeTestingController).expectHost();
      fixture.detectChanges();
      jest.advanceTimersByTime(200);
      fixture.detectChanges();
      const region = (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>('.proofme-status__live')!;
      expect(region.getAttribute('aria-live')).toBe('polite');
      expect(region.textContent).toBe('Scan the QR code with the Proofme app.');
      // No region of the CDK's at the end of <body>, which a modal dialog would make inert.
      expect(document.querySelector('.cdk-live-announcer-element')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });
});
